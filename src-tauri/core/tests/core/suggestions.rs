//! Suggesting mode across real libraries, each with its own key: a journalist's story, an editor
//! and a chief on two laptops. Suggestions follow their words through edits (harakat-only
//! changes and mixed Arabic/Latin runs included); who may accept, reject and withdraw is the one
//! rule's, wherever the events arrive; an approval waits for every suggestion to be settled; and
//! two laptops deciding apart, in different orders, end with the same record and the same text
//! (or a conflict they are told of) — a property test.

use proptest::prelude::*;
use qalam_core::article::text_field::AnchorField;
use qalam_core::article::{parse, print};
use qalam_core::identity::SecretStore;
use qalam_core::library::handoff::Incoming;
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::workflow::suggestion::{SuggestionProblem, SuggestionStatus};
use qalam_core::workflow::{Action, ArticleStatus, Role};

use super::support::temp_library;

const STORY: &str = "---\ntitle: البرلمان يناقش الميزانية\nkicker: عاجل\nstandfirst: جلسة طويلة في المجلس\ncategory: سياسة\n---\n\nناقش البرلمان اليوم مشروع **الميزانية العامة**، وقال رئيس لجنة Budget Office إن العجز سينخفض.\n\nوتتوقع الحكومة نموًا بنسبة ثلاثة في المئة، ويرى الخبراء أن الأسعار ستستقر.\n";

/// One person's laptop.
struct Laptop {
    _dir: tempfile::TempDir,
    lib: Library,
    me: Signer,
}

fn laptop(name: &str, role: Role) -> Laptop {
    let (dir, mut lib) = temp_library();
    lib.init_profile(name, role, SecretStore::KeyFile { path: dir.path().join("key.json") }, Some("pw")).unwrap();
    let me = lib.signer(Some("pw")).unwrap();
    Laptop { _dir: dir, lib, me }
}

/// Everyone trusts everyone's roster.
fn introduce(laptops: &mut [&mut Laptop]) {
    let rosters: Vec<_> = laptops.iter().map(|l| l.lib.export_roster(Some("pw")).unwrap()).collect();
    for l in laptops.iter_mut() {
        for r in &rosters {
            l.lib.import_roster(r, false).unwrap();
        }
    }
}

/// Takes `id` from one laptop to another as a hand-off does: its text and its whole record.
fn carry(from: &Laptop, to: &mut Laptop, id: &str) {
    let story = from.lib.story(id).unwrap();
    let events = from.lib.events(id).unwrap().into_iter().map(|(e, _)| e).collect();
    let incoming = Incoming {
        id: id.into(),
        article: parse(&story.markdown).unwrap(),
        pictures: Vec::new(),
        events,
        desk_times: Vec::new(),
        revision_hashes: story.revision_hashes,
    };
    to.lib.receive_handed(incoming, true).unwrap();
}

/// A journalist's submitted story, on an editor's laptop under review.
fn newsroom() -> (Laptop, Laptop, Laptop, String) {
    let (mut journalist, mut editor, mut chief) =
        (laptop("ليلى حسن", Role::Journalist), laptop("سامي نور", Role::Editor), laptop("رنا", Role::Chief));
    introduce(&mut [&mut journalist, &mut editor, &mut chief]);
    let (id, _) = journalist.lib.import(&parse(STORY).unwrap()).unwrap();
    journalist.lib.act(&id, Action::Submit, None, &journalist.me).unwrap();
    carry(&journalist, &mut editor, &id);
    editor.lib.act(&id, Action::StartReview, None, &editor.me).unwrap();
    (journalist, editor, chief, id)
}

fn suggest(l: &mut Laptop, id: &str, field: Option<AnchorField>, quote: &str, with: &str) -> String {
    let anchor = l.lib.anchor_for_quote_in(id, field, quote).unwrap();
    l.lib.suggest(id, anchor, with, &l.me).unwrap().0
}

fn body(l: &Laptop, id: &str) -> String {
    print(&l.lib.load(id).unwrap().article)
}

