//! A bare Tauri window for the memory comparison in `app-perf.mjs`: the same Tauri build as Qalam,
//! with one window showing a hello-world page and nothing else. (A page, not about:blank: WebKit
//! starts no web-content process for about:blank, which would flatter the baseline.) Run by the
//! benchmark, not shipped. With `QALAM_BARE_TEXT` naming an article file, the page is instead its
//! paragraphs in one right-to-left `contenteditable` — the typing baseline: the same words in the
//! same webview, with no editor around them.

/// The page, marking the first frame that shows it on its timeline, as Qalam marks the frame
/// that shows a draft: the benchmark times both cold starts to their marks.
const PAGE: &str = "<!doctype html><html><body><h1>hello</h1>\
    <script>requestAnimationFrame(() => performance.mark(\"qalam:draft-shown\"))</script></body></html>";

/// The article's body as paragraphs of one editable element (its front matter left out).
fn editable_page(article: &str) -> String {
    let body = article.splitn(3, "---").nth(2).unwrap_or(article);
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let paragraphs: String =
        body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| format!("<p>{}</p>", escape(p))).collect();
    format!(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\"><body><h1>typing</h1>\
         <div contenteditable=\"true\" data-testid=\"editor\" style=\"font-size:20px;line-height:1.8\">{paragraphs}</div></body></html>"
    )
}

fn main() {
    let page = match std::env::var_os("QALAM_BARE_TEXT") {
        Some(path) => editable_page(&std::fs::read_to_string(path).expect("the article to type in")),
        None => PAGE.to_string(),
    };
    let mut context = tauri::generate_context!("tauri.conf.json");
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("bare", move |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(page.clone().into_bytes())
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
