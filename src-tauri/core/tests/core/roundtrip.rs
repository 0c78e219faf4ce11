//! parse → print → parse gives an equal model, over generated articles with Arabic, Latin, digits,
//! Markdown-significant punctuation and every block kind; and printing any parsed file is stable.

use chrono::NaiveDate;
use proptest::prelude::*;
use qalam_core::article::images::{for_each_figure, for_each_figure_mut};
use qalam_core::article::inline_text::merge_texts;
use qalam_core::article::model::{Hero, RelatedLink, RelatedStory};
use qalam_core::article::{parse, print, Article, Block, FrontMatter, Inline};

/// Words that exercise the printer: Arabic with harakat, Latin, both digit styles, and every
/// character Markdown might read as structure.
const WORDS: &[&str] = &[
    "قوات",
    "أميركية",
    "تمركُز",
    "الأنبار",
    "عين",
    "الأسد",
    "انسحاب",
    "واشنطن",
    "2,000",
    "1,400",
    "١٤٠٠",
    "(Pentagon)",
    "U.S.",
    "news",
    "Baghdad",
    "،",
    "؛",
    "؟",
    ":",
    "—",
    "«",
    "»",
    "\"quoted\"",
    "'",
    "*",
    "**",
    "_",
    "`",
    "\\",
    "#",
    "##",
    "-",
    "+",
    ">",
    "=",
    "~",
    "|",
    "1.",
    "2)",
    "!",
    "[",
    "]",
    "(",
    ")",
    "<b>",
    "</p>",
    "&amp;",
    "&#8212;",
    "&",
    "—x",
    "[!PULLQUOTE",
    "http://x.y",
    "a_b",
    "x*y",
];

const URLS: &[&str] = &[
    "https://infoplus.iq/a",
    "/relative/path",
    "https://x.org/a b",
    "https://x.org/(paren)",
    "javascript:alert(1)",
    "mailto:desk@x.iq",
    "https://x.org/?a=1&amp;b=2",
    "images/صورة.jpg",
    "",
    "<odd>",
    "a\\b",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..=max).prop_map(|w| w.join(" "))
}

/// A word that starts and ends with a letter, for the edges of emphasis.
fn plain_word() -> impl Strategy<Value = String> {
    prop::sample::select(&["قوات", "العراق", "Pentagon", "news", "بغداد", "سيادة"][..]).prop_map(String::from)
}

fn url() -> impl Strategy<Value = String> {
    prop::sample::select(URLS).prop_map(String::from)
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), words(3), Just("a \"title\" \\ here".to_string())]
}

/// A formatted span; its content begins and ends with plain words so that emphasis delimiters are
/// always flanking, as they are in any file the parser reads emphasis from.
fn span(depth: u32) -> BoxedStrategy<Inline> {
    let inner = if depth == 0 {
        plain_word().prop_map(|w| vec![Inline::text(w)]).boxed()
    } else {
        (plain_word(), prop::option::of(span(depth - 1)), plain_word())
            .prop_map(|(a, mid, b)| {
                let mut v = vec![Inline::text(a)];
                if let Some(m) = mid {
                    v.push(Inline::text(" "));
                    v.push(m);
                    v.push(Inline::text(" "));
                } else {
                    v.push(Inline::text(" "));
                }
                v.push(Inline::text(b));
                merge_texts(v)
            })
            .boxed()
    };
    prop_oneof![
        inner.clone().prop_map(|content| Inline::Emphasis { content }),
        inner.clone().prop_map(|content| Inline::Strong { content }),
        // Links cannot nest in CommonMark, so a link holds plain words.
        (url(), title(), words_inline()).prop_map(|(url, title, content)| Inline::Link { url, title, content }),
        plain_word().prop_map(|code| Inline::Code { code }),
        (words(2), url(), title()).prop_map(|(alt, src, title)| Inline::Image { alt, src, title }),
    ]
    .boxed()
}

fn words_inline() -> impl Strategy<Value = Vec<Inline>> {
    (plain_word(), prop::option::of(plain_word())).prop_map(|(a, b)| match b {
        Some(b) => vec![Inline::text(format!("{a} {b}"))],
        None => vec![Inline::text(a)],
    })
}

#[derive(Debug, Clone)]
enum Segment {
    Words(String),
    Span(Inline),
    Break,
}

/// Inline content as a paragraph holds it: segments separated by single spaces, starting with
/// words, hard breaks only between words.
fn inlines(allow_breaks: bool) -> impl Strategy<Value = Vec<Inline>> {
    let segment = prop_oneof![
        4 => words(4).prop_map(Segment::Words),
        2 => span(1).prop_map(Segment::Span),
        1 => Just(Segment::Break),
    ];
    (words(4), prop::collection::vec(segment, 0..5)).prop_map(move |(first, rest)| {
        let mut out = vec![Inline::text(first)];
        let mut last_was_words = true;
        for seg in rest {
            match seg {
                Segment::Words(w) => {
                    out.push(Inline::text(" "));
                    out.push(Inline::text(w));
                    last_was_words = true;
                }
                Segment::Span(s) => {
                    out.push(Inline::text(" "));
                    out.push(s);
                    last_was_words = false;
                }
                Segment::Break if allow_breaks && last_was_words => {
                    out.push(Inline::LineBreak);
                    out.push(Inline::text("news"));
                }
                Segment::Break => {}
            }
        }
        merge_texts(out)
    })
}

