//! The review workflow in the core: the rules as a table, the record's append-only triggers and
//! its audit against removal, reordering and alteration, comments that detach, and approvals
//! checked against rosters (a chief's vouching, a signer who is no editor).

use qalam_core::identity::{KeyPair, SecretStore};
use qalam_core::library::ReviewError;
use qalam_core::library::{Library, Signer};
use qalam_core::package::{approve, take_step, verify_package, ExportControl, ExportOptions, PackageError};
use qalam_core::workflow::audit::AuditProblem;
use qalam_core::workflow::{decide, Action, ArticleStatus, Refusal, Role};
use qalam_core::workflow::{Person, Roster};

use super::support::{article, temp_library};

/// Who may take a step: its author (of any role), an editor (author or not), or both.
#[derive(Clone, Copy, PartialEq)]
enum Who {
    Author,
    Editors,
    AuthorOrEditors,
    Anyone,
}

/// The whole workflow, written out: every allowed (state, action) with who may take it and where
/// it leads. Every other combination must be refused.
const ALLOWED: &[(ArticleStatus, Action, Who, ArticleStatus)] = {
    use Action::*;
    use ArticleStatus::*;
    use Who::*;
    &[
        (Draft, Submit, AuthorOrEditors, Submitted),
        (ChangesRequested, Submit, AuthorOrEditors, Submitted),
        (Submitted, Withdraw, Author, Draft),
        (InReview, Withdraw, Author, Draft),
        (Submitted, StartReview, Editors, InReview),
        (Submitted, RequestChanges, Editors, ChangesRequested),
        (InReview, RequestChanges, Editors, ChangesRequested),
        (Approved, RequestChanges, Editors, ChangesRequested),
        (InReview, Approve, Editors, Approved),
        (Approved, Publish, Editors, Published),
        (Draft, Spike, AuthorOrEditors, Spiked),
        (Submitted, Spike, AuthorOrEditors, Spiked),
        (InReview, Spike, AuthorOrEditors, Spiked),
        (ChangesRequested, Spike, AuthorOrEditors, Spiked),
        (Approved, Spike, AuthorOrEditors, Spiked),
        (Published, Spike, AuthorOrEditors, Spiked),
        (Spiked, Unspike, AuthorOrEditors, Draft),
        (Draft, Edit, Anyone, Draft),
        (Submitted, Edit, Anyone, Submitted),
        (InReview, Edit, Anyone, InReview),
        (ChangesRequested, Edit, Anyone, ChangesRequested),
        (Approved, Edit, Anyone, InReview),
        (Published, Edit, Anyone, InReview),
        (Spiked, Edit, Anyone, Spiked),
        (Approved, TakeDown, Editors, InReview),
        (Published, TakeDown, Editors, InReview),
        (Approved, Correct, Editors, Published),
    ]
};

