//! Text a newsroom really pastes, and text a hostile file holds: nothing is glued, lost, hidden
//! or allowed to overflow the stack; what the format cannot hold is reported where it stands.

use proptest::prelude::*;
use qalam_core::article::html::render_article;
use qalam_core::article::parse::{FormatErrorKind, YamlProblem, MAX_NESTING};
use qalam_core::article::{parse, print, Block, Inline};
use qalam_core::check::{check_source, has_errors, CheckSettings};
use qalam_core::lang::{Lang, Localized};

fn article_with_body(body: &str) -> String {
    format!("---\ntitle: خبر\ncategory: سياسة\n---\n\n{body}\n")
}

fn error_codes_at(src: &str) -> Vec<(usize, &'static str)> {
    check_source(src, &CheckSettings::default())
        .iter()
        .filter(|f| f.severity == qalam_core::check::Severity::Error)
        .map(|f| (f.line, f.kind.code()))
        .collect()
}

fn all_text(blocks: &[Block]) -> String {
    qalam_core::article::inline_text::blocks_plain_text(blocks)
}

#[test]
fn a_raw_html_block_keeps_every_line_apart_through_the_round_trip() {
    let src = article_with_body("<div>\nfirst line\nsecond line\n</div>");
    let article = parse(&src).unwrap();
    let printed = print(&article);
    let again = parse(&printed).unwrap();
    assert_eq!(again, article, "printing and reading again changes nothing");
    let text = all_text(&again.body);
    assert!(text.contains("first line") && text.contains("second line"), "{text}");
    assert!(!text.contains("first linesecond line"), "two lines glued into one word: {text}");
    // Each line a reader sees is a line of its own in the file.
    assert!(printed.lines().any(|l| l.trim_end_matches('\\') == "first line"), "{printed}");
    assert!(printed.lines().any(|l| l.trim_end_matches('\\') == "second line"), "{printed}");
}

#[test]
fn a_multi_line_html_comment_and_an_embed_code_keep_their_words() {
    let src = article_with_body(
        "<!--\nملاحظة للمحرر\nتحقق من الرقم\n-->\n\n<blockquote class=\"twitter-tweet\">\n<p lang=\"ar\">نص التغريدة</p>\n</blockquote>",
    );
    let article = parse(&src).unwrap();
    let text = all_text(&article.body);
    for words in ["ملاحظة للمحرر", "تحقق من الرقم", "نص التغريدة"] {
        assert!(text.contains(words), "`{words}` lost from {text}");
    }
    assert!(!text.contains("المحررتحقق"), "lines glued: {text}");
    assert_eq!(parse(&print(&article)).unwrap(), article);
    // Raw HTML stays text: the HTML shows it escaped, never as markup.
    let html = render_article(&article);
    assert!(html.contains("&lt;blockquote class=") && !html.contains("<blockquote class=\"twitter"), "{html}");
}

#[test]
fn a_pull_quote_of_several_paragraphs_or_with_a_list_is_an_error_at_its_line_and_keeps_its_text() {
    for (body, words) in [
        ("> [!PULLQUOTE]\n> الفقرة الأولى\n>\n> الفقرة الثانية", "الفقرة الثانية"),
        ("> [!PULLQUOTE]\n> قال المصدر\n>\n> - بند أول\n> - بند ثانٍ", "بند ثانٍ"),
    ] {
        let src = article_with_body(&format!("فقرة تمهيد.\n\n{body}"));
        assert!(error_codes_at(&src).contains(&(8, "pullquote-shape")), "{:?}", error_codes_at(&src));
        let article = parse(&src).unwrap();
        assert!(all_text(&article.body).contains(words), "text lost");
        assert_eq!(parse(&print(&article)).unwrap(), article, "kept as it was written");
    }
}

#[test]
fn a_related_block_with_an_item_that_is_not_a_link_is_an_error_at_its_line() {
    let src = article_with_body("> [!RELATED]\n> - [خبر مشابه](https://example.org/a)\n> - خبر بلا رابط");
    assert!(error_codes_at(&src).contains(&(6, "related-shape")), "{:?}", error_codes_at(&src));
    assert!(all_text(&parse(&src).unwrap().body).contains("خبر بلا رابط"));
}

#[test]
fn empty_pull_quotes_and_related_blocks_are_errors_and_block_the_package() {
    let src = article_with_body("نص.\n\n> [!PULLQUOTE]\n\nنص آخر.\n\n> [!RELATED]");
    let errors = error_codes_at(&src);
    assert!(errors.contains(&(8, "pullquote-empty")), "{errors:?}");
    assert!(errors.contains(&(12, "related-empty")), "{errors:?}");
    assert!(has_errors(&check_source(&src, &CheckSettings::default())));
    for lang in [Lang::Ar, Lang::En] {
        for f in check_source(&src, &CheckSettings::default()) {
            assert!(!f.kind.message(lang).is_empty());
        }
    }
}

