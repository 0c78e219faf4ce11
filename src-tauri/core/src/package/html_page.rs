//! `article.html`: the article as a standalone HTML5 page — the core's safe renderer inside a
//! document with its stylesheet inlined, so it shows the same with no network and no other file
//! than the package's pictures.

use crate::article::html::{escape, render_presented};
use crate::article::Article;
use crate::presentation::Presentation;

const PAGE_CSS: &str = include_str!("page.css");

/// The page of an article already presented in the publication's digits (`presentation` gives
/// its dates).
pub fn standalone_page(shown: &Article, presentation: &Presentation) -> String {
    let meta = &shown.meta;
    let dir = if meta.is_rtl() { "rtl" } else { "ltr" };
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\" dir=\"{dir}\">\n<head>\n", escape(&meta.language)));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&meta.title)));
    if let Some(standfirst) = &meta.standfirst {
        out.push_str(&format!("<meta name=\"description\" content=\"{}\">\n", escape(standfirst)));
    }
    out.push_str("<style>\n");
    out.push_str(PAGE_CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&render_presented(shown, presentation));
    out.push_str("</body>\n</html>\n");
    out
}
