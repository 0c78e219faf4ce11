//! The checker: each rule fires on the line it concerns, in both languages.

use qalam_core::check::{check_source, has_errors, CheckSettings, Finding, Severity};
use qalam_core::lang::{Lang, Localized};

use crate::support::seed_text;

fn findings(src: &str) -> Vec<Finding> {
    check_source(src, &CheckSettings::default())
}

fn codes_at(src: &str) -> Vec<(usize, &'static str)> {
    findings(src).iter().map(|f| (f.line, f.kind.code())).collect()
}

#[test]
fn the_seed_has_no_errors_and_its_long_pull_quote_is_a_warning() {
    let found = findings(&seed_text());
    assert!(!has_errors(&found), "{found:?}");
    assert_eq!(found.iter().map(|f| f.kind.code()).collect::<Vec<_>>(), ["long-pullquote"]);
    assert_eq!(found[0].line, 69, "the line of `> [!PULLQUOTE]`");
}

#[test]
fn structural_errors_point_at_their_lines() {
    let src = "---\ntitle: \"\"\ncategory: سياسة\nhero:\n  src: images/a.jpg\nrelated:\n  - title: خبر\n    url: javascript:x\n---\n\n# عنوان زائد\n\nنص [رابط](javascript:alert(1)) هنا.\n\n#### عميق\n";
    let found = codes_at(src);
    for expected in [
        (2, "missing-title"),
        (4, "hero-alt"),
        (8, "bad-url"),
        (11, "heading-level"),
        (13, "bad-url"),
        (15, "heading-level"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    assert!(findings(src)
        .iter()
        .filter(|f| f.kind.code() != "missing-category")
        .all(|f| f.severity == Severity::Error));
}

#[test]
fn front_matter_mistakes_are_errors_with_their_line() {
    for (src, line) in [
        ("---\ntitle: x\ndate: 20 نيسان\n---\n", 3),
        ("---\ntitle: x\ntags: {a: 1}\n---\n", 3),
        ("---\ntitle: [unclosed\n---\n", 2),
        ("---\ntitle: x\n", 1),
        ("---\ntitle: x\nid: \"../etc\"\n---\n", 3),
    ] {
        let found = findings(src);
        assert_eq!(found.len(), 1, "{src}: {found:?}");
        assert_eq!(
            (found[0].line, found[0].kind.code(), found[0].severity),
            (line, "format", Severity::Error),
            "{src}"
        );
    }
}

#[test]
fn arabic_typography_warnings() {
    let src = "---\ntitle: عنوان\ncategory: سياسة\n---\n\nقال المصدر, إن القوات انسحبت.\n\nهل انسحبت ?\n\nقال المصدر ،إن\n\nعـــاجل\n\nماذا؟؟\n\nنص  بمسافتين\n\nالعدد 2,000 والعدد ١٤٠٠\n";
    let found = codes_at(src);
    for expected in [
        (6, "latin-punctuation"),
        (8, "latin-punctuation"),
        (8, "space-before-punctuation"),
        (10, "space-before-punctuation"),
        (10, "space-after-punctuation"),
        (12, "tatweel"),
        (14, "doubled-punctuation"),
        (16, "double-space"),
        (18, "mixed-digits"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    assert!(findings(src).iter().all(|f| f.severity == Severity::Warning));
    let f = &findings(src)[0];
    assert!(f.kind.message(Lang::Ar).contains("«،»"), "{}", f.kind.message(Lang::Ar));
    assert!(f.kind.message(Lang::En).contains("`،`"));
}