#[test]
fn the_rules_as_a_table_of_every_state_role_action_and_authorship() {
    let mut checked = 0;
    for state in ArticleStatus::ALL {
        for role in Role::ALL {
            for action in Action::ALL {
                for (is_author, has_note) in [(false, false), (false, true), (true, false), (true, true)] {
                    let editor = role.is_editor();
                    let expected =
                        ALLOWED.iter().find(|(s, a, _, _)| *s == state && *a == action).and_then(|(_, _, who, to)| {
                            let may = match who {
                                Who::Author => is_author,
                                Who::Editors => editor,
                                Who::AuthorOrEditors => is_author || editor,
                                Who::Anyone => true,
                            };
                            may.then_some(*to)
                        });
                    // Requesting changes and spiking need a note, and say so when it is missing.
                    let expected = expected.filter(|_| has_note || !action.needs_note());
                    let got = decide(state, role, action, is_author, has_note);
                    assert_eq!(got.ok(), expected, "{state:?} {role:?} {action:?} author={is_author}: {got:?}");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 7 * 3 * 11 * 4);
    assert_eq!(
        decide(ArticleStatus::InReview, Role::Editor, Action::RequestChanges, false, false),
        Err(Refusal::NoteRequired { action: Action::RequestChanges })
    );
    // The reasons say what is wrong.
    assert_eq!(
        decide(ArticleStatus::InReview, Role::Journalist, Action::Approve, true, true),
        Err(Refusal::EditorsOnly { action: Action::Approve })
    );
    assert_eq!(
        decide(ArticleStatus::Submitted, Role::Editor, Action::Withdraw, false, true),
        Err(Refusal::AuthorOnly { action: Action::Withdraw })
    );
    assert_eq!(
        decide(ArticleStatus::Draft, Role::Journalist, Action::Spike, false, true),
        Err(Refusal::OthersStory { action: Action::Spike })
    );
    assert_eq!(
        decide(ArticleStatus::Draft, Role::Editor, Action::Approve, false, true),
        Err(Refusal::WrongState { action: Action::Approve, state: ArticleStatus::Draft })
    );
}

/// A library with a profile whose key is in a passphrase-sealed file beside it.
pub fn with_profile(name: &str, role: Role) -> (tempfile::TempDir, Library, Signer) {
    let (dir, mut lib) = temp_library();
    let store = SecretStore::KeyFile { path: dir.path().join("key.json") };
    lib.init_profile(name, role, store, Some("pw")).unwrap();
    let signer = lib.signer(Some("pw")).unwrap();
    (dir, lib, signer)
}

/// The one entry every front end takes a step through: editing is never asked for, a blank note
/// is no note, and an approval of a story only submitted starts its review in the same step.
#[test]
fn a_step_is_taken_through_one_entry_whatever_asks_for_it() {
    let (_dir, mut lib, me) = with_profile("محرر", Role::Editor);
    let story = qalam_core::article::parse("---\ntitle: خبر\ncategory: سياسة\n---\n\nنص الخبر.\n").unwrap();
    let (id, _) = lib.import(&story).unwrap();
    let settings = Default::default();
    let refusal = |e: PackageError| match e {
        PackageError::Review(ReviewError::Refused { refusal, .. }) => refusal,
        other => panic!("not a refusal: {other:?}"),
    };
    let edit = take_step(&mut lib, &id, Action::Edit, None, &me, &settings).unwrap_err();
    assert_eq!(refusal(edit), Refusal::NotAStep { action: Action::Edit });
    take_step(&mut lib, &id, Action::Submit, None, &me, &settings).unwrap();
    for says_nothing in [" \n ", "\u{200B}", "\u{202E}\u{200F}", "\u{1}", "\u{0640}"] {
        let blank = take_step(&mut lib, &id, Action::RequestChanges, Some(says_nothing), &me, &settings).unwrap_err();
        assert_eq!(refusal(blank), Refusal::NoteRequired { action: Action::RequestChanges }, "{says_nothing:?}");
    }
    let approved = take_step(&mut lib, &id, Action::Approve, Some("  جاهز "), &me, &settings).unwrap();
    assert_eq!((approved.from, approved.to), (ArticleStatus::Submitted, ArticleStatus::Approved));
    let last = lib.review_state(&id).unwrap().history.pop().unwrap();
    assert_eq!(last.body.note.as_deref(), Some("جاهز"));
    assert_eq!(lib.review_state(&id).unwrap().history.len(), 3, "submit, start of review, approval");
}

/// The approval a story is shown to stand on: kept through publishing, gone once a step took the
/// story away from it (here a spike and its undoing), though the signed approval stays in the record.
#[test]
fn an_approval_stands_until_a_step_takes_the_story_away_from_it() {
    let (_dir, mut lib, me) = with_profile("محرر", Role::Editor);
    let story = qalam_core::article::parse("---\ntitle: خبر\ncategory: سياسة\n---\n\nنص الخبر.\n").unwrap();
    let (id, _) = lib.import(&story).unwrap();
    let settings = Default::default();
    for action in [Action::Submit, Action::Approve, Action::Publish] {
        take_step(&mut lib, &id, action, None, &me, &settings).unwrap();
    }
    assert_eq!(lib.review_state(&id).unwrap().approval.map(|a| a.by).as_deref(), Some("محرر"));
    take_step(&mut lib, &id, Action::Spike, Some("خبر قديم"), &me, &settings).unwrap();
    take_step(&mut lib, &id, Action::Unspike, None, &me, &settings).unwrap();
    take_step(&mut lib, &id, Action::Submit, None, &me, &settings).unwrap();
    let state = lib.review_state(&id).unwrap();
    assert_eq!(state.status, ArticleStatus::Submitted);
    assert!(state.approval.is_none(), "{:?}", state.approval);
    assert!(state.history.iter().any(|l| l.body.action() == Some(Action::Approve)), "the record keeps it");
}

#[test]
fn the_record_refuses_updates_and_deletes_and_the_audit_finds_what_was_done_behind_its_back() {
    let (dir, mut lib, me) = with_profile("محرر", Role::Editor);
    let (id, _) = lib.import(&article("خبر", "نص أول.")).unwrap();
    lib.act(&id, Action::Submit, Some("جاهز"), &me).unwrap();
    lib.act(&id, Action::StartReview, None, &me).unwrap();
    lib.act(&id, Action::RequestChanges, Some("المصدر"), &me).unwrap();
    lib.act(&id, Action::Submit, None, &me).unwrap();
    assert!(lib.audit(&id).unwrap().is_sound());
    drop(lib);

    let path = dir.path().join("library.sqlite3");
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert!(raw.execute("UPDATE events SET body = body || ' ' WHERE position = 2", []).is_err());
    assert!(raw.execute("DELETE FROM events WHERE position = 2", []).is_err());

    // Someone who drops the triggers can change the file, but not without the audit seeing it.
    let audit_after = |sql: &str| -> Vec<AuditProblem> {
        let copy = dir.path().join(format!("copy-{}.sqlite3", sql.len()));
        std::fs::copy(&path, &copy).unwrap();
        let raw = rusqlite::Connection::open(&copy).unwrap();
        raw.execute_batch("DROP TRIGGER events_are_never_changed; DROP TRIGGER events_are_never_removed;").unwrap();
        raw.execute_batch(sql).unwrap();
        drop(raw);
        Library::open(&copy).unwrap().audit(&id).unwrap().problems
    };
    let removed = audit_after("DELETE FROM events WHERE position = 2");
    // The gap is named, and what follows it no longer counts (the record left the state it claims).
    assert!(matches!(removed.first(), Some(AuditProblem::MissingPrevious { position: 3, .. })), "{removed:?}");
    assert!(removed[1..].iter().all(|p| matches!(p, AuditProblem::DoesNotCount { .. })), "{removed:?}");
    let altered = audit_after("UPDATE events SET body = replace(body, 'المصدر', 'لا شيء') WHERE position = 3");
    assert!(altered.contains(&AuditProblem::Altered { position: 3 }), "{altered:?}");
    assert!(altered.contains(&AuditProblem::BadSignature { position: 3 }), "{altered:?}");
    let reordered = audit_after(
        "UPDATE events SET position = 10 WHERE position = 2; UPDATE events SET position = 2 WHERE position = 3; UPDATE events SET position = 3 WHERE position = 10;",
    );
    assert!(reordered.iter().any(|p| matches!(p, AuditProblem::Reordered { .. })), "{reordered:?}");
    // What one file cannot tell: its newest event removed leaves a shorter record that is sound
    // in itself. Another copy of the record (the other side's hand-off) still has it.
    let truncated = audit_after("DELETE FROM events WHERE position = 4");
    assert!(truncated.is_empty(), "{truncated:?}");
}

#[test]
fn a_comment_whose_words_were_deleted_stays_listed_as_detached() {
    let (_dir, mut lib, me) = with_profile("محررة", Role::Editor);
    let (id, _) = lib.import(&article("خبر", "قال الوزير إن الخطة جاهزة وإن التنفيذ يبدأ غدًا.")).unwrap();
    let (thread, _) = lib.comment_on_quote(&id, "التنفيذ يبدأ غدًا", "متى بالضبط؟", &me).unwrap();
    lib.reply(&id, &thread, "الأحد", &me).unwrap();
    let stored = lib.load(&id).unwrap();
    lib.save(
        &id,
        &article("خبر", "قال الوزير إن الخطة جاهزة."),
        stored.version,
        qalam_core::library::SaveKind::Explicit,
    )
    .unwrap();
    let threads = lib.comment_threads(&id).unwrap();
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0].located, None);
    assert_eq!(threads[0].comments.len(), 2);
    assert_eq!(threads[0].anchor.exact, "التنفيذ يبدأ غدًا");
    lib.set_resolved(&id, &thread, true, &me).unwrap();
    assert!(lib.comment_threads(&id).unwrap()[0].resolved);
    assert!(lib.reply(&id, "no-such-thread", "x", &me).is_err());
}

fn approved_package(lib: &mut Library, signer: &Signer) -> Vec<u8> {
    let story = qalam_core::article::parse("---\ntitle: خبر معتمد\ncategory: سياسة\n---\n\nنص الخبر كاملًا.\n").unwrap();
    let (id, _) = lib.import(&story).unwrap();
    lib.act(&id, Action::Submit, None, signer).unwrap();
    lib.act(&id, Action::StartReview, None, signer).unwrap();
    approve(lib, &id, None, signer, &Default::default()).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ExportOptions { accept_warnings: true, ..ExportOptions::default() };
    let package = qalam_core::package::export_package(
        lib,
        &id,
        &options,
        &ExportControl { progress: &|_, _| {}, cancel: &cancel },
    )
    .unwrap();
    package.zip_bytes().unwrap()
}

#[test]
fn an_approval_by_a_key_the_roster_calls_no_editor_is_refused_and_a_chief_can_vouch() {
    let (_dir, mut lib, editor) = with_profile("سامي", Role::Editor);
    let bytes = approved_package(&mut lib, &editor);
    let me = editor.profile.person.clone();
    assert!(verify_package(&bytes, std::slice::from_ref(&me)).is_approved());

    // The user's roster says this key is a journalist's.
    let demoted = Person { role: Role::Journalist, ..me.clone() };
    let v = verify_package(&bytes, &[demoted]);
    assert!(matches!(v.problem, Some(qalam_core::package::verify::Problem::NotAnEditor { .. })), "{v:?}");

    // Trusting only a chief: the package's own roster entries vouch for nobody…
    let chief_keys = KeyPair::generate();
    let chief = Person {
        name: "رئيسة".into(),
        role: Role::Chief,
        public_key: chief_keys.public(),
        fingerprint: chief_keys.fingerprint(),
    };
    assert!(!verify_package(&bytes, std::slice::from_ref(&chief)).is_approved());
    // …but a roster signed by that chief, listing the editor, does.
    let vouched = Roster::sign(&chief, &chief_keys, vec![me.clone()], 0);
    let people = qalam_core::workflow::roster::trusted_with_vouching(
        std::slice::from_ref(&chief),
        std::slice::from_ref(&vouched),
    );
    assert!(verify_package(&bytes, &people).is_approved());
    // The same roster signed by an editor vouches for nobody.
    let not_chief = Person { role: Role::Editor, ..chief.clone() };
    let people = qalam_core::workflow::roster::trusted_with_vouching(&[not_chief], &[vouched]);
    assert!(!verify_package(&bytes, &people).is_approved());
}

#[test]
fn a_roster_altered_after_export_is_refused() {
    let (_dir, lib, _) = with_profile("ليلى", Role::Journalist);
    let roster = lib.export_roster(Some("pw")).unwrap();
    assert!(roster.verified().is_ok());
    let forged = Roster::from_json(&roster.to_json().replace("journalist", "chief")).unwrap();
    assert!(forged.verified().is_err());
}

#[test]
fn private_notes_never_leave_in_a_package_a_page_ninjs_or_a_hand_off() {
    let (_dir, mut lib, me) = with_profile("ليلى", Role::Journalist);
    let story = qalam_core::article::parse("---\ntitle: خبر\ncategory: سياسة\n---\n\nنص الخبر.\n").unwrap();
    let (id, _) = lib.import(&story).unwrap();
    const SECRET: &str = "مصدري السري رقم ٧٧٧";
    lib.add_note(&id, SECRET).unwrap();
    assert_eq!(lib.notes(&id).unwrap()[0].text, SECRET);
    lib.act(&id, Action::Submit, None, &me).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let control = ExportControl { progress: &|_, _| {}, cancel: &cancel };
    let options = ExportOptions { accept_warnings: true, ..ExportOptions::default() };
    let package = qalam_core::package::export_package(&mut lib, &id, &options, &control).unwrap();
    let handoff = qalam_core::package::handoff::make_handoff(&mut lib, &id, &me).unwrap();
    for files in [&package.files, &handoff.files] {
        for (path, bytes) in files.iter() {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(SECRET) && !text.contains("السري"), "the private note is in {path}");
        }
        assert!(files.iter().any(|(p, _)| p == "article.html") && files.iter().any(|(p, _)| p == "article.ninjs.json"));
    }
    // And in the zip as written, once unpacked.
    let zip = handoff.zip_bytes().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        assert!(!text.contains(SECRET));
    }
}

