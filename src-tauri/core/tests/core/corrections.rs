//! Corrections on real libraries: only a story the record published is corrected, only by an
//! editor, only once its corrected text is approved, always with a public note; the correction
//! signs the package that shows it — the page (with schema.org's `correction`), ninjs and the
//! public-life file — so that package verifies as approved, and the update line tells readers
//! when the text changed.

use std::sync::atomic::AtomicBool;

use qalam_core::identity::SecretStore;
use qalam_core::library::{Library, ReviewError, SaveKind, Signer};
use qalam_core::package::export::{export_package, ExportControl, ExportOptions};
use qalam_core::package::verify::verify_package;
use qalam_core::package::PackageError;
use qalam_core::workflow::{decide, Action, ArticleStatus, Refusal, Role};

use super::support::temp_library;

const TEXT: &str =
    "---\ntitle: نتائج الانتخابات\nlanguage: ar\ncategory: سياسة\n---\n\nبلغت نسبة المشاركة 41 في المئة.\n";
const NOTE: &str = "ورد خطأً أن نسبة المشاركة 41 في المئة، والصحيح 44.";

fn laptop(role: Role) -> (tempfile::TempDir, Library, Signer) {
    let (dir, mut lib) = temp_library();
    lib.init_profile("رئيسة التحرير", role, SecretStore::KeyFile { path: dir.path().join("key.json") }, Some("pw"))
        .unwrap();
    let signer = lib.signer(Some("pw")).unwrap();
    (dir, lib, signer)
}

fn approve(lib: &mut Library, id: &str, me: &Signer) {
    qalam_core::package::approve(lib, id, None, me, &lib.check_settings().unwrap()).unwrap();
}

fn correct(lib: &mut Library, id: &str, note: &str, me: &Signer) -> Result<(), PackageError> {
    qalam_core::package::correct::correct(lib, id, note, me, &lib.check_settings().unwrap()).map(|_| ())
}

fn files(lib: &mut Library, id: &str) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let options =
        ExportOptions { accept_warnings: true, settings: lib.check_settings().unwrap(), ..Default::default() };
    let cancel = AtomicBool::new(false);
    let package = export_package(lib, id, &options, &ExportControl { progress: &|_, _| {}, cancel: &cancel }).unwrap();
    (package.zip_bytes().unwrap(), package.files)
}

fn text_of(files: &[(String, Vec<u8>)], path: &str) -> Option<String> {
    files.iter().find(|(p, _)| p == path).map(|(_, b)| String::from_utf8(b.clone()).unwrap())
}

fn refused_by_rules(result: Result<(), PackageError>) -> Refusal {
    match result {
        Err(PackageError::Review(ReviewError::Refused { refusal, .. })) => refusal,
        other => panic!("not refused by the rules: {other:?}"),
    }
}

#[test]
fn only_an_editor_corrects_and_only_an_approved_text() {
    use ArticleStatus as S;
    assert_eq!(
        decide(S::Approved, Role::Journalist, Action::Correct, true, true),
        Err(Refusal::EditorsOnly { action: Action::Correct })
    );
    assert_eq!(decide(S::Approved, Role::Editor, Action::Correct, false, true), Ok(S::Published));
    for state in [S::Draft, S::InReview, S::Published, S::Spiked] {
        assert!(decide(state, Role::Chief, Action::Correct, false, true).is_err(), "{state:?}");
    }
    assert_eq!(
        decide(S::Approved, Role::Editor, Action::Correct, false, false),
        Err(Refusal::NoteRequired { action: Action::Correct })
    );
}

#[test]
fn a_correction_is_signed_with_the_package_that_shows_it() {
    let (_d, mut lib, me) = laptop(Role::Chief);
    let (id, _) = lib.import(&qalam_core::article::parse(TEXT).unwrap()).unwrap();
    lib.act(&id, Action::Submit, None, &me).unwrap();
    approve(&mut lib, &id, &me);
    // Approved but never published: nothing public to correct.
    assert!(matches!(correct(&mut lib, &id, NOTE, &me), Err(PackageError::Review(ReviewError::NeverPublished))));
    lib.act(&id, Action::Publish, None, &me).unwrap();
    let (_, first) = files(&mut lib, &id);
    assert_eq!(text_of(&first, "public-life.json"), None, "a first publication has no life to tell yet");
    // Published as it is: the corrected text is approved first.
    assert_eq!(
        refused_by_rules(correct(&mut lib, &id, NOTE, &me)),
        Refusal::WrongState { action: Action::Correct, state: ArticleStatus::Published }
    );

    let stored = lib.load(&id).unwrap();
    let fixed = qalam_core::article::parse(&TEXT.replace("41", "44")).unwrap();
    lib.save(&id, &fixed, stored.version, SaveKind::Explicit).unwrap();
    approve(&mut lib, &id, &me);
    // A note that says nothing, or more than a package carries, is refused.
    assert_eq!(
        refused_by_rules(correct(&mut lib, &id, "\u{200F} \n", &me)),
        Refusal::NoteRequired { action: Action::Correct }
    );
    let long = "ت".repeat(qalam_core::publish::life::MAX_NOTE_CHARS + 1);
    assert!(matches!(correct(&mut lib, &id, &long, &me), Err(PackageError::Review(ReviewError::NoteTooLong { .. }))));
    correct(&mut lib, &id, NOTE, &me).unwrap();
    assert_eq!(lib.review_state(&id).unwrap().status, ArticleStatus::Published);
    assert!(lib.audit(&id).unwrap().problems.is_empty());

    // The package shows the note and verifies as approved — by the correction, which signed it.
    let (zip, files) = files(&mut lib, &id);
    let page = text_of(&files, "article.html").unwrap();
    assert!(page.contains("<aside class=\"corrections\">") && page.contains("ورد خطأً أن نسبة المشاركة"), "{page}");
    assert!(page.contains("\"@type\":\"CorrectionComment\""), "{page}");
    assert!(page.contains("<p class=\"updated\">"), "an update of a published story says when: {page}");
    let ninjs: serde_json::Value = serde_json::from_str(&text_of(&files, "article.ninjs.json").unwrap()).unwrap();
    let described = ninjs["descriptions"].as_array().unwrap();
    assert!(described.iter().any(|d| d["role"] == "correction" && d["value"].as_str().unwrap().ends_with(NOTE)));
    let life: serde_json::Value = serde_json::from_str(&text_of(&files, "public-life.json").unwrap()).unwrap();
    assert_eq!(life["corrections"][0]["note"], NOTE);
    let checked = verify_package(&zip, &lib.people().unwrap());
    assert!(checked.is_approved(), "{checked:?}");
    let read = qalam_core::package::import::read_package(&zip).unwrap();
    assert_eq!(read.life.corrections.len(), 1);

    // Taken down, approved again: it is not public, so there is nothing to correct until it is
    // published again.
    lib.act(&id, Action::TakeDown, Some("أمر قضائي"), &me).unwrap();
    approve(&mut lib, &id, &me);
    assert!(matches!(correct(&mut lib, &id, NOTE, &me), Err(PackageError::Review(ReviewError::NeverPublished))));
    lib.act(&id, Action::Publish, None, &me).unwrap();
    assert_eq!(lib.review_state(&id).unwrap().status, ArticleStatus::Published);
}
