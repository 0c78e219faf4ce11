//! A bare Tauri window for the memory comparison in `app-perf.mjs`: the same Tauri build as Qalam,
//! with one window showing an empty page and nothing else. Run by the benchmark, not shipped.

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(app, "bare", tauri::WebviewUrl::App("about:blank".into()))
                .title("bare")
                .inner_size(1280.0, 820.0)
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the bare window runs");
}
