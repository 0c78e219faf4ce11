//! `qalam style`: a chief issues the house style from a rules file; the signed sheet travels as a
//! file to a journalist's library, which takes it only from a chief it trusts; `qalam check` then
//! reports the rules, with the rule's severity deciding the exit code; wrong files are refused in
//! plain words and change nothing.

use std::process::Command;

use super::review::Desk;

const RULES: &str = r#"{ "format": "qalam-house-style", "version": 1, "rules": [
  { "id": "trump", "kind": "prefer", "find": ["ترامب"], "replace": "ترمب",
    "message": { "ar": "تكتب الصحيفة «ترمب»", "en": "we write «ترمب»" } },
  { "id": "sources", "kind": "needs-source", "find": ["مصادر مطلعة"],
    "message": { "ar": "سمِّ المصدر" }, "severity": "error" }
] }"#;

const STORY: &str = "---\ntitle: وترامب يصل\ncategory: سياسة\n---\n\nقال مسؤول إن الزيارة قصيرة.\n";

#[test]
fn a_chiefs_rules_reach_a_journalist_as_a_signed_sheet_and_check_reports_them() {
    let chief = Desk::new("رئيسة التحرير", "chief");
    let journalist = Desk::new("سارة", "journalist");
    let rules = chief.path("rules.json");
    std::fs::write(&rules, RULES).unwrap();

    // Only a chief issues rules.
    let journalist_rules = journalist.path("rules.json");
    std::fs::write(&journalist_rules, RULES).unwrap();
    let refused = journalist.refused(&["style", "import", journalist_rules.to_str().unwrap()]);
    assert_eq!(refused["error"]["code"], "refused");
    assert_eq!(chief.json(&["style", "import", rules.to_str().unwrap()])["rules"], 2);

    let sheet = chief.path("house.style");
    chief.json(&["style", "export", "--out", sheet.to_str().unwrap()]);
    // A sheet from a chief the journalist does not trust yet is refused; nothing is kept.
    let refused = journalist.refused(&["style", "import", sheet.to_str().unwrap()]);
    assert!(refused["error"]["message"].as_str().unwrap().contains("does not trust as a chief"), "{refused}");
    assert_eq!(journalist.json(&["style", "show"])["rules"].as_array().unwrap().len(), 0);

    let roster = chief.path("chief.roster");
    chief.json(&["roster", "export", "--out", roster.to_str().unwrap()]);
    journalist.json(&["roster", "import", roster.to_str().unwrap()]);
    let taken = journalist.json(&["style", "import", sheet.to_str().unwrap()]);
    assert_eq!((taken["rules"].as_i64(), taken["changed"].as_bool()), (Some(2), Some(true)));

    // The story's title meets a warning rule: reported with the replacement, exit 0.
    let story = journalist.path("story.md");
    std::fs::write(&story, STORY).unwrap();
    let id = journalist.json(&["import", story.to_str().unwrap()])[0]["id"].as_str().unwrap().to_string();
    let checked = journalist.json(&["check", &id]);
    let finding = &checked["findings"][0];
    assert_eq!((finding["rule"].as_str(), finding["replacement"].as_str()), (Some("trump"), Some("وترمب")));
    assert_eq!(finding["field"], "title");
    // An error rule blocks: exit 1.
    std::fs::write(&story, STORY.replace("قال مسؤول", "قالت مصادر مطلعة")).unwrap();
    let checked = journalist.expect(&["check", story.to_str().unwrap()], 1);
    assert_eq!(checked["errors"], true);
    // The stored story is as it was written.
    assert!(journalist.json(&["show", &id, "--format", "md"]).to_string().contains("وترامب"));
}

#[test]
fn a_broken_or_forged_style_file_is_refused_in_plain_words_and_changes_nothing() {
    let chief = Desk::new("رئيسة التحرير", "chief");
    let bad = chief.path("bad.json");
    std::fs::write(&bad, RULES.replace(r#""replace": "ترمب","#, "")).unwrap();
    let out = chief.expect(&["style", "import", bad.to_str().unwrap()], 2);
    assert_eq!(out["error"]["message"], "rule trump: a prefer rule needs replace; a needs-source rule takes none");
    std::fs::write(&bad, "not json at all").unwrap();
    let out = chief.expect(&["style", "import", bad.to_str().unwrap()], 2);
    assert_eq!(out["error"]["code"], "invalid-input");

    let rules = chief.path("rules.json");
    std::fs::write(&rules, RULES).unwrap();
    chief.json(&["style", "import", rules.to_str().unwrap()]);
    let sheet = chief.path("house.style");
    chief.json(&["style", "export", "--out", sheet.to_str().unwrap()]);
    // The sheet's rules changed after signing.
    let text = std::fs::read_to_string(&sheet).unwrap().replace("ترمب", "ترامب");
    let forged = chief.path("forged.style");
    std::fs::write(&forged, text).unwrap();
    let refused = chief.refused(&["style", "import", forged.to_str().unwrap()]);
    assert_eq!(refused["error"]["code"], "bad-signature");
    assert_eq!(chief.json(&["style", "show"])["rules"][0]["replace"], "ترمب");

    // In Arabic, in the user's words.
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(["--lang", "ar", "style", "import"])
        .arg(&bad)
        .env("QALAM_LIBRARY", chief.path("lib.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("ليس ملف قواعد أسلوب قلم: توقّفت القراءة عند السطر 1"), "{said}");
    assert!(!said.contains("expected"), "{said}");
}

#[test]
fn a_chiefs_rules_reach_a_journalist_through_a_real_desk_and_stay_when_offline() {
    use super::desk::{start_desk, Laptop};
    let chain = super::keychain::PrivateKeychain::start();
    let desk = start_desk();
    let chief = Laptop::new(&chain, "رئيسة التحرير", "chief");
    let sara = Laptop::new(&chain, "سارة", "journalist");
    chief.join(&desk, &desk.person("رئيسة التحرير", "chief", &[]));
    sara.join(&desk, &desk.person("سارة", "journalist", &[]));

    let rules = chief.env.dir.path().join("rules.json");
    std::fs::write(&rules, RULES).unwrap();
    chief.ok(&["style", "import", rules.to_str().unwrap()]);
    assert_eq!(chief.ok(&["sync"])["style"]["state"], "sent");
    assert_eq!(sara.ok(&["sync"])["style"]["state"], "received");
    assert_eq!(sara.ok(&["sync"])["style"]["state"], "same");
    assert_eq!(sara.ok(&["style", "show"])["rules"].as_array().unwrap().len(), 2);

    // With the desk gone, the laptop checks with the rules it took.
    drop(desk);
    let story = sara.env.dir.path().join("story.md");
    std::fs::write(&story, STORY).unwrap();
    let checked = sara.ok(&["check", story.to_str().unwrap()]);
    assert_eq!(checked["findings"][0]["rule"], "trump", "{checked}");
}