fn leaf_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        6 => inlines(true).prop_map(|content| Block::Paragraph { content }),
        2 => (prop::sample::select(&[2u8, 3, 2, 3, 1, 4][..]), inlines(false)).prop_map(|(level, content)| Block::Heading { level, content }),
        2 => (inlines(true), prop::option::of(words(3))).prop_map(|(content, attribution)| Block::PullQuote { content, attribution }),
        1 => Just(Block::PullQuote { content: vec![], attribution: Some("مصدر".into()) }),
        2 => prop::collection::vec((words(4), url()), 0..3)
            .prop_map(|links| Block::Related { links: links.into_iter().map(|(title, url)| RelatedLink { title, url }).collect() }),
        2 => (words(3), url(), prop_oneof![Just(String::new()), words(3)], prop_oneof![Just(String::new()), words(2)])
            .prop_map(|(alt, src, caption, credit)| Block::Image { alt, src, caption, credit }),
        1 => (prop_oneof![Just(String::new()), Just("rust".to_string())], prop::collection::vec(words(4), 0..3))
            .prop_map(|(info, lines)| Block::Code { info, text: lines.iter().map(|l| format!("{l}\n")).collect() }),
        1 => Just(Block::Rule),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    leaf_block().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (prop::option::of(1u64..12), prop::collection::vec(prop::collection::vec(inner.clone(), 1..3), 1..4))
                .prop_map(|(start, items)| Block::List { start, items }),
            prop::collection::vec(inner, 1..3).prop_map(|blocks| Block::Quote { blocks }),
        ]
    })
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        words(5),
        Just("yes".to_string()),
        Just("2025".to_string()),
        Just("a: b # c".to_string()),
        Just("line\nbreak\ttab".to_string()),
        Just(" padded ".to_string()),
    ])
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(
        (1990i32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    )
}

fn front_matter() -> impl Strategy<Value = FrontMatter> {
    (
        (prop::option::of("[0-9A-HJKMNP-TV-Z]{26}"), words(6), opt_text(), opt_text(), opt_text()),
        (
            prop::collection::vec(words(2), 0..4),
            opt_text(),
            opt_text(),
            date(),
            prop::sample::select(&["ar", "en", "ar-IQ", "fa"][..]),
        ),
        prop::option::of((url(), opt_text(), opt_text(), opt_text())),
        prop::collection::vec((words(5), url(), date()), 0..3),
        prop::collection::vec((prop::sample::select(&["priority", "desk", "x-notes", "seo"][..]), 0i64..100), 0..2),
        prop::collection::vec(
            (prop::sample::select(&["images/unused-a.jpg", "images/unused b.jpg"][..]), words(2)),
            0..3,
        ),
    )
        .prop_map(
            |(
                (id, title, kicker, standfirst, category),
                (tags, byline, dateline, date, language),
                hero,
                related,
                extra,
                unused_credits,
            )| {
                let mut seen = std::collections::HashSet::new();
                let mut credited = std::collections::HashSet::new();
                FrontMatter {
                    id,
                    title,
                    kicker,
                    standfirst,
                    category,
                    tags,
                    byline,
                    dateline,
                    date,
                    language: language.to_string(),
                    hero: hero.map(|(src, alt, caption, credit)| Hero { src, alt, caption, credit }),
                    related: related.into_iter().map(|(title, url, date)| RelatedStory { title, url, date }).collect(),
                    image_credits: unused_credits
                        .into_iter()
                        .filter(|(src, _)| credited.insert(*src))
                        .map(|(src, credit)| (src.to_string(), credit))
                        .collect(),
                    extra: extra
                        .into_iter()
                        .filter(|(k, _)| seen.insert(*k))
                        .map(|(k, v)| (k.to_string(), serde_yaml_ng::to_string(&v).unwrap()))
                        .collect(),
                }
            },
        )
}