#[test]
fn the_desk_shows_each_story_with_its_author_section_and_reviewer() {
    let (_dir, mut lib, me) = with_profile("ليلى", Role::Editor);
    let story = qalam_core::article::parse("---\ntitle: خبر\ncategory: رياضة\n---\n\nنص.\n").unwrap();
    let (id, _) = lib.import(&story).unwrap();
    let (other, _) = lib.import(&article("آخر", "نص آخر.")).unwrap();
    lib.act(&id, Action::Submit, None, &me).unwrap();
    lib.act(&id, Action::StartReview, None, &me).unwrap();
    let desk = lib.desk().unwrap();
    let card = desk.iter().find(|c| c.id == id).unwrap();
    assert_eq!(card.status, ArticleStatus::InReview);
    assert_eq!(card.author.as_deref(), Some("ليلى"), "written here: the profile's");
    assert_eq!(card.section.as_deref(), Some("رياضة"));
    assert_eq!(card.reviewer.as_deref(), Some("ليلى"));
    let untouched = desk.iter().find(|c| c.id == other).unwrap();
    assert_eq!((untouched.status, untouched.reviewer.as_deref()), (ArticleStatus::Draft, None));
    lib.trash(&other).unwrap();
    assert_eq!(lib.desk().unwrap().len(), 1, "the trash is not on the desk");
}