fn status(l: &Laptop, id: &str, s: &str) -> SuggestionStatus {
    l.lib.suggestion(id, s).unwrap().status
}

fn problem(result: Result<impl std::fmt::Debug, ReviewError>) -> SuggestionProblem {
    match result {
        Err(ReviewError::Suggestion(p)) => p,
        other => panic!("expected a suggestion problem, got {other:?}"),
    }
}

#[test]
fn a_suggestion_changes_nothing_until_accepted_then_becomes_a_revision() {
    let (_j, mut editor, _c, id) = newsroom();
    let before = body(&editor, &id);
    let revisions = editor.lib.revisions(&id).unwrap().len();
    let word = suggest(&mut editor, &id, None, "سينخفض", "سيتراجع");
    let title = suggest(&mut editor, &id, Some(AnchorField::Title), "الميزانية", "الموازنة");
    let kicker = suggest(&mut editor, &id, Some(AnchorField::Kicker), "عاجل", "خاص");
    let cut = suggest(&mut editor, &id, None, "اليوم", "");
    let after = editor.lib.anchor_after(&id, Some(AnchorField::Standfirst), "طويلة").unwrap();
    let (added, _) = editor.lib.suggest(&id, after, " ومتوترة", &editor.me).unwrap();
    assert_eq!(body(&editor, &id), before, "suggesting never touches the text");
    assert_eq!(editor.lib.revisions(&id).unwrap().len(), revisions);

    editor.lib.accept_suggestion(&id, &word, &editor.me).unwrap();
    editor.lib.reject_suggestion(&id, &title, &editor.me).unwrap();
    let all = editor.lib.accept_all_suggestions(&id, &editor.me).unwrap();
    assert_eq!(all.decided, vec![kicker.clone(), cut.clone(), added.clone()]);
    let text = body(&editor, &id);
    assert!(text.contains("إن العجز سيتراجع."), "{text}");
    assert!(text.contains("ناقش البرلمان مشروع"), "the deletion took one space with it: {text}");
    assert!(text.contains("kicker: خاص") && text.contains("standfirst: جلسة طويلة ومتوترة في المجلس"), "{text}");
    assert!(text.contains("title: البرلمان يناقش الميزانية"), "a rejection leaves the text as it is");
    // One revision for the single acceptance, one for all the others together.
    assert_eq!(editor.lib.revisions(&id).unwrap().len(), revisions + 2);
    for s in [&word, &kicker, &cut, &added] {
        assert_eq!(status(&editor, &id, s), SuggestionStatus::Accepted);
    }
    assert_eq!(status(&editor, &id, &title), SuggestionStatus::Rejected);
    let decided = editor.lib.suggestion(&id, &word).unwrap().decided.unwrap();
    assert_eq!((decided.status, decided.by.as_str()), (SuggestionStatus::Accepted, "سامي نور"));
    // A settled suggestion is settled.
    assert!(matches!(problem(editor.lib.accept_suggestion(&id, &word, &editor.me)), SuggestionProblem::Closed { .. }));
    assert!(matches!(problem(editor.lib.reject_suggestion(&id, &title, &editor.me)), SuggestionProblem::Closed { .. }));
}