fn article() -> impl Strategy<Value = Article> {
    (front_matter(), prop::collection::vec(block(), 0..8)).prop_map(|(meta, mut body)| {
        // A credit belongs to the picture: every image of a `src` shows the first credit given.
        let mut first: Vec<(String, String)> = Vec::new();
        for_each_figure(&body, &mut |src, credit| {
            if !credit.is_empty() && !first.iter().any(|(s, _)| s == src) {
                first.push((src.to_string(), credit.to_string()));
            }
        });
        for_each_figure_mut(&mut body, &mut |src, credit| {
            *credit = first.iter().find(|(s, _)| s == src).map(|(_, c)| c.clone()).unwrap_or_default();
        });
        Article { meta, body }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, .. ProptestConfig::default() })]

    #[test]
    fn a_generated_article_prints_and_parses_back_equal(a in article()) {
        let printed = print(&a);
        let back = parse(&printed).map_err(|e| TestCaseError::fail(format!("{e}\n{printed}")))?;
        prop_assert_eq!(&back, &a, "printed:\n{}", printed);
    }

    #[test]
    fn parse_print_parse_is_stable_for_arbitrary_markdown(lines in prop::collection::vec(prop::sample::select(MARKDOWN_LINES), 0..30)) {
        let src = lines.join("\n");
        if let Ok(first) = parse(&src) {
            let printed = print(&first);
            let second = parse(&printed).map_err(|e| TestCaseError::fail(format!("{e}\n{printed}")))?;
            prop_assert_eq!(&second, &first, "source:\n{}\nprinted:\n{}", src, printed);
        }
    }
}

/// Lines from which arbitrary (often malformed) Markdown files are assembled.
const MARKDOWN_LINES: &[&str] = &[
    "",
    "",
    "نص عربي عادي",
    "English text",
    "# عنوان",
    "## فرعي",
    "### فرعي ثالث",
    "#### deep",
    "> [!PULLQUOTE]",
    "> اقتباس",
    "> — مصدر",
    "> [!RELATED]",
    "> - [خبر](https://x.org/a)",
    "- بند",
    "* بند آخر",
    "1. أول",
    "2) ثان",
    "   - nested",
    "```",
    "```rust",
    "    indented code",
    "<div class=\"x\">",
    "<script>alert(1)</script>",
    "*مائل*",
    "**عريض",
    "[رابط](javascript:alert(1))",
    "![صورة](images/a.jpg \"تعليق\")",
    "***",
    "---",
    "===",
    "text \\",
    "a  ",
    "&amp; &copy; &#1575;",
    "`code`",
    "~~~",
    "> > nested quote",
    "| a | b |",
    "\\*escaped\\*",
    "2025. year",
    "<!-- comment -->",
    "[ref]: https://x.org",
    "[ref]",
    "— attribution",
    "\t tabbed",
];

#[test]
fn escaping_keeps_markdown_punctuation_as_text() {
    let a = Article {
        meta: FrontMatter { title: "عنوان".into(), ..FrontMatter::default() },
        body: vec![Block::Paragraph {
            content: vec![Inline::text("1. *ليس* [رابطًا] <b> &amp; # - _x_ `y`")]
        }],
    };
    let printed = print(&a);
    assert!(printed.contains("1\\. \\*ليس\\* \\[رابطًا\\] \\<b> \\&amp; # - \\_x\\_ \\`y\\`"), "{printed}");
    assert_eq!(parse(&printed).unwrap(), a);
}

#[test]
fn a_direction_mark_at_the_start_of_a_paragraph_survives_the_format() {
    for mark in ['\u{200E}', '\u{200F}'] {
        let a = Article {
            meta: FrontMatter { title: "عنوان".into(), ..FrontMatter::default() },
            body: vec![Block::Paragraph {
                content: vec![Inline::text(format!("{mark}Pentagon قال إن القوات"))]
            }],
        };
        assert_eq!(parse(&print(&a)).unwrap(), a);
    }
}

#[test]
fn body_image_credits_live_in_the_front_matter_by_image_path() {
    let src = "---\ntitle: خبر\nimage_credits:\n  images/a.jpg: رويترز\n  images/gone.jpg: أ ف ب\n---\n\n![شارع](images/a.jpg \"الأنبار\")\n\n- ![شارع](images/a.jpg)\n";
    let article = parse(src).unwrap();
    let credits: Vec<&str> = article
        .body
        .iter()
        .flat_map(|b| match b {
            Block::Image { credit, .. } => vec![credit.as_str()],
            Block::List { items, .. } => items
                .iter()
                .flatten()
                .filter_map(|b| if let Block::Image { credit, .. } = b { Some(credit.as_str()) } else { None })
                .collect(),
            _ => vec![],
        })
        .collect();
    assert_eq!(credits, ["رويترز", "رويترز"], "every image of the path shows its credit");
    assert_eq!(
        article.meta.image_credits,
        [("images/gone.jpg".to_string(), "أ ف ب".to_string())],
        "unused credits are kept"
    );
    let printed = print(&article);
    assert!(printed.contains("image_credits:\n  images/a.jpg: رويترز\n  images/gone.jpg: أ ف ب\n"), "{printed}");
    assert_eq!(parse(&printed).unwrap(), article);

    let err = parse("---\ntitle: x\nimage_credits: [a, b]\n---\n").unwrap_err();
    assert_eq!(err.line, 3, "{err}");
}
