//! Every path joined: each operation that changes a story with a record, in a library joined to a
//! desk, either queues its change for the desk in its own transaction or is local by design (the
//! trash, private notes, what came from the desk itself, whom this library trusts). One walk
//! through all of them, the outbox looked at after each.

use qalam_core::identity::SecretStore;
use qalam_core::library::handoff::Incoming;
use qalam_core::library::{IfExists, Joined, Library, SaveKind, Signer};
use qalam_core::package::handoff::make_handoff;
use qalam_core::package::{approve, read_package};
use qalam_core::workflow::{Action, ArticleStatus};

use super::support::{article, temp_library};

/// Whether the last operation queued a change of `id`; the row is then marked sent, as a sync
/// would, so the next operation starts from an empty outbox.
fn queued(lib: &mut Library, id: &str) -> bool {
    let mut found = false;
    while let Some(row) = lib.next_due(true).unwrap() {
        found |= row.article_id == id;
        lib.outbox_sent(row.seq).unwrap();
    }
    found
}

fn editor_joined() -> (tempfile::TempDir, Library, Signer) {
    let (dir, mut lib) = temp_library();
    lib.init_profile(
        "مها",
        qalam_core::workflow::Role::Editor,
        SecretStore::KeyFile { path: dir.path().join("k") },
        Some("p"),
    )
    .unwrap();
    let signer = lib.signer(Some("p")).unwrap();
    let joined =
        Joined { url: "https://desk.example", device_id: "1", person_name: "مها", role: "editor", ca_file: None };
    lib.join_desk(&joined).unwrap();
    (dir, lib, signer)
}

fn edited(lib: &Library, id: &str, title: &str) -> qalam_core::Article {
    let mut a = lib.load(id).unwrap().article;
    a.meta.title = title.into();
    a
}

