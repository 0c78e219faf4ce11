//! The house style as data: the rules file and its bounds, where a text meets a rule (whole
//! words, harakat and hamza folded, joined prefixes kept, spelling variants told apart), and the
//! signed sheet a library takes only from a chief it trusts, only newer, and never by changing a
//! story's text.

use qalam_core::check::{check_source, FindingKind, Severity};
use qalam_core::identity::{SecretStore, Signed};
use qalam_core::library::house_style::{StyleError, Taken};
use qalam_core::library::Library;
use qalam_core::style::rule::{RuleFault, MAX_FILE_BYTES};
use qalam_core::style::{find_hits, HouseStyle, StyleProblem};
use qalam_core::workflow::{Role, SheetProblem, StyleSheet};

use super::support::temp_library;

const RULES: &str = r#"{ "format": "qalam-house-style", "version": 1, "rules": [
  { "id": "trump", "kind": "prefer", "find": ["ترامب", "دونالد ترامب"], "replace": "ترمب",
    "message": { "ar": "تكتب الصحيفة «ترمب»", "en": "we write «ترمب»" } },
  { "id": "sources", "kind": "needs-source", "find": ["مصادر مطلعة"],
    "message": { "ar": "سمِّ المصدر" }, "severity": "error" },
  { "id": "iphone", "kind": "prefer", "find": ["iphone"], "replace": "iPhone",
    "message": { "ar": "كما تكتبه الشركة" } },
  { "id": "old", "kind": "avoid", "find": ["الكيان"], "message": { "ar": "قاعدة معطّلة" }, "enabled": false }
] }"#;

fn style() -> HouseStyle {
    HouseStyle::from_json(RULES).unwrap()
}

/// (found, replacement) of every hit in `text`.
fn hits(text: &str) -> Vec<(String, Option<String>)> {
    let style = style();
    find_hits(text, &style).into_iter().map(|h| (h.found, h.replacement)).collect()
}

fn pair(found: &str, replacement: Option<&str>) -> (String, Option<String>) {
    (found.to_string(), replacement.map(str::to_string))
}

#[test]
fn a_rule_meets_whole_words_as_search_folds_them_and_keeps_a_joined_prefix() {
    assert_eq!(hits("التقى ترامب والوفد"), [pair("ترامب", Some("ترمب"))]);
    // Joined prefixes stay in the replacement, harakat and all.
    assert_eq!(hits("وَترامب وبترامب"), [pair("وَترامب", Some("وَترمب")), pair("وبترامب", Some("وبترمب"))]);
    // Harakat and tatweel on the word itself are folded away to match.
    assert_eq!(hits("تَرامـب"), [pair("تَرامـب", Some("ترمب"))]);
    // The longest spelling wins: «دونالد ترامب» is one hit, not «ترامب» inside it.
    assert_eq!(hits("قال دونالد ترامب"), [pair("دونالد ترامب", Some("ترمب"))]);
    // Words apart across punctuation are not the phrase.
    assert_eq!(hits("مصادر، مطلعة"), []);
    assert_eq!(hits("قالت مصادر مطلعة"), [pair("مصادر مطلعة", None)]);
    // Latin case folded; the right spelling already is not reported.
    assert_eq!(hits("iphone IPHONE iPhone"), [pair("iphone", Some("iPhone")), pair("IPHONE", Some("iPhone"))]);
}

#[test]
fn a_fragment_another_spelling_or_a_disabled_rule_is_never_a_hit() {
    // A longer word that starts with the spelling is another word.
    assert_eq!(hits("ترامبولين"), []);
    // Search folds ترامب and ترمب together; a style rule is exactly what tells them apart.
    assert_eq!(hits("ترمب ووترمب"), []);
    // A disabled rule stays in the list, quiet.
    assert_eq!(hits("الكيان"), []);
    assert_eq!(style().rules.len(), 4);
}

#[test]
fn the_checker_reports_each_hit_at_its_line_with_the_rules_severity() {
    let source = "---\ntitle: ترامب يصل\ncategory: سياسة\n---\n\nقالت مصادر مطلعة إن ترامب وصل.\n";
    let settings = qalam_core::check::CheckSettings { style: style(), ..Default::default() };
    let findings = check_source(source, &settings);
    let rules: Vec<(usize, &str, Severity)> =
        findings.iter().filter_map(|f| f.house_rule().map(|h| (f.line, h.rule.as_str(), f.severity))).collect();
    assert_eq!(
        rules,
        [(2, "trump", Severity::Warning), (6, "sources", Severity::Error), (6, "trump", Severity::Warning)]
    );
    assert!(matches!(&findings[0].kind, FindingKind::HouseRule(h) if h.replacement.as_deref() == Some("ترمب")));
    // Without rules the same text has no house-style finding.
    assert!(check_source(source, &Default::default()).iter().all(|f| f.house_rule().is_none()));
}

