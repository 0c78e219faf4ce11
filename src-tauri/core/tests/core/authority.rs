//! The one authority rule, attacked where events arrive in a library: events forged and signed
//! with valid signatures and chain hashes (so each refusal is for the right reason) — from an
//! unknown key claiming a trusted name, a journalist's key approving, a removed editor's key, a
//! comment claiming a state, a publish after an edit, a reordered record, another article's
//! event, a record past its limit — through hand-offs and pulls: an event that does not count is
//! kept, named with why and never applied; a broken, foreign or oversized record writes nothing. Concurrent branches converge whatever order they arrive in, and a
//! property test checks that any delivery of any record gives the state that replaying only the
//! trusted, allowed events gives.

use proptest::prelude::*;
use qalam_core::article::print;
use qalam_core::hash::sha256_hex;
use qalam_core::identity::{KeyPair, SecretStore};
use qalam_core::library::handoff::Incoming;
use qalam_core::library::people::DeskKey;
use qalam_core::library::review_error::RosterChange;
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::workflow::audit::AuditProblem;
use qalam_core::workflow::authority::{Why, MAX_RECORD_EVENTS};
use qalam_core::workflow::event::{CommentChange, CommentOp, EVENT_FORMAT};
use qalam_core::workflow::{decide, Action, ArticleStatus, Event, EventBody, EventKind, Refusal, Role};
use qalam_core::workflow::{Person, Roster};
use qalam_core::Article;

use super::support::{article, temp_library};

/// Someone who signs: a key pair and who they say they are.
struct Actor {
    keys: KeyPair,
    person: Person,
}

fn actor(name: &str, role: Role) -> Actor {
    let keys = KeyPair::generate();
    let person = Person { name: name.into(), role, public_key: keys.public(), fingerprint: keys.fingerprint() };
    Actor { keys, person }
}

/// A story as it travels: its id, its text and the hash of its text as the library stores it.
struct Story {
    id: String,
    article: Article,
    content: String,
}

fn story() -> Story {
    let id = ulid::Ulid::new().to_string();
    let mut a = article("خبر تحت المراجعة", "نص الخبر كما كتبته الصحفية.");
    a.meta.id = Some(id.clone());
    a.meta.category = Some("سياسة".into());
    let content = sha256_hex(print(&a).as_bytes());
    Story { id, article: a, content }
}

/// A signed step by `who`, following `prev`, claiming `from` → `to`.
#[allow(clippy::too_many_arguments)]
fn signed(
    who: &Actor,
    story: &Story,
    prev: Option<&Event>,
    kind: EventKind,
    from: ArticleStatus,
    to: ArticleStatus,
    content: &str,
    time: i64,
) -> Event {
    let approve = matches!(kind, EventKind::Transition(a) if a.signs_package());
    let body = EventBody {
        format: EVENT_FORMAT.into(),
        article: story.id.clone(),
        revision: 1,
        content_hash: content.into(),
        from,
        to,
        kind,
        package_hash: approve.then(|| "0".repeat(64)),
        package_files: approve.then(Vec::new),
        web_text_hash: None,
        actor: who.person.fingerprint.clone(),
        actor_key: who.person.public_key.clone(),
        actor_name: who.person.name.clone(),
        time,
        note: Some("سبب الخطوة".into()),
        prev: prev.map(Event::hash),
    };
    Event::sign(&body, &who.keys)
}

fn step(who: &Actor, s: &Story, prev: Option<&Event>, action: Action, from: ArticleStatus, time: i64) -> Event {
    let to = decide(from, who.person.role, action, true, true).unwrap_or(from);
    signed(who, s, prev, EventKind::Transition(action), from, to, &s.content, time)
}

fn comment(who: &Actor, s: &Story, prev: Option<&Event>, from: ArticleStatus, to: ArticleStatus, time: i64) -> Event {
    let change =
        CommentChange { op: CommentOp::Reply, thread: "t".into(), anchor: None, text: Some("ملاحظة".into()) };
    signed(who, s, prev, EventKind::Comment(change), from, to, &s.content, time)
}