#[test]
fn suggestions_follow_their_words_through_edits_harakat_and_mixed_runs_and_stay_listed_when_gone() {
    let (_j, mut editor, _c, id) = newsroom();
    let latin = suggest(&mut editor, &id, None, "Budget Office إن", "Budget Office، إن");
    let marks = suggest(&mut editor, &id, None, "الأسعار ستستقر", "الأسعار ستبقى مستقرة");
    let gone = suggest(&mut editor, &id, None, "ثلاثة في المئة", "3%");
    // The author (here the editor's working copy) edits around and inside them.
    let stored = editor.lib.load(&id).unwrap();
    let edited = stored
        .markdown
        .replace("ناقش البرلمان", "عاجل: ناقش مجلس النواب")
        .replace("الأسعار ستستقر", "الأَسْعَارَ سَتَسْتَقِرُّ")
        .replace("ثلاثة في المئة", "أربعة بالمئة");
    editor.lib.save(&id, &parse(&edited).unwrap(), stored.version, qalam_core::library::SaveKind::Explicit).unwrap();

    let listed = editor.lib.suggestions(&id).unwrap();
    let text = qalam_core::article::text_field::field_text(&editor.lib.load(&id).unwrap().article, AnchorField::Body);
    let at = |s: &str| {
        let (a, b) = listed.iter().find(|x| x.id == s).unwrap().located.unwrap();
        text.chars().skip(a).take(b - a).collect::<String>()
    };
    assert_eq!(at(&latin), "Budget Office إن");
    assert_eq!(at(&marks), "الأَسْعَارَ سَتَسْتَقِرُّ", "found with its new harakat, marks and all");
    let detached = listed.iter().find(|x| x.id == gone).unwrap();
    assert!(detached.is_detached(), "its words were edited away: listed, not lost");
    assert!(matches!(
        problem(editor.lib.accept_suggestion(&id, &gone, &editor.me)),
        SuggestionProblem::Detached { .. }
    ));

    let all = editor.lib.accept_all_suggestions(&id, &editor.me).unwrap();
    assert_eq!((all.decided.len(), all.skipped), (2, vec![gone.clone()]));
    let body = body(&editor, &id);
    assert!(body.contains("Budget Office، إن") && body.contains("الأسعار ستبقى مستقرة"), "{body}");
    // A detached suggestion is settled by rejecting it.
    editor.lib.reject_suggestion(&id, &gone, &editor.me).unwrap();
}

#[test]
fn who_may_accept_reject_and_withdraw_is_the_one_rules_on_every_laptop() {
    let (mut journalist, mut editor, mut chief, id) = newsroom();
    let editors = suggest(&mut editor, &id, None, "سينخفض", "سيتراجع");
    let other = suggest(&mut editor, &id, None, "نموًا", "نموا");
    carry(&editor, &mut journalist, &id);
    carry(&editor, &mut chief, &id);
    // The author may accept an editor's suggestion; may not withdraw it.
    assert_eq!(problem(journalist.lib.withdraw_suggestion(&id, &editors, &journalist.me)), SuggestionProblem::NotYours);
    let before = journalist.lib.revision_count(&id).unwrap();
    let accepted = journalist.lib.accept_suggestion(&id, &editors, &journalist.me).unwrap();
    // The changes between the two revisions say who made this one: a suggestion by the editor,
    // accepted by the author.
    let diff = journalist.lib.diff_revisions(&id, before, accepted.revision).unwrap();
    assert_eq!(diff.accepted.len(), 1);
    let change = &diff.accepted[0];
    assert_eq!(
        (change.before.as_str(), change.after.as_str(), change.suggested_by.as_str(), change.accepted_by.as_str()),
        ("سينخفض", "سيتراجع", "سامي نور", "ليلى حسن")
    );
    assert!(journalist.lib.diff_revisions(&id, 1, before).unwrap().accepted.is_empty());
    // The author suggests too; a chief may reject it, only the author withdraws it.
    let authors = suggest(&mut journalist, &id, None, "الخبراء", "المحللين");
    carry(&journalist, &mut chief, &id);
    assert_eq!(problem(chief.lib.withdraw_suggestion(&id, &authors, &chief.me)), SuggestionProblem::NotYours);
    journalist.lib.withdraw_suggestion(&id, &authors, &journalist.me).unwrap();
    assert_eq!(status(&journalist, &id, &authors), SuggestionStatus::Withdrawn);

    // Another journalist, neither author nor editor, may suggest but not decide.
    let mut colleague = laptop("عمر", Role::Journalist);
    introduce(&mut [&mut colleague, &mut journalist, &mut editor, &mut chief]);
    carry(&journalist, &mut colleague, &id);
    let theirs = suggest(&mut colleague, &id, None, "المئة", "المائة");
    assert_eq!(problem(colleague.lib.accept_suggestion(&id, &other, &colleague.me)), SuggestionProblem::MayNotDecide);
    assert_eq!(problem(colleague.lib.reject_suggestion(&id, &other, &colleague.me)), SuggestionProblem::MayNotDecide);
    colleague.lib.withdraw_suggestion(&id, &theirs, &colleague.me).unwrap();

    // Everything arrives on the chief's laptop: the same standing there, by the same rule.
    carry(&colleague, &mut chief, &id);
    for s in [&editors, &other, &authors, &theirs] {
        assert_eq!(status(&chief, &id, s), status(&colleague, &id, s), "{s}");
    }
    assert_eq!(body(&chief, &id), body(&journalist, &id));
}

