//! A bare Tauri window for the memory comparison in `app-perf.mjs`: the same Tauri build as Qalam,
//! with one window showing a hello-world page and nothing else. (A page, not about:blank: WebKit
//! starts no web-content process for about:blank, which would flatter the baseline.) Run by the
//! benchmark, not shipped.

const PAGE: &[u8] = b"<!doctype html><html><body><h1>hello</h1></body></html>";

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("bare", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(PAGE.to_vec())
                .expect("a static response")
        })
        .setup(|app| {
            let url = tauri::WebviewUrl::CustomProtocol("bare://localhost/".parse().expect("a valid URL"));
            tauri::WebviewWindowBuilder::new(app, "bare", url).title("bare").inner_size(1280.0, 820.0).build()?;
            Ok(())
        })
        .run(context)
        .expect("the bare window runs");
}