fn fault(json_rule: &str) -> StyleProblem {
    let text = format!(r#"{{ "format": "qalam-house-style", "version": 1, "rules": [{json_rule}] }}"#);
    HouseStyle::from_json(&text).unwrap_err()
}

#[test]
fn a_rules_file_outside_the_format_is_refused_with_the_rule_and_the_reason() {
    let rule = |id: &str, rest: &str| format!(r#"{{ "id": "{id}", "message": {{ "ar": "رسالة" }}, {rest} }}"#);
    let why = |p: StyleProblem| match p {
        StyleProblem::Rule { rule, why } => (rule, why),
        other => panic!("{other:?}"),
    };
    assert_eq!(why(fault(&rule("Bad Id", r#""kind": "avoid", "find": ["كلمة"]"#))), ("#1".into(), RuleFault::BadId));
    assert_eq!(why(fault(&rule("p", r#""kind": "prefer", "find": ["كلمة"]"#))).1, RuleFault::Replacement);
    assert_eq!(
        why(fault(&rule("s", r#""kind": "needs-source", "find": ["كلمة"], "replace": "أخرى""#))).1,
        RuleFault::Replacement
    );
    assert_eq!(why(fault(&rule("e", r#""kind": "avoid", "find": []"#))).1, RuleFault::NoSpelling);
    // Harakat or tatweel alone are no word; nor is a line break or an escape sequence.
    for bad in ["كلمة  كلمة", "أ ب ج د هـ", "كلمة،", "\u{202E}كلمة", "سطر\nآخر", "", "َُ", "ـــ", "ترامب\u{1b}[2J"]
    {
        let json = serde_json::to_string(bad).unwrap();
        let p = fault(&rule("w", &format!(r#""kind": "avoid", "find": [{json}]"#)));
        assert!(matches!(why(p).1, RuleFault::BadSpelling(_)), "{bad:?}");
    }
    let twice = format!(
        "{}, {}",
        rule("a", r#""kind": "avoid", "find": ["س"]"#),
        rule("a", r#""kind": "avoid", "find": ["ص"]"#)
    );
    assert_eq!(why(fault(&twice)), ("a".into(), RuleFault::DuplicateId));
    assert!(matches!(
        HouseStyle::from_json(r#"{ "format": "qalam-house-style", "version": 2, "rules": [] }"#),
        Err(StyleProblem::Version(2))
    ));
    assert!(matches!(HouseStyle::from_json(r#"{ "rules": [] }"#), Err(StyleProblem::Unreadable { line: 1, .. })));
    assert!(matches!(
        HouseStyle::from_json(r#"{ "format": "qalam-roster", "version": 1, "rules": [] }"#),
        Err(StyleProblem::NotRules(f)) if f == "qalam-roster"
    ));
    let huge = format!(
        r#"{{ "format": "qalam-house-style", "version": 1, "rules": [], "x": "{}" }}"#,
        "a".repeat(MAX_FILE_BYTES)
    );
    assert!(matches!(HouseStyle::from_json(&huge), Err(StyleProblem::TooLarge { .. })));
    // A message is one line: no line or paragraph separator either.
    let two_lines = rule("m", r#""kind": "avoid", "find": ["كلمة"]"#).replace("رسالة", r"سطر\u2028آخر");
    assert_eq!(why(fault(&two_lines)).1, RuleFault::BadMessage);
    // Nothing beside the format's fields, in the publication or a message.
    for extra in
        [r#""publication": { "digits": "western", "font": "x" }, "#, r#""publication": { "digits": "persian" }, "#]
    {
        let file = format!(r#"{{ "format": "qalam-house-style", "version": 1, {extra}"rules": [] }}"#);
        assert!(matches!(HouseStyle::from_json(&file), Err(StyleProblem::Unreadable { .. })), "{extra}");
    }
    let french =
        rule("f", r#""kind": "avoid", "find": ["كلمة"]"#).replace(r#""ar": "رسالة""#, r#""ar": "رسالة", "fr": "x""#);
    assert!(matches!(fault(&french), StyleProblem::Unreadable { .. }));
    // A byte-order mark, as some editors save UTF-8, is not an error.
    assert_eq!(HouseStyle::from_json(&format!("\u{feff}{}", style().to_json())).unwrap(), style());
    // What it writes it reads back the same.
    assert_eq!(HouseStyle::from_json(&style().to_json()).unwrap(), style());
}

/// A laptop with a profile in `role`.
fn laptop(name: &str, role: Role) -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = temp_library();
    lib.init_profile(name, role, SecretStore::KeyFile { path: dir.path().join("key.json") }, Some("pw")).unwrap();
    (dir, lib)
}

fn trust(lib: &mut Library, other: &Library) {
    lib.import_roster(&other.export_roster(Some("pw")).unwrap(), false).unwrap();
}

#[test]
fn a_library_takes_a_sheet_only_from_a_chief_it_trusts_and_only_newer() {
    let (_c, mut chief) = laptop("رئيسة التحرير", Role::Chief);
    let (_e, mut editor) = laptop("مها", Role::Editor);
    let (_j, mut journalist) = laptop("سارة", Role::Journalist);

    // Only a chief issues rules.
    assert!(matches!(editor.issue_style(&style(), Some("pw")), Err(StyleError::NotChief)));
    let sheet = chief.issue_style(&style(), Some("pw")).unwrap();
    assert_eq!(chief.house_style().unwrap(), style());

    // A chief the journalist does not know yet: refused, nothing kept.
    assert!(matches!(journalist.take_style_sheet(&sheet), Err(StyleError::NotFromChief { .. })));
    assert!(journalist.house_style().unwrap().rules.is_empty());
    trust(&mut journalist, &chief);
    assert_eq!(journalist.take_style_sheet(&sheet).unwrap(), Taken::New);
    assert_eq!(journalist.take_style_sheet(&sheet).unwrap(), Taken::AlreadyHad);
    assert_eq!(journalist.check_settings().unwrap().style, style());

    // A sheet someone else signed, even a trusted editor naming the chief's rules: refused.
    trust(&mut journalist, &editor);
    let editor_signer = editor.signer(Some("pw")).unwrap();
    let by_editor = StyleSheet::sign(
        &editor_signer.profile.person,
        &editor_signer.keys,
        &HouseStyle::default(),
        qalam_core::dates::now_ms(),
    );
    assert!(matches!(journalist.take_style_sheet(&by_editor), Err(StyleError::NotFromChief { .. })));
    // Validly signed by the editor's key, the sheet claiming she is a chief: the library's own
    // word on her role counts, not the sheet's.
    let mut claimed = editor_signer.profile.person.clone();
    claimed.role = Role::Chief;
    let claiming = StyleSheet::sign(&claimed, &editor_signer.keys, &HouseStyle::default(), qalam_core::dates::now_ms());
    assert!(claiming.verified().is_ok());
    assert!(matches!(journalist.take_style_sheet(&claiming), Err(StyleError::NotFromChief { .. })));

    // The chief's sheet with its rules changed after signing: the signature says so.
    let mut forged = sheet.clone();
    forged.0 = Signed { body: sheet.0.body.replace("ترمب", "ترامب"), signature: sheet.0.signature.clone() };
    assert!(matches!(journalist.take_style_sheet(&forged), Err(StyleError::Sheet(SheetProblem::BadSignature))));

    // The chief disables a rule: the newer sheet replaces the old; the old one replayed does not.
    let mut fewer = style();
    fewer.rules[0].enabled = false;
    let newer = chief.issue_style(&fewer, Some("pw")).unwrap();
    assert_eq!(journalist.take_style_sheet(&newer).unwrap(), Taken::New);
    assert!(matches!(journalist.take_style_sheet(&sheet), Err(StyleError::Older)));
    assert!(!journalist.house_style().unwrap().rules[0].enabled);

    // A sheet dated far ahead (a wrong clock, or made to outrank every sheet to come): refused.
    let chief_signer = chief.signer(Some("pw")).unwrap();
    let ahead = StyleSheet::sign(&chief_signer.profile.person, &chief_signer.keys, &style(), i64::MAX);
    assert!(matches!(journalist.take_style_sheet(&ahead), Err(StyleError::Sheet(SheetProblem::FromTheFuture))));
    // Issuing the very rules again keeps the sheet; other rules make a newer one.
    assert_eq!(chief.issue_style(&fewer, Some("pw")).unwrap(), newer);
    assert_ne!(chief.issue_style(&style(), Some("pw")).unwrap(), newer);
}

#[test]
fn rules_never_change_a_stored_story() {
    let (_c, mut chief) = laptop("رئيسة التحرير", Role::Chief);
    let article = qalam_core::article::parse("---\ntitle: ترامب يصل\n---\n\nقالت مصادر مطلعة إن ترامب وصل.\n").unwrap();
    let (id, _) = chief.import(&article).unwrap();
    let before = chief.load(&id).unwrap().markdown;
    chief.issue_style(&style(), Some("pw")).unwrap();
    let after = chief.load(&id).unwrap();
    assert_eq!(after.markdown, before);
    let settings = chief.check_settings().unwrap();
    assert_eq!(check_source(&after.markdown, &settings).iter().filter(|f| f.house_rule().is_some()).count(), 3);
}

#[test]
fn published_output_takes_the_publications_digits_and_hijri_date_while_the_text_stays_as_typed() {
    use qalam_core::article::presented::presented;
    use qalam_core::package::deliverable::deliverable;
    use qalam_core::package::{export_package, ExportControl, ExportOptions};
    use qalam_core::presentation::{DigitStyle, Presentation};
    use qalam_core::publish::post::approved_web_text_hash;
    use qalam_core::workflow::Action;

    let (_c, mut chief) = laptop("رئيسة التحرير", Role::Chief);
    let mut house = HouseStyle {
        publication: Presentation { digits: DigitStyle::ArabicIndic, hijri: true, zone: None },
        ..HouseStyle::default()
    };
    chief.issue_style(&house, Some("pw")).unwrap();
    let typed = "---\ntitle: مقتل 3 في هجوم\ncategory: سياسة\ndate: 2025-04-20\n---\n\nأصيب 12 شخصاً بنيران طائرة F-16 عند الساعة 10:30، وفق [البيان 7](https://example.org/a/2025).\n";
    let (id, _) = chief.import(&qalam_core::article::parse(typed).unwrap()).unwrap();
    let signer = chief.signer(Some("pw")).unwrap();
    chief.act(&id, Action::Submit, None, &signer).unwrap();
    chief.act(&id, Action::StartReview, None, &signer).unwrap();
    let settings = chief.check_settings().unwrap();
    qalam_core::package::approve(&mut chief, &id, None, &signer, &settings).unwrap();

    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ExportOptions { accept_warnings: true, settings: settings.clone(), ..ExportOptions::default() };
    let package =
        export_package(&mut chief, &id, &options, &ExportControl { progress: &|_, _| {}, cancel: &cancel }).unwrap();
    let file = |name: &str| {
        let (_, bytes) = package.files.iter().find(|(path, _)| path == name).unwrap();
        String::from_utf8(bytes.clone()).unwrap()
    };
    // The text travels as typed.
    let markdown = file("article.md");
    assert!(markdown.contains("مقتل 3") && markdown.contains("أصيب 12"), "{markdown}");
    // The page shows the publication's digits and both dates; Latin runs and addresses keep theirs.
    let page = file("article.html");
    for shown in
        ["<title>مقتل ٣ في هجوم</title>", "أصيب ١٢ شخصاً", "F-16", "١٠:٣٠", "البيان ٧", "https://example.org/a/2025"]
    {
        assert!(page.contains(shown), "{shown} not in the page");
    }
    assert!(page.contains("٢٠ نيسان ٢٠٢٥ / ٢٢ شوال ١٤٤٦"), "the dateline's dates");
    assert!(file("article.ninjs.json").contains("أصيب ١٢ شخصاً"));

    // The approval signed the page as shown, and the words as the site will show them.
    assert!(deliverable(&mut chief, &id, &settings).unwrap().approved);
    let (_, approval) = chief.events(&id).unwrap().pop().unwrap();
    let shown = presented(&chief.load(&id).unwrap().article, &house.publication);
    let life = qalam_core::publish::life::PublicLife::default();
    assert_eq!(
        approval.web_text_hash.as_deref(),
        Some(approved_web_text_hash(&shown, &life, &house.publication).as_str())
    );

    // The chief changes the digits: the approved page is not what would be published any more.
    house.publication.digits = DigitStyle::Western;
    chief.issue_style(&house, Some("pw")).unwrap();
    let western = chief.check_settings().unwrap();
    assert!(!deliverable(&mut chief, &id, &western).unwrap().approved);
}