#[test]
fn an_approval_waits_until_every_suggestion_is_settled() {
    let (_j, mut editor, _c, id) = newsroom();
    let settings = Default::default();
    let a = suggest(&mut editor, &id, None, "سينخفض", "سيتراجع");
    let b = suggest(&mut editor, &id, None, "نموًا", "نموا");
    let refused = qalam_core::package::approve::approve(&mut editor.lib, &id, None, &editor.me, &settings);
    assert!(
        matches!(
            refused,
            Err(qalam_core::package::PackageError::Review(ReviewError::Suggestion(SuggestionProblem::StillOpen {
                count: 2
            })))
        ),
        "{refused:?}"
    );
    let message =
        qalam_core::lang::Localized::message(&SuggestionProblem::StillOpen { count: 3 }, qalam_core::Lang::En);
    assert!(message.starts_with("3 suggestions are still open"), "{message}");
    assert_eq!(editor.lib.review_state(&id).unwrap().status, ArticleStatus::InReview);
    editor.lib.accept_suggestion(&id, &a, &editor.me).unwrap();
    editor.lib.withdraw_suggestion(&id, &b, &editor.me).unwrap();
    qalam_core::package::approve::approve(&mut editor.lib, &id, None, &editor.me, &settings).unwrap();
    assert_eq!(editor.lib.review_state(&id).unwrap().status, ArticleStatus::Approved);
    // The approved text holds the accepted words, and no trace of the withdrawn ones.
    let page = qalam_core::article::html::render_article(&editor.lib.load(&id).unwrap().article);
    assert!(page.contains("سيتراجع") && page.contains("نموًا"), "{page}");
}

/// What one laptop does to a suggestion while apart.
#[derive(Debug, Clone, Copy)]
enum Choice {
    Leave,
    Accept,
    Reject,
}

fn choices() -> impl Strategy<Value = Vec<(Choice, Choice, usize, usize)>> {
    let choice = prop_oneof![Just(Choice::Leave), Just(Choice::Accept), Just(Choice::Reject)];
    prop::collection::vec((choice.clone(), choice, 0usize..100, 0usize..100), 3..=3)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// An editor and a chief, each offline with the same three suggestions, accept and reject
    /// them in different orders; after they exchange hand-offs both hold the same record and the
    /// same standing of every suggestion, and the same text — or a conflict they are told of.
    #[test]
    fn two_laptops_deciding_apart_in_any_order_converge(plan in choices()) {
        let (_j, mut editor, mut chief, id) = newsroom();
        let quotes = [("سينخفض", "سيتراجع"), ("ثلاثة", "أربعة"), ("الأسعار ستستقر", "الأسعار سترتفع")];
        let ids: Vec<String> = quotes.iter().map(|(q, w)| suggest(&mut editor, &id, None, q, w)).collect();
        carry(&editor, &mut chief, &id);
        for (laptop, side) in [(&mut editor, 0usize), (&mut chief, 1)] {
            let mut order: Vec<usize> = (0..ids.len()).collect();
            order.sort_by_key(|&i| if side == 0 { plan[i].2 } else { plan[i].3 });
            for i in order {
                let choice = if side == 0 { plan[i].0 } else { plan[i].1 };
                match choice {
                    Choice::Leave => {}
                    Choice::Accept => { laptop.lib.accept_suggestion(&id, &ids[i], &laptop.me).unwrap(); }
                    Choice::Reject => { laptop.lib.reject_suggestion(&id, &ids[i], &laptop.me).unwrap(); }
                }
            }
        }
        carry(&editor, &mut chief, &id);
        carry(&chief, &mut editor, &id);
        let standing = |l: &Laptop| ids.iter().map(|s| status(l, &id, s)).collect::<Vec<_>>();
        prop_assert_eq!(standing(&editor), standing(&chief));
        prop_assert_eq!(editor.lib.events(&id).unwrap().len(), chief.lib.events(&id).unwrap().len());
        // Decisions made apart all count: neither record is unsound for them.
        prop_assert!(editor.lib.audit(&id).unwrap().is_sound() && chief.lib.audit(&id).unwrap().is_sound());
        for s in &ids {
            let (a, b) = (editor.lib.suggestion(&id, s).unwrap(), chief.lib.suggestion(&id, s).unwrap());
            prop_assert_eq!((a.decided.map(|d| d.by), a.overruled.map(|d| d.by)), (b.decided.map(|d| d.by), b.overruled.map(|d| d.by)));
        }
        for (i, s) in standing(&editor).into_iter().enumerate() {
            let accepted_somewhere = matches!(plan[i].0, Choice::Accept) || matches!(plan[i].1, Choice::Accept);
            // An acceptance anywhere stands: its words are in that laptop's text.
            prop_assert_eq!(s == SuggestionStatus::Accepted, accepted_somewhere);
        }
        let conflicted = editor.lib.review_state(&id).unwrap().in_conflict || chief.lib.review_state(&id).unwrap().in_conflict;
        prop_assert!(conflicted || body(&editor, &id) == body(&chief, &id), "same text, or a conflict they are told of");
    }
}