/// A library of `me`'s (its profile), trusting `people` through a roster `me` signed.
fn library_of(me: &str, role: Role, people: &[&Actor]) -> (tempfile::TempDir, Library, Signer) {
    let (dir, mut lib) = temp_library();
    lib.init_profile(me, role, SecretStore::KeyFile { path: dir.path().join("key.json") }, Some("pw")).unwrap();
    let signer = lib.signer(Some("pw")).unwrap();
    if !people.is_empty() {
        let list = people.iter().map(|a| a.person.clone()).collect();
        let roster = Roster::sign(&people[0].person, &people[0].keys, list, 1);
        lib.import_roster(&roster, false).unwrap();
    }
    (dir, lib, signer)
}

fn handoff(s: &Story, events: &[&Event]) -> Incoming {
    Incoming {
        id: s.id.clone(),
        article: s.article.clone(),
        pictures: Vec::new(),
        events: events.iter().map(|e| (*e).clone()).collect(),
        desk_times: Vec::new(),
        revision_hashes: vec![s.content.clone()],
    }
}

fn pulled(s: &Story, events: &[&Event], at: i64) -> Incoming {
    Incoming { desk_times: vec![at; events.len()], ..handoff(s, events) }
}

fn state(lib: &Library, id: &str) -> ArticleStatus {
    lib.review_state(id).unwrap().status
}

#[test]
fn a_comment_claiming_a_state_is_kept_aside_named_and_changes_nothing() {
    let sara = actor("سارة", Role::Journalist);
    let (_dir, mut maha, maha_keys) = library_of("مها", Role::Editor, &[&sara]);
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let forged = comment(&sara, &s, Some(&submit), ArticleStatus::Submitted, ArticleStatus::Published, 20);

    // A hand-off: the text and the submission are taken in; the comment is kept, named as not
    // counting and why, and never applied.
    let taken = maha.receive(handoff(&s, &[&submit, &forged])).unwrap();
    assert_eq!(taken.not_counting.len(), 1);
    assert_eq!((taken.not_counting[0].position, &taken.not_counting[0].why), (2, &Why::CommentWithState));
    // The desk's copy with the same comment changes nothing more.
    maha.receive(pulled(&s, &[&submit, &forged], 30)).unwrap();
    assert_eq!(state(&maha, &s.id), ArticleStatus::Submitted);
    let audit = maha.audit(&s.id).unwrap();
    assert!(!audit.is_sound());
    assert_eq!(audit.problems, [AuditProblem::DoesNotCount { position: 2, why: Why::CommentWithState }]);
    // The editor is not locked out.
    maha.act(&s.id, Action::StartReview, None, &maha_keys).unwrap();
    assert_eq!(state(&maha, &s.id), ArticleStatus::InReview);
}

/// A comment from another machine whose anchor carries more context than a library makes is
/// kept, named as not counting, and never searched for in the text.
#[test]
fn a_comment_with_an_oversized_anchor_does_not_count_where_it_arrives() {
    let sara = actor("سارة", Role::Journalist);
    let (_dir, mut maha, _keys) = library_of("مها", Role::Editor, &[&sara]);
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let anchor = qalam_core::workflow::event::Anchor {
        field: qalam_core::workflow::event::AnchorField::Body,
        revision: 1,
        start: 0,
        end: 3,
        exact: "نص".into(),
        prefix: "ا".repeat(30_000),
        suffix: String::new(),
    };
    let change =
        CommentChange {
            op: CommentOp::Add, thread: "t".into(), anchor: Some(anchor), text: Some("ملاحظة".into())
        };
    let kind = EventKind::Comment(change);
    let huge =
        signed(&sara, &s, Some(&submit), kind, ArticleStatus::Submitted, ArticleStatus::Submitted, &s.content, 20);
    let taken = maha.receive(handoff(&s, &[&submit, &huge])).unwrap();
    assert_eq!((taken.not_counting[0].position, &taken.not_counting[0].why), (2, &Why::OversizedAnchor));
    assert!(maha.comment_threads(&s.id).unwrap().is_empty());
}