#[test]
fn control_characters_are_refused_with_their_line_and_column() {
    for (body, code) in [("نص\u{0}مخفي", 0u32), ("سطر\u{b}ثان", 0x0b), ("جرس\u{7}", 7)] {
        let err = parse(&article_with_body(body)).unwrap_err();
        assert_eq!(err.line, 6, "the body's first line");
        let column = body.chars().position(|c| (c as u32) == code).unwrap() + 1;
        assert_eq!(err.kind, FormatErrorKind::ControlCharacter { column, code });
        assert!(err.message(Lang::Ar).contains(&format!("U+{code:04X}")));
    }
    // In the front matter too.
    let err = parse("---\ntitle: خبر\u{1}عاجل\n---\n").unwrap_err();
    assert_eq!((err.line, &err.kind), (2, &FormatErrorKind::ControlCharacter { column: 11, code: 1 }));
    // Tabs, newlines and Windows line ends are text, not control characters.
    assert!(parse("---\r\ntitle: خبر\r\n---\r\n\r\nعمود\tعمود\r\n").is_ok());
}

#[test]
fn a_model_holding_a_control_character_is_refused_before_it_is_stored() {
    let (_dir, mut lib) = crate::support::temp_library();
    let (id, _) = lib.import(&crate::support::article("خبر", "نص")).unwrap();
    let version = lib.load(&id).unwrap().version;
    let mut article = lib.load(&id).unwrap().article;
    article.body.push(Block::Paragraph { content: vec![Inline::text("نص\u{0}")] });
    let err = lib.save(&id, &article, version, qalam_core::library::SaveKind::Explicit).unwrap_err();
    assert_eq!(err.code(), "unstorable");
    assert!(lib.load(&id).unwrap().article.body.len() == 1, "nothing was stored");
}

fn nested(depth: usize, open: &str, close: &str, leaf: &str) -> String {
    format!("{}{leaf}{}", open.repeat(depth), close.repeat(depth))
}

fn nested_list(depth: usize) -> String {
    (0..depth).map(|i| format!("{}- بند\n", "  ".repeat(i))).collect()
}

#[test]
fn thousands_of_nested_quotes_lists_or_spans_are_refused_with_a_line_not_a_crash() {
    let deep = 5000;
    for body in [
        nested(deep, "> ", "", "عميق"),
        nested_list(deep),
        nested(deep, "*", "*", "نص"),
        nested(deep, "**", "**", "نص"),
        nested(deep, "> - ", "", "بند في اقتباس"),
    ] {
        let Err(err) = parse(&article_with_body(&body)) else { panic!("{}… was accepted", &body[..40]) };
        assert_eq!(err.kind, FormatErrorKind::TooDeep { limit: MAX_NESTING });
        assert!(err.line >= 6, "a line of the body: {}", err.line);
    }
}

#[test]
fn nesting_up_to_the_limit_is_read_printed_rendered_and_serialized() {
    // Real articles nest a handful of levels; well inside the limit everything works.
    for body in [nested(20, "> ", "", "عميق"), nested_list(20)] {
        let article = parse(&article_with_body(&body)).unwrap();
        assert_eq!(parse(&print(&article)).unwrap(), article);
        assert!(render_article(&article).contains("بند") || render_article(&article).contains("عميق"));
        let json = serde_json::to_string(&article).unwrap();
        assert_eq!(serde_json::from_str::<qalam_core::Article>(&json).unwrap(), article);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// A fuzz harness over nesting: any mix of quote markers, list bullets, indentation and
    /// emphasis, at any depth, either parses (and then round-trips) or is refused with an error;
    /// it never panics and never overflows the stack.
    #[test]
    fn random_nesting_parses_or_is_refused_and_never_crashes(
        lines in proptest::collection::vec(
            (0usize..120, proptest::sample::select(vec!["> ", "- ", "1. ", "  ", "* ", "**", "[", "](u)", "`"]), "[ا-ي ]{0,6}"),
            1..40,
        )
    ) {
        let body: String = lines
            .iter()
            .map(|(depth, piece, text)| format!("{}{text}\n", piece.repeat(*depth)))
            .collect();
        let src = article_with_body(&body);
        match parse(&src) {
            Ok(article) => {
                let again = parse(&print(&article)).expect("what was read prints to something readable");
                prop_assert_eq!(again, article.clone());
                let _ = render_article(&article);
                let _ = serde_json::to_string(&article).unwrap();
            }
            Err(e) => prop_assert!(matches!(e.kind, FormatErrorKind::TooDeep { .. }), "unexpected {:?}", e),
        }
    }
}

#[test]
fn front_matter_mistakes_are_named_in_qalams_own_words_in_both_languages() {
    for (front, line, problem) in [
        ("title: خبر\n\tkicker: عاجل\n", 3, YamlProblem::Tab),
        ("title: خبر\ntitle: آخر\n", 3, YamlProblem::DuplicateKey("title".into())),
        ("title: القائد: لن ننسحب\n", 2, YamlProblem::UnexpectedColon),
        ("title: \"خبر\n", 2, YamlProblem::UnclosedQuote),
        ("tags: [العراق, سوريا\n", 2, YamlProblem::UnclosedBracket),
    ] {
        let err = parse(&format!("---\n{front}---\n\nنص\n")).unwrap_err();
        assert_eq!(err.line, line, "{front:?}");
        let FormatErrorKind::Yaml { problem: found, detail } = &err.kind else { panic!("{err:?}") };
        assert_eq!(found, &problem, "{front:?}: {detail}");
        assert!(!detail.is_empty(), "the YAML reader's words stay as the cause");
        let arabic = err.message(Lang::Ar);
        assert!(!arabic.contains(detail.as_str()), "no English from the YAML library in Arabic: {arabic}");
    }
}