#[test]
fn every_change_to_a_story_on_the_desk_is_queued_or_local_by_design() {
    let (_dir, mut lib, me) = editor_joined();
    let mut draft = article("خبر على المكتب", "نص الخبر الأول عن الميزانية العامة.");
    draft.meta.category = Some("اقتصاد".into());
    let (id, _) = lib.import(&draft).unwrap();
    assert!(!queued(&mut lib, &id), "a draft nobody acted on stays here");

    // Steps and comments.
    lib.act(&id, Action::Submit, None, &me).unwrap();
    assert!(queued(&mut lib, &id), "a step");
    let (thread, _) = lib.comment_on_quote(&id, "الميزانية العامة", "ما المصدر؟", &me).unwrap();
    assert!(queued(&mut lib, &id), "a comment");
    lib.reply(&id, &thread, "وزارة المالية", &me).unwrap();
    assert!(queued(&mut lib, &id), "a reply");
    lib.set_resolved(&id, &thread, true, &me).unwrap();
    assert!(queued(&mut lib, &id), "a thread resolved");

    // Suggestions, and every way one is settled (an acceptance changes the text).
    let propose = |lib: &mut Library, quote: &str, with: &str| {
        let anchor = lib.anchor_for_quote(&id, quote).unwrap();
        lib.suggest(&id, anchor, with, &me).unwrap().0
    };
    let first = propose(&mut lib, "الأول", "الثاني");
    assert!(queued(&mut lib, &id), "a suggestion");
    lib.reply_to_suggestion(&id, &first, "أوافق", &me).unwrap();
    assert!(queued(&mut lib, &id), "a reply to a suggestion");
    lib.reject_suggestion(&id, &first, &me).unwrap();
    assert!(queued(&mut lib, &id), "a suggestion rejected");
    let second = propose(&mut lib, "الأول", "الأوحد");
    lib.withdraw_suggestion(&id, &second, &me).unwrap();
    assert!(queued(&mut lib, &id), "a suggestion withdrawn");
    let third = propose(&mut lib, "العامة", "العمومية");
    lib.accept_suggestion(&id, &third, &me).unwrap();
    assert!(queued(&mut lib, &id), "a suggestion accepted");
    propose(&mut lib, "نص", "متن");
    lib.accept_all_suggestions(&id, &me).unwrap();
    assert!(queued(&mut lib, &id), "every open suggestion accepted");
    propose(&mut lib, "الخبر", "النبأ");
    lib.reject_all_suggestions(&id, &me).unwrap();
    assert!(queued(&mut lib, &id), "every open suggestion rejected");

    // The text, by every way it changes.
    let version = lib.load(&id).unwrap().version;
    lib.save(&id, &edited(&lib, &id, "عنوان من النافذة"), version, SaveKind::Explicit).unwrap();
    assert!(queued(&mut lib, &id), "a save in the window");
    let mut from_file = edited(&lib, &id, "عنوان من ملف");
    from_file.meta.id = Some(id.clone());
    lib.import(&from_file).unwrap();
    assert!(queued(&mut lib, &id), "qalam import of a file carrying the story's id");
    let mut replacing = edited(&lib, &id, "عنوان من حزمة");
    replacing.meta.id = Some(id.clone());
    lib.import_with_pictures(&replacing, &[], IfExists::Replace).unwrap();
    assert!(queued(&mut lib, &id), "import-package --replace");
    let version = lib.load(&id).unwrap().version;
    lib.restore_revision(&id, 1, version).unwrap();
    assert!(queued(&mut lib, &id), "a revision restored");

    // A hand-off taken in goes on to the desk.
    let package = make_handoff(&mut lib, &id, &me).unwrap();
    qalam_core::package::receive_handoff(&mut lib, &read_package(&package.zip_bytes().unwrap()).unwrap()).unwrap();
    assert!(queued(&mut lib, &id), "a hand-off received");

    // Both sides changed the text: the merge goes to the desk.
    let theirs = edited(&lib, &id, "عنوان كتبه طرف آخر");
    lib.receive(Incoming {
        id: id.clone(),
        article: theirs,
        pictures: Vec::new(),
        events: Vec::new(),
        desk_times: Vec::new(),
        revision_hashes: Vec::new(),
    })
    .unwrap();
    assert!(lib.conflict(&id).unwrap().is_some());
    assert!(!queued(&mut lib, &id), "what came from the desk does not go back");
    let version = lib.load(&id).unwrap().version;
    lib.resolve_conflict(&id, &edited(&lib, &id, "عنوان مدموج"), version).unwrap();
    assert!(queued(&mut lib, &id), "a merge");

    // The approval of a submitted story (with the start of its review), then publishing.
    approve(&mut lib, &id, Some("للنشر"), &me, &Default::default()).unwrap();
    assert_eq!(lib.review_state(&id).unwrap().status, ArticleStatus::Approved);
    assert!(queued(&mut lib, &id), "an approval");
    lib.act(&id, Action::Publish, None, &me).unwrap();
    assert!(queued(&mut lib, &id), "publishing");
    // An embargo set, and the story taken down (what `qalam unpublish` records).
    let later = qalam_core::dates::now_ms() + 3_600_000;
    lib.set_embargo(&id, Some(later), Some("Asia/Baghdad"), None, &me).unwrap();
    assert!(queued(&mut lib, &id), "an embargo");
    lib.act(&id, Action::TakeDown, Some("أمر قضائي"), &me).unwrap();
    assert!(queued(&mut lib, &id), "a take-down");

    // Local by design: private notes never leave; the trash is this library's own; trusting a key
    // changes whom this library believes, not the story.
    lib.add_note(&id, "ملاحظة خاصة").unwrap();
    assert!(!queued(&mut lib, &id), "a private note");
    lib.trash(&id).unwrap();
    lib.untrash(&id).unwrap();
    assert!(!queued(&mut lib, &id), "the trash");
    let stranger = qalam_core::identity::KeyPair::generate();
    lib.trust_signer(&stranger.public(), "زميل", qalam_core::workflow::Role::Journalist).unwrap();
    assert!(!queued(&mut lib, &id), "trusting a key");
}

#[test]
fn an_editor_approves_a_submitted_story_in_one_step_recording_the_start_of_its_review() {
    let (_dir, mut lib, me) = editor_joined();
    let mut draft = article("خبر للاعتماد", "نص جاهز للنشر.");
    draft.meta.category = Some("اقتصاد".into());
    let (id, _) = lib.import(&draft).unwrap();
    lib.act(&id, Action::Submit, None, &me).unwrap();
    assert!(lib.allowed_actions(&id).unwrap().contains(&Action::Approve));
    let outcome = approve(&mut lib, &id, None, &me, &Default::default()).unwrap();
    assert_eq!((outcome.from, outcome.to), (ArticleStatus::Submitted, ArticleStatus::Approved));
    let kinds: Vec<Option<Action>> = lib.record(&id).unwrap().iter().map(|l| l.body.action()).collect();
    assert_eq!(kinds, [Some(Action::Submit), Some(Action::StartReview), Some(Action::Approve)]);
    assert!(lib.audit(&id).unwrap().is_sound());

    // Requesting changes without saying why is refused by the rules themselves.
    let refused = lib.act(&id, Action::RequestChanges, Some("   "), &me).unwrap_err();
    assert!(format!("{refused:?}").contains("NoteRequired"), "{refused:?}");
}
