//! The HTML renderer: semantic and right-to-left, and safe by construction.

use qalam_core::article::html::render_article;
use qalam_core::article::parse;

use crate::support::seed_article;

#[test]
fn the_seed_renders_as_a_semantic_rtl_article_in_page_order() {
    let html = render_article(&seed_article());
    assert!(html.starts_with("<article dir=\"rtl\" lang=\"ar\">"));
    let order = [
        "<p class=\"kicker\">تجاهل اتفاقات الانسحاب</p>",
        "<h1>قوات أميركية تغادر سوريا",
        "<time datetime=\"2025-04-20\">20 نيسان 2025</time>",
        "<span class=\"dateline\">انفوبلس/..</span>",
        "<p dir=\"auto\">في خرق فاضح",
        "<h2 dir=\"auto\">تمركُز مفاجئ</h2>",
        "<h2 dir=\"auto\">تعزيز عسكري رغم الاتفاق</h2>",
        "<figure class=\"pullquote\"><blockquote><p dir=\"auto\">أميركا تمارس",
        "<figcaption>— مصدر سياسي عراقي</figcaption></figure>",
        "<nav class=\"related-stories\" aria-label=\"أخبار مشابهة\">",
        "<a href=\"https://example.org/related/1\">مرشح رئاسي",
        "<time datetime=\"2026-02-16\">16 شباط 2026</time>",
    ];
    let mut at = 0;
    for part in order {
        let found = html[at..].find(part).unwrap_or_else(|| panic!("missing or out of order: {part}"));
        at += found + part.len();
    }
}

#[test]
fn hostile_source_comes_out_as_text_and_only_safe_urls_become_links() {
    let src = r#"---
title: <script>alert('t')</script>
hero:
  src: javascript:alert(1)
  alt: x" onerror="alert(1)
related:
  - title: r
    url: "JaVaScRiPt:alert(2)"
---

<script>alert(1)</script>

<img src=x onerror=alert(1)> and <svg onload=alert(1)>

[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [ok](https://infoplus.iq/a) [mail](mailto:desk@x.iq)

![pic](vbscript:msgbox "cap")

> [!RELATED]
> - [evil](java	script:alert(1))
"#;
    let html = render_article(&parse(src).unwrap());
    for forbidden in [
        "<script",
        "<img src=x",
        "<svg",
        "onerror=\"alert",
        "href=\"javascript",
        "href=\"data:",
        "src=\"javascript",
        "src=\"vbscript",
        "href=\"java",
    ] {
        assert!(!html.to_lowercase().contains(&forbidden.to_lowercase()), "{forbidden} leaked:\n{html}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "raw HTML is kept as visible text");
    assert!(html.contains("<a href=\"https://infoplus.iq/a\">ok</a>"));
    assert!(html.contains("<a href=\"mailto:desk@x.iq\">mail</a>"));
    assert!(html.contains("click"), "a refused link keeps its words");
}