#[test]
fn a_suggestion_proposed_apart_does_not_undo_an_approval_signed_without_it() {
    let (mut journalist, mut editor, _c, id) = newsroom();
    carry(&editor, &mut journalist, &id);
    // Offline, the author proposes a change; a moment later the editor, who has not seen it,
    // approves. They exchange hand-offs both ways.
    let late = suggest(&mut journalist, &id, None, "سينخفض", "سيتراجع");
    std::thread::sleep(std::time::Duration::from_millis(5));
    qalam_core::package::approve::approve(&mut editor.lib, &id, None, &editor.me, &Default::default()).unwrap();
    carry(&journalist, &mut editor, &id);
    carry(&editor, &mut journalist, &id);
    for l in [&journalist, &editor] {
        assert_eq!(l.lib.review_state(&id).unwrap().status, ArticleStatus::Approved);
        assert!(l.lib.audit(&id).unwrap().is_sound());
        assert_eq!(status(l, &id, &late), SuggestionStatus::Open, "still open, for the next revision");
    }
}

#[test]
fn a_suggestion_brings_no_hidden_character_and_a_spiked_story_takes_no_new_words() {
    let (mut journalist, mut editor, _chief, id) = newsroom();
    for hidden in ['\u{202E}', '\u{2067}', '\u{200B}', '\u{FEFF}', '\u{00AD}'] {
        let quote = "سينخفض";
        let with = format!("سيتراجع{hidden} abc");
        let anchor = editor.lib.anchor_for_quote_in(&id, None, quote).unwrap();
        let refused = editor.lib.suggest(&id, anchor, &with, &editor.me);
        assert_eq!(problem(refused), SuggestionProblem::Malformed, "{:?}", hidden);
    }
    // The marks Arabic text uses are allowed.
    suggest(&mut editor, &id, None, "سينخفض", "سيتراجع\u{200F}");
    let open = suggest(&mut editor, &id, None, "نموًا", "نموا");
    carry(&editor, &mut journalist, &id);
    journalist.lib.act(&id, Action::Spike, Some("لن تُنشر"), &journalist.me).unwrap();
    let text = body(&journalist, &id);
    assert_eq!(problem(journalist.lib.accept_suggestion(&id, &open, &journalist.me)), SuggestionProblem::Spiked);
    assert_eq!(body(&journalist, &id), text, "nothing accepted into a spiked story");
    journalist.lib.reject_suggestion(&id, &open, &journalist.me).unwrap();
}