/// A request for changes whose signed note shows nothing (a zero-width space) says no reason: a
/// receiver keeps it, names why it does not count, and the story does not move.
#[test]
fn a_signed_reason_of_invisible_characters_does_not_count_where_it_arrives() {
    let maha = actor("مها", Role::Editor);
    let (_dir, mut sara, _keys) = library_of("سارة", Role::Journalist, &[&maha]);
    let s = story();
    let submit = step(&maha, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let sent_back = step(&maha, &s, Some(&submit), Action::RequestChanges, ArticleStatus::Submitted, 20);
    let mut body = sent_back.read().unwrap();
    body.note = Some("\u{200B}\u{200F}".into());
    let forged = Event::sign(&body, &maha.keys);
    let taken = sara.receive(handoff(&s, &[&submit, &forged])).unwrap();
    assert_eq!(taken.not_counting.len(), 1);
    let refusal = Refusal::NoteRequired { action: Action::RequestChanges };
    assert_eq!((taken.not_counting[0].position, &taken.not_counting[0].why), (2, &Why::NotAllowed { refusal }));
    assert_eq!(state(&sara, &s.id), ArticleStatus::Submitted);
}

#[test]
fn an_unknown_key_claiming_a_trusted_editors_name_approves_nothing_anywhere() {
    let maha = actor("مها", Role::Editor);
    let impostor = actor("مها", Role::Editor);
    let (_dir, mut sara, sara_keys) = library_of("سارة", Role::Journalist, &[&maha]);
    let s = story();
    sara.receive(handoff(&s, &[])).unwrap();
    let submit = {
        sara.act(&s.id, Action::Submit, None, &sara_keys).unwrap();
        sara.events(&s.id).unwrap().remove(0).0
    };
    let review = step(&impostor, &s, Some(&submit), Action::StartReview, ArticleStatus::Submitted, 20);
    let approval = step(&impostor, &s, Some(&review), Action::Approve, ArticleStatus::InReview, 30);

    let taken = sara.receive(handoff(&s, &[&submit, &review, &approval])).unwrap();
    let whys: Vec<&Why> = taken.not_counting.iter().map(|n| &n.why).collect();
    assert_eq!(whys.len(), 2, "{whys:?}");
    assert!(whys.iter().all(|w| matches!(w, Why::UnknownKey { claimed } if claimed == "مها")), "{whys:?}");
    // Kept aside: the story still submitted, no approval shown, the name marked as a claim, and
    // an export says the story is not usable.
    let review_state = sara.review_state(&s.id).unwrap();
    assert_eq!(review_state.status, ArticleStatus::Submitted);
    assert!(review_state.approval.is_none());
    assert!(review_state.history[1].known.is_none());
    assert!(qalam_core::package::approval_file(&sara, &s.id).unwrap().approvals.is_empty());
    let package = qalam_core::package::export_package(
        &mut sara,
        &s.id,
        &qalam_core::package::ExportOptions { accept_warnings: true, ..Default::default() },
        &qalam_core::package::ExportControl { progress: &|_, _| {}, cancel: &Default::default() },
    )
    .unwrap();
    let ninjs = &package.files.iter().find(|(p, _)| p == "article.ninjs.json").unwrap().1;
    let ninjs: serde_json::Value = serde_json::from_slice(ninjs).unwrap();
    assert_eq!(ninjs["pubStatus"], "withheld");
}

#[test]
fn a_journalists_key_cannot_approve_and_a_publish_after_an_edit_does_not_count() {
    let sara = actor("سارة", Role::Journalist);
    let maha = actor("مها", Role::Editor);
    let (_dir, mut lib, _) = library_of("عمر", Role::Editor, &[&sara, &maha]);
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let review = step(&maha, &s, Some(&submit), Action::StartReview, ArticleStatus::Submitted, 20);
    let own = step(&sara, &s, Some(&review), Action::Approve, ArticleStatus::InReview, 30);
    let taken = lib.receive(handoff(&s, &[&submit, &review, &own])).unwrap();
    assert!(
        matches!(taken.not_counting.as_slice(), [n] if n.position == 3 && matches!(n.why, Why::NotAllowed { .. })),
        "{:?}",
        taken.not_counting
    );
    assert_eq!(state(&lib, &s.id), ArticleStatus::InReview);

    // Approved at one text; published at another the journalist wrote since.
    let approve = step(&maha, &s, Some(&review), Action::Approve, ArticleStatus::InReview, 40);
    let edited = sha256_hex(b"another text");
    let publish = signed(
        &maha,
        &s,
        Some(&approve),
        EventKind::Transition(Action::Publish),
        ArticleStatus::Approved,
        ArticleStatus::Published,
        &edited,
        50,
    );
    // Two approvals branch from the review (the journalist's, which does not count, and the
    // editor's); the publish names a text other than the approved one: the story was back in review.
    let taken = lib.receive(handoff(&s, &[&submit, &review, &approve, &publish])).unwrap();
    assert!(
        matches!(
            taken.not_counting.as_slice(),
            [n] if n.position == 4
                && n.why == Why::StaleState { state: ArticleStatus::InReview, claimed: ArticleStatus::Approved }
        ),
        "{:?}",
        taken.not_counting
    );
    assert_eq!(state(&lib, &s.id), ArticleStatus::Approved);
}

#[test]
fn a_correction_counts_only_for_a_story_once_published_and_only_from_an_editor() {
    let sara = actor("سارة", Role::Journalist);
    let maha = actor("مها", Role::Editor);
    let (_dir, mut lib, _) = library_of("عمر", Role::Journalist, &[&sara, &maha]);
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let review = step(&maha, &s, Some(&submit), Action::StartReview, ArticleStatus::Submitted, 20);
    let approve = step(&maha, &s, Some(&review), Action::Approve, ArticleStatus::InReview, 30);
    // Signed by an editor, but the story was never published: there is nothing to correct.
    let early = signed(
        &maha,
        &s,
        Some(&approve),
        EventKind::Transition(Action::Correct),
        ArticleStatus::Approved,
        ArticleStatus::Published,
        &s.content,
        40,
    );
    let taken = lib.receive(handoff(&s, &[&submit, &review, &approve, &early])).unwrap();
    assert!(
        matches!(taken.not_counting.as_slice(), [n] if n.position == 4 && n.why == Why::NeverPublished),
        "{:?}",
        taken.not_counting
    );
    assert_eq!(state(&lib, &s.id), ArticleStatus::Approved);
    // A journalist's correction of an approved story does not count either.
    let forged = signed(
        &sara,
        &s,
        Some(&approve),
        EventKind::Transition(Action::Correct),
        ArticleStatus::Approved,
        ArticleStatus::Published,
        &s.content,
        50,
    );
    let taken = lib.receive(handoff(&s, &[&submit, &review, &approve, &early, &forged])).unwrap();
    assert!(
        matches!(
            taken.not_counting.as_slice(),
            [.., n] if n.position == 5
                && n.why == Why::NotAllowed { refusal: Refusal::EditorsOnly { action: Action::Correct } }
        ),
        "{:?}",
        taken.not_counting
    );
    assert_eq!(state(&lib, &s.id), ArticleStatus::Approved);
}

#[test]
fn a_removed_editors_key_counts_until_the_desk_removed_them_and_never_after() {
    let sara = actor("سارة", Role::Journalist);
    let maha = actor("مها", Role::Editor);
    let (_dir, mut lib, _) = library_of("عمر", Role::Journalist, &[]);
    let removed_at = 1_000;
    let desk_key = |a: &Actor, id: i64, revoked: Option<i64>| DeskKey {
        fingerprint: a.person.fingerprint.clone(),
        public_key: a.person.public_key.clone(),
        person_id: id,
        name: a.person.name.clone(),
        role: a.person.role,
        revoked_at: revoked,
    };
    assert!(lib.take_desk_people(&[desk_key(&sara, 1, None), desk_key(&maha, 2, Some(removed_at))]).unwrap());
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let review = step(&maha, &s, Some(&submit), Action::StartReview, ArticleStatus::Submitted, 20);
    // The desk took the start of the review before the removal: it counts.
    lib.receive(pulled(&s, &[&submit, &review], removed_at - 1)).unwrap();
    assert_eq!(state(&lib, &s.id), ArticleStatus::InReview);
    // An approval the desk would have taken after it (a hand-off arrives now, long after).
    let approve = step(&maha, &s, Some(&review), Action::Approve, ArticleStatus::InReview, 30);
    let taken = lib.receive(handoff(&s, &[&submit, &review, &approve])).unwrap();
    match taken.not_counting.as_slice() {
        [n] if n.position == 3 => match &n.why {
            Why::Revoked { name, since } => assert_eq!((name.as_str(), *since), ("مها", removed_at)),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(state(&lib, &s.id), ArticleStatus::InReview);
}

#[test]
fn a_reordered_record_or_another_articles_event_is_refused_before_anything_is_written() {
    let sara = actor("سارة", Role::Journalist);
    let (_dir, mut lib, _) = library_of("مها", Role::Editor, &[&sara]);
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let note = comment(&sara, &s, Some(&submit), ArticleStatus::Submitted, ArticleStatus::Submitted, 20);
    let refused = lib.receive(handoff(&s, &[&note, &submit])).unwrap_err();
    assert!(matches!(refused, ReviewError::BrokenChain { position: 1, reordered: true }), "{refused:?}");
    let other = story();
    let elsewhere = comment(&sara, &other, Some(&submit), ArticleStatus::Submitted, ArticleStatus::Submitted, 20);
    let refused = lib.receive(handoff(&s, &[&submit, &elsewhere])).unwrap_err();
    assert!(matches!(refused, ReviewError::ForgedEvent { position: 2 }), "{refused:?}");
    let refused = lib.receive(pulled(&s, &[&note], 5)).unwrap_err();
    assert!(matches!(refused, ReviewError::BrokenChain { position: 1, reordered: false }), "{refused:?}");
    assert!(lib.load(&s.id).is_err(), "nothing was written");
}

#[test]
fn a_record_past_its_limit_is_refused_plainly() {
    let sara = actor("سارة", Role::Journalist);
    let (_dir, mut lib, _) = library_of("مها", Role::Editor, &[&sara]);
    let s = story();
    let mut events = vec![step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 1)];
    for i in 0..MAX_RECORD_EVENTS {
        let next = comment(&sara, &s, events.last(), ArticleStatus::Submitted, ArticleStatus::Submitted, 2 + i as i64);
        events.push(next);
    }
    let refs: Vec<&Event> = events.iter().collect();
    let refused = lib.receive(handoff(&s, &refs)).unwrap_err();
    assert!(matches!(refused, ReviewError::RecordFull { limit: MAX_RECORD_EVENTS, .. }), "{refused:?}");
    use qalam_core::lang::Localized;
    assert!(refused.message(qalam_core::Lang::Ar).contains("بلغ حدّه"));
    assert!(lib.load(&s.id).is_err());
}

#[test]
fn concurrent_branches_converge_in_one_order_whatever_order_they_arrive_in() {
    let sara = actor("سارة", Role::Journalist);
    let maha = actor("مها", Role::Editor);
    let s = story();
    let submit = step(&sara, &s, None, Action::Submit, ArticleStatus::Draft, 10);
    let review = step(&maha, &s, Some(&submit), Action::StartReview, ArticleStatus::Submitted, 20);
    // Apart, offline: the editor approves; the journalist withdraws a little earlier.
    let approve = step(&maha, &s, Some(&review), Action::Approve, ArticleStatus::InReview, 40);
    let withdraw = step(&sara, &s, Some(&review), Action::Withdraw, ArticleStatus::InReview, 30);
    let note = comment(&maha, &s, Some(&approve), ArticleStatus::Approved, ArticleStatus::Approved, 50);

    let (_a, mut one, _) = library_of("عمر", Role::Editor, &[&sara, &maha]);
    let (_b, mut two, _) = library_of("علي", Role::Editor, &[&sara, &maha]);
    one.receive(pulled(&s, &[&submit, &review, &approve, &note], 60)).unwrap();
    one.receive(pulled(&s, &[&submit, &review, &withdraw], 70)).unwrap();
    two.receive(pulled(&s, &[&submit, &review, &withdraw], 60)).unwrap();
    two.receive(pulled(&s, &[&submit, &review, &approve, &note], 70)).unwrap();
    for lib in [&one, &two] {
        assert_eq!(state(lib, &s.id), ArticleStatus::Draft, "the earlier step wins");
        let record = lib.record(&s.id).unwrap();
        let order: Vec<String> = record.iter().map(|l| l.hash.clone()).collect();
        assert_eq!(order, [&submit, &review, &withdraw, &approve, &note].map(Event::hash));
        assert!(matches!(record[3].refused, Some(Why::StaleState { .. })), "{:?}", record[3].refused);
        let audit = lib.audit(&s.id).unwrap();
        assert_eq!(audit.merged.len(), 1, "{:?}", audit.merged);
    }
}

#[test]
fn a_roster_that_changes_a_trusted_key_or_raises_a_role_needs_the_users_word() {
    let sara = actor("سارة", Role::Journalist);
    let (_dir, mut lib, _) = library_of("مها", Role::Editor, &[&sara]);
    let other_sara = actor("سارة", Role::Journalist);
    let promoted = Person { role: Role::Chief, ..sara.person.clone() };
    let roster = Roster::sign(&other_sara.person, &other_sara.keys, vec![promoted], 2);
    let refused = lib.import_roster(&roster, false).unwrap_err();
    let ReviewError::RosterChanges(changes) = refused else { panic!("{refused:?}") };
    assert!(changes.iter().any(|c| matches!(c, RosterChange::NewKey { name, .. } if name == "سارة")), "{changes:?}");
    assert!(changes.iter().any(|c| matches!(c, RosterChange::HigherRole { to: Role::Chief, .. })), "{changes:?}");
    assert_eq!(lib.people().unwrap().iter().find(|p| p.name == "سارة").unwrap().role, Role::Journalist);
    lib.import_roster(&roster, true).unwrap();
    assert_eq!(lib.people().unwrap().iter().filter(|p| p.name == "سارة").count(), 2);
}

/// What an independent reader of the rules would conclude from a linear record: only events
/// signed by a trusted key, allowed by `decide` to that person's role from the state the record
/// is in, claiming exactly that state and outcome, count; a text other than the approved one
/// sends an approved story back to review.
fn expected_state(record: &[(usize, Event)], people: &[(Actor, bool)], text: &str) -> ArticleStatus {
    let mut state = ArticleStatus::Draft;
    let mut approved: Option<String> = None;
    let mut author: Option<usize> = None;
    for (n, (who, event)) in record.iter().enumerate() {
        let body = event.read().unwrap();
        if n == 0 {
            author = Some(*who);
        }
        let (actor, trusted) = &people[*who];
        if !trusted {
            continue;
        }
        let now = match &approved {
            Some(h)
                if matches!(state, ArticleStatus::Approved | ArticleStatus::Published) && *h != body.content_hash =>
            {
                ArticleStatus::InReview
            }
            _ => state,
        };
        match body.kind {
            EventKind::Comment(_) if body.from == body.to => {
                if now != state {
                    state = now;
                    approved = None;
                }
            }
            EventKind::Comment(_) | EventKind::Suggestion(_) | EventKind::Embargo(_) => {}
            EventKind::Transition(action) => {
                let has_note = body.note.as_deref().is_some_and(|n| !n.trim().is_empty());
                let Ok(to) = decide(now, actor.person.role, action, author == Some(*who), has_note) else { continue };
                if body.from != now || body.to != to {
                    continue;
                }
                if action == Action::Approve {
                    approved = Some(body.content_hash.clone());
                } else if !matches!(to, ArticleStatus::Approved | ArticleStatus::Published) {
                    approved = None;
                }
                state = to;
            }
        }
    }
    match approved {
        Some(h) if matches!(state, ArticleStatus::Approved | ArticleStatus::Published) && h != text => {
            ArticleStatus::InReview
        }
        _ => state,
    }
}

/// One step of a generated record: who, what, and whether it lies about its states.
#[derive(Debug, Clone)]
struct Move {
    who: usize,
    action: Option<Action>,
    honest: bool,
    claimed: (usize, usize),
    edit: bool,
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let one = (
        0usize..5,
        prop::option::of(0usize..8),
        prop::bool::weighted(0.8),
        (0usize..7, 0usize..7),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(who, action, honest, claimed, edit)| Move {
            who,
            action: action.map(|a| Action::ALL[a]),
            honest,
            claimed,
            edit,
        });
    prop::collection::vec(one, 1..24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any record, from any mix of trusted and unknown keys and roles, delivered in any pieces
    /// and order through pulls and hand-offs, leaves the library in the state replaying only the
    /// trusted, allowed events gives; a piece that does not follow what is held writes nothing.
    #[test]
    fn any_delivery_of_any_record_gives_the_state_of_its_trusted_allowed_events(
        moves in moves(),
        pieces in prop::collection::vec((0usize..40, prop::bool::ANY), 0..6),
    ) {
        // The author, an editor, another journalist, a chief, and a key nobody trusts.
        let people = vec![
            (actor("سارة", Role::Journalist), true),
            (actor("مها", Role::Editor), true),
            (actor("عمر", Role::Journalist), true),
            (actor("رئيسة", Role::Chief), true),
            (actor("مها", Role::Editor), false),
        ];
        let trusted: Vec<&Actor> = people.iter().filter(|(_, t)| *t).map(|(a, _)| a).collect();
        let (_dir, mut lib, _) = library_of("قارئ", Role::Journalist, &trusted);
        let s = story();
        let mut record: Vec<(usize, Event)> = Vec::new();
        let mut text = s.content.clone();
        for (n, m) in moves.iter().enumerate() {
            let who = if n == 0 { 0 } else { m.who };
            if m.edit {
                text = sha256_hex(format!("edit {n}").as_bytes());
            }
            // An honest signer claims the state as the record would leave it by then.
            let seen = expected_state(&record, &people, &text);
            let (from, to) = if m.honest {
                let to = match m.action {
                    Some(a) => decide(seen, people[who].0.person.role, a, who == 0, true).unwrap_or(seen),
                    None => seen,
                };
                (seen, to)
            } else {
                (ArticleStatus::ALL[m.claimed.0], ArticleStatus::ALL[m.claimed.1])
            };
            let kind = match m.action {
                Some(a) => EventKind::Transition(a),
                None => EventKind::Comment(CommentChange { op: CommentOp::Reply, thread: "t".into(), anchor: None, text: None }),
            };
            let prev = record.last().map(|(_, e)| e);
            record.push((who, signed(&people[who].0, &s, prev, kind, from, to, &text, 10 + n as i64)));
        }
        let events: Vec<&Event> = record.iter().map(|(_, e)| e).collect();
        for (cut, as_handoff) in pieces {
            let piece = &events[..cut.min(events.len())];
            let before = lib.events(&s.id).map(|e| e.len()).unwrap_or(0);
            let delivered = if as_handoff { handoff(&s, piece) } else { pulled(&s, piece, 5) };
            if lib.receive(delivered).is_ok() {
                let held = lib.events(&s.id).unwrap().len();
                prop_assert_eq!(state(&lib, &s.id), expected_state(&record[..held], &people, &s.content));
            } else {
                prop_assert_eq!(lib.events(&s.id).map(|e| e.len()).unwrap_or(0), before, "a refusal writes nothing");
            }
        }
        lib.receive(pulled(&s, &events, 5)).unwrap();
        prop_assert_eq!(state(&lib, &s.id), expected_state(&record, &people, &s.content));
    }
}
