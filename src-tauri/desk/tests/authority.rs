//! The one authority rule where pushes arrive: each case a real attack on a real desk (its own
//! PostgreSQL), with events forged and signed so that signatures and chain hashes are valid and
//! the refusal is for the right reason — a comment claiming a state, an unknown key, a
//! journalist's approval, a removed editor, a publish of a text nobody approved, a branch that
//! would undo what the desk holds — and enrolment with someone else's key, guessed codes, a
//! colleague's pictures, a story one may not see, a record past its limit.

#[path = "support/laptops.rs"]
mod laptops;
#[path = "support/local_desk.rs"]
mod local_desk;

use laptops::{new_story, person, push, refused_status, request, start_desk, Person};
use local_desk::LocalDesk;
use qalam_core::hash::sha256_hex;
use qalam_core::identity::{KeyPair, SecretStore};
use qalam_core::library::{Joined, Library};
use qalam_core::workflow::authority::MAX_RECORD_EVENTS;
use qalam_core::workflow::event::{CommentChange, CommentOp, EVENT_FORMAT};
use qalam_core::workflow::{Action, ArticleStatus, Event, EventBody, EventKind, Role};
use qalam_desk_api::{enrollment_statement, EnrollRequest, WireEvent};
use qalam_sync::client::{DeskClient, Pushed};
use qalam_sync::SyncError;

/// An event signed by `keys` (whoever they are) on `p`'s copy of story `id`, after its last event.
#[allow(clippy::too_many_arguments)]
fn forged(
    p: &Person,
    id: &str,
    keys: &KeyPair,
    name: &str,
    kind: EventKind,
    from: ArticleStatus,
    to: ArticleStatus,
    time: i64,
) -> Event {
    let markdown = p.lib.load(id).unwrap().markdown;
    let prev = p.lib.record(id).unwrap().last().map(|l| l.hash.clone());
    forged_after(id, keys, name, kind, from, to, &sha256_hex(markdown.as_bytes()), prev, time)
}

/// A step signed by `keys` on `p`'s copy of story `id`, after its last event, signed now.
fn transition(p: &Person, id: &str, keys: &KeyPair, action: Action, from: ArticleStatus, to: ArticleStatus) -> Event {
    forged(p, id, keys, "x", EventKind::Transition(action), from, to, i64::MAX / 2)
}

#[allow(clippy::too_many_arguments)]
fn forged_after(
    id: &str,
    keys: &KeyPair,
    name: &str,
    kind: EventKind,
    from: ArticleStatus,
    to: ArticleStatus,
    content: &str,
    prev: Option<String>,
    time: i64,
) -> Event {
    let approve = kind == EventKind::Transition(Action::Approve);
    let body = EventBody {
        format: EVENT_FORMAT.into(),
        article: id.into(),
        revision: 1,
        content_hash: content.into(),
        from,
        to,
        kind,
        package_hash: approve.then(|| "0".repeat(64)),
        package_files: approve.then(Vec::new),
        web_text_hash: None,
        actor: keys.fingerprint(),
        actor_key: keys.public(),
        actor_name: name.into(),
        time,
        note: Some("سبب الخطوة".into()),
        prev,
    };
    Event::sign(&body, keys)
}

fn wire(e: &Event) -> WireEvent {
    WireEvent { body: e.0.body.clone(), signature: e.0.signature.clone(), received_at: None }
}

/// Pushes `p`'s copy of `id` with `extra` events after its record; the refusal's status and body.
async fn push_with(p: &Person, id: &str, based_on: Option<String>, extra: &[&Event]) -> Result<Pushed, SyncError> {
    let mut r = request(p, id, based_on);
    r.story.events.extend(extra.iter().map(|e| wire(e)));
    p.client.push(&r).await
}

fn desk_status(desk: &LocalDesk, id: &str) -> String {
    desk.psql(&format!("SELECT status FROM articles WHERE id = '{id}'"))
}

fn comment_change() -> EventKind {
    EventKind::Comment(CommentChange { op: CommentOp::Reply, thread: "t".into(), anchor: None, text: Some("x".into()) })
}

/// Joins `p`'s library to the desk (for pulls through the real sync code).
fn link(p: &mut Person, desk: &LocalDesk) {
    let joined = Joined { url: &desk.url, device_id: "1", person_name: "x", role: "journalist", ca_file: None };
    p.lib.join_desk(&joined).unwrap();
}

/// A pull as a sync pass makes it: the desk's people first, then its stories.
async fn pull(p: &mut Person) {
    qalam_sync::run::refresh_people(&mut p.lib, &p.client).await.unwrap();
    qalam_sync::receive::pull(&mut p.lib, &p.client).await.unwrap();
}

/// The head of `id` on the desk.
fn head(desk: &LocalDesk, id: &str) -> Option<String> {
    Some(desk.psql(&format!("SELECT head FROM articles WHERE id = '{id}'"))).filter(|h| !h.is_empty())
}

/// A journalist's story submitted through the desk and under review on her editor's laptop,
/// both linked to the desk.
async fn under_review(desk: &LocalDesk) -> (Person, Person, String) {
    let mut sara = person(desk, "سارة", Role::Journalist).await;
    let mut maha = person(desk, "مها", Role::Editor).await;
    link(&mut sara, desk);
    link(&mut maha, desk);
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();
    pull(&mut maha).await;
    maha.lib.act(&id, Action::StartReview, None, &maha.signer).unwrap();
    (sara, maha, id)
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_steps_are_refused_with_their_reason_and_change_nothing() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let mut maha = person(&desk, "مها", Role::Editor).await;
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();
    let h = head(&desk, &id);

    // A comment claiming submitted → published, signed by the journalist herself.
    let comment = forged(
        &sara,
        &id,
        &sara.signer.keys,
        "سارة",
        comment_change(),
        ArticleStatus::Submitted,
        ArticleStatus::Published,
        i64::MAX / 2,
    );
    let (status, body) = refused_status(push_with(&sara, &id, h.clone(), &[&comment]).await);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("event-refused") && body.contains(&comment.hash()), "{body}");
    assert!(body.contains("a comment or suggestion claiming to change the story's state"), "{body}");
    // An approval by a key the desk does not know, claiming the editor's name.
    let stranger = KeyPair::generate();
    let approval =
        transition(&sara, &id, &stranger, Action::Approve, ArticleStatus::Submitted, ArticleStatus::Approved);
    let (status, body) = refused_status(push_with(&sara, &id, h.clone(), &[&approval]).await);
    assert!(status == 403 && body.contains("not known here"), "{body}");
    // The journalist's own approval.
    let own =
        transition(&sara, &id, &sara.signer.keys, Action::Approve, ArticleStatus::Submitted, ArticleStatus::Approved);
    let (_, body) = refused_status(push_with(&sara, &id, h.clone(), &[&own]).await);
    assert!(body.contains("only editors may approve"), "{body}");

    // The editor starts the review, then is removed; an approval she signed reaches the desk after.
    link(&mut maha, &desk);
    pull(&mut maha).await;
    maha.lib.act(&id, Action::StartReview, None, &maha.signer).unwrap();
    push(&maha, &id, h.clone()).await.unwrap();
    assert_eq!(desk_status(&desk, &id), "in-review");
    let late =
        transition(&maha, &id, &maha.signer.keys, Action::Approve, ArticleStatus::InReview, ArticleStatus::Approved);
    assert!(desk.admin(&["person", "remove", "مها"]).status.success());
    let mut relay = request(&maha, &id, h.clone());
    relay.story.events.push(wire(&late));
    let (status, body) = refused_status(sara.client.push(&relay).await);
    assert!(status == 403 && body.contains("after they were removed"), "{body}");
    assert_eq!(desk_status(&desk, &id), "in-review", "nothing forged changed the desk's state");
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "2");
    // What the desk tells laptops of its people: her key stopped counting when she was removed.
    let keys = sara.client.people().await.unwrap();
    let hers = keys.iter().find(|k| k.name == "مها").unwrap();
    assert!(hers.revoked_at.is_some());
    assert!(keys.iter().find(|k| k.name == "سارة").unwrap().revoked_at.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edit_after_approval_takes_it_away_on_the_desk_and_a_publish_of_that_text_is_refused() {
    let desk = start_desk();
    let (mut sara, mut maha, id) = under_review(&desk).await;
    let settings = qalam_core::check::CheckSettings::default();
    qalam_core::package::approve(&mut maha.lib, &id, None, &maha.signer, &settings).unwrap();
    push(&maha, &id, head(&desk, &id)).await.unwrap();
    assert_eq!(desk_status(&desk, &id), "approved");

    // The journalist edits the approved text and pushes it: the desk is back in review.
    pull(&mut sara).await;
    let stored = sara.lib.load(&id).unwrap();
    let mut edited = stored.article.clone();
    edited.meta.title = "عنوان لم يعتمده أحد".into();
    sara.lib.save(&id, &edited, stored.version, qalam_core::library::SaveKind::Explicit).unwrap();
    assert!(matches!(push(&sara, &id, head(&desk, &id)).await.unwrap(), Pushed::Done(_)));
    assert_eq!(desk_status(&desk, &id), "in-review");

    // The editor pulls it; her library agrees, and refuses to publish.
    pull(&mut maha).await;
    assert_eq!(maha.lib.review_state(&id).unwrap().status, ArticleStatus::InReview);
    assert!(maha.lib.act(&id, Action::Publish, None, &maha.signer).is_err());
    // Signed anyway, claiming the story is approved, for the text now on the desk: refused.
    let publish =
        transition(&maha, &id, &maha.signer.keys, Action::Publish, ArticleStatus::Approved, ArticleStatus::Published);
    let (status, body) = refused_status(push_with(&maha, &id, head(&desk, &id), &[&publish]).await);
    assert!(status == 403 && body.contains("starts from approved but the story is in review"), "{body}");
    assert_eq!(desk_status(&desk, &id), "in-review");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_step_signed_by_someone_who_may_not_see_the_story_is_refused_whoever_pushes_it() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let sport = laptops::person_in(&desk, "رامي", Role::Editor, &["رياضة"]).await;
    let omar = person(&desk, "عمر", Role::Journalist).await;
    let id = new_story(&mut sara); // in اقتصاد
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();
    let h = head(&desk, &id);
    // The sports editor's start of a review, and a colleague's comment, relayed by the author.
    for (who, kind, to) in [
        (&sport, EventKind::Transition(Action::StartReview), ArticleStatus::InReview),
        (&omar, comment_change(), ArticleStatus::Submitted),
    ] {
        let event = forged(&sara, &id, &who.signer.keys, "x", kind, ArticleStatus::Submitted, to, i64::MAX / 2);
        let (status, body) = refused_status(push_with(&sara, &id, h.clone(), &[&event]).await);
        assert!(status == 403 && body.contains("may not see this story"), "{body}");
    }
    assert_eq!(desk_status(&desk, &id), "submitted");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_branch_is_merged_when_it_undoes_nothing_and_refused_when_it_would() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let mut maha = person(&desk, "مها", Role::Editor).await;
    link(&mut maha, &desk);
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();
    let submitted = head(&desk, &id);
    pull(&mut maha).await;
    maha.lib.act(&id, Action::StartReview, None, &maha.signer).unwrap();
    push(&maha, &id, submitted.clone()).await.unwrap();

    // Offline, the journalist comments on the submitted story: a branch beside the review. It
    // changes no state, so the desk merges it.
    let submit_hash = sara.lib.record(&id).unwrap()[0].hash.clone();
    let content = sha256_hex(sara.lib.load(&id).unwrap().markdown.as_bytes());
    let note = forged_after(
        &id,
        &sara.signer.keys,
        "سارة",
        comment_change(),
        ArticleStatus::Submitted,
        ArticleStatus::Submitted,
        &content,
        Some(submit_hash.clone()),
        i64::MAX / 2,
    );
    assert!(matches!(push_with(&sara, &id, submitted.clone(), &[&note]).await.unwrap(), Pushed::Done(_)));
    assert_eq!(desk_status(&desk, &id), "in-review");
    pull(&mut maha).await;
    let audit = maha.lib.audit(&id).unwrap();
    assert!(audit.is_sound(), "{:?}", audit.problems);
    assert_eq!(audit.merged.len(), 1, "the branch is reported");

    // A withdrawal signed before the review began, arriving now: it would undo the review the desk
    // holds, so the desk refuses it and says why.
    let withdraw = forged_after(
        &id,
        &sara.signer.keys,
        "سارة",
        EventKind::Transition(Action::Withdraw),
        ArticleStatus::Submitted,
        ArticleStatus::Draft,
        &content,
        Some(submit_hash),
        1,
    );
    let (status, body) = refused_status(push_with(&sara, &id, submitted, &[&withdraw]).await);
    assert!(status == 403 && body.contains("would undo it"), "{body}");
    assert_eq!(desk_status(&desk, &id), "in-review");
}

#[tokio::test(flavor = "multi_thread")]
async fn enrolment_proves_the_key_a_key_is_one_persons_and_guessing_codes_is_stopped() {
    let desk = start_desk();
    let maha = person(&desk, "مها", Role::Editor).await;
    let anon = DeskClient::new(&desk.url, None, None).unwrap();

    // Omar enrols claiming Maha's public key, signing with his own: no proof.
    let omar_keys = KeyPair::generate();
    let code = desk.person("عمر", "journalist", &[]);
    let challenge = anon.enroll_challenge().await.unwrap().challenge;
    let fingerprint = maha.signer.profile.person.fingerprint.0.clone();
    let statement = enrollment_statement(&challenge, &fingerprint, "laptop");
    let claim = EnrollRequest {
        code: code.clone(),
        public_key: maha.signer.profile.person.public_key.0.clone(),
        fingerprint,
        device_name: "laptop".into(),
        challenge,
        signature: omar_keys.sign(statement.as_bytes()),
    };
    match anon.enroll(&claim).await {
        Err(SyncError::Desk { status: 401, error }) => assert_eq!(error.code, "bad-proof"),
        other => panic!("{other:?}"),
    }
    // Even holding her private key (a copied key file), a key enrolled by her is hers alone.
    match qalam_sync::join::enroll(&anon, &maha.signer, &code, "laptop").await {
        Err(SyncError::Desk { status: 409, error }) => assert_eq!(error.code, "key-taken"),
        other => panic!("{other:?}"),
    }
    // Guessed codes: after ten failures from an address, it waits — even with a right code.
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("l.sqlite3")).unwrap();
    lib.init_profile("هدى", Role::Journalist, SecretStore::KeyFile { path: dir.path().join("k") }, Some("p")).unwrap();
    let huda = lib.signer(Some("p")).unwrap();
    let mut failures = 2; // the two refusals above count too
    let mut limited = None;
    for guess in 0..20 {
        match qalam_sync::join::enroll(&anon, &huda, &format!("AAAAA-BBBBB-{guess:05}"), "x").await {
            Err(SyncError::Desk { status: 401, .. }) => failures += 1,
            Err(SyncError::Desk { status: 429, error }) => {
                limited = Some(error);
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(failures, 10, "the eleventh attempt is refused");
    let limited = limited.expect("a limit");
    assert_eq!(limited.code, "too-many-attempts");
    assert!(limited.message_ar.contains("دقيقة"), "{}", limited.message_ar);
    let real = desk.person("هدى", "journalist", &[]);
    assert!(matches!(
        qalam_sync::join::enroll(&anon, &huda, &real, "x").await,
        Err(SyncError::Desk { status: 429, .. })
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_address_cannot_fill_the_desk_with_enrolment_challenges() {
    let desk = start_desk();
    let anon = DeskClient::new(&desk.url, None, None).unwrap();
    for _ in 0..qalam_desk::store::enrolment::MAX_CHALLENGES_PER_ADDRESS {
        anon.enroll_challenge().await.unwrap();
    }
    match anon.enroll_challenge().await {
        Err(SyncError::Desk { status: 429, error }) => {
            assert_eq!(error.code, "too-many-requests");
            assert!(error.message_ar.contains("دقائق") || error.message_ar.contains("دقيقة"), "{}", error.message_ar);
        }
        other => panic!("the 21st open challenge from one address: {other:?}"),
    }
    let open = desk.psql("SELECT count(*) FROM enroll_challenges");
    assert_eq!(open, qalam_desk::store::enrolment::MAX_CHALLENGES_PER_ADDRESS.to_string(), "nothing more was stored");
    // When they expire, the address may ask again.
    desk.psql("UPDATE enroll_challenges SET expires_at = now() - interval '1 second'");
    anon.enroll_challenge().await.expect("expired challenges no longer count");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_colleagues_pictures_and_stories_answer_exactly_as_missing_ones() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let mut omar = person(&desk, "عمر", Role::Journalist).await;
    let maha = person(&desk, "مها", Role::Editor).await;
    // Sara's story with a photo of hers.
    let photo = sara.dir.path().join("photo.png");
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 7])).save(&photo).unwrap();
    let text = "---\ntitle: صورة خاصة\ncategory: اقتصاد\nhero:\n  src: photo.png\n  alt: صورة\n---\n\nنص.\n";
    std::fs::write(sara.dir.path().join("a.md"), text).unwrap();
    let on_disk = qalam_core::article::on_disk::read_article_on_disk(&sara.dir.path().join("a.md")).unwrap();
    let id = sara
        .lib
        .import_with_pictures(&on_disk.article, &on_disk.pictures, qalam_core::library::IfExists::Ask)
        .unwrap()
        .0;
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    let story = sara.lib.story(&id).unwrap();
    let src = story.pictures[0].clone();
    let hash = qalam_core::article::picture_file::asset_hash(&src).unwrap();
    let (bytes, _) = sara.lib.image(&src).unwrap();
    sara.client.put_blob(&hash, bytes).await.unwrap();
    push(&sara, &id, None).await.unwrap();

    // Omar knows the hash: the picture answers as one the desk never had.
    let never = sha256_hex(b"never uploaded");
    let answer = |who: &Person, h: String| {
        let client = DeskClient::new(&desk.url, None, Some(who.token.clone())).unwrap();
        async move {
            match client.get_blob(&h).await {
                Ok(_) => (200, String::new()),
                Err(SyncError::Desk { status, error }) => (status, error.message),
                Err(other) => panic!("{other:?}"),
            }
        }
    };
    let (status, message) = answer(&omar, hash.clone()).await;
    assert_eq!((status, &message), (404, &answer(&omar, never.clone()).await.1));
    assert_eq!(omar.client.missing(vec![hash.clone()]).await.unwrap(), std::slice::from_ref(&hash));
    // Those who may see the story may fetch it.
    assert_eq!(answer(&maha, hash.clone()).await.0, 200);
    assert_eq!(answer(&sara, hash.clone()).await.0, 200);
    assert!(sara.client.missing(vec![hash.clone()]).await.unwrap().is_empty());
    // Nor does naming her picture in a story of his own reach it (or tell that it exists).
    let his = new_story(&mut omar);
    let stored = omar.lib.load(&his).unwrap();
    let mut with_hers = stored.article.clone();
    with_hers.meta.hero = on_disk.article.meta.hero.clone();
    if let Some(hero) = with_hers.meta.hero.as_mut() {
        hero.src = src.clone();
    }
    omar.lib.save(&his, &with_hers, stored.version, qalam_core::library::SaveKind::Explicit).unwrap();
    omar.lib.act(&his, Action::Submit, None, &omar.signer).unwrap();
    let taken = refused_status(push(&omar, &his, None).await);
    assert!(taken.0 == 422 && taken.1.contains("was not uploaded"), "{taken:?}");
    assert_eq!(answer(&omar, hash.clone()).await.0, 404);

    // A push to Sara's story from Omar (a start of the record signed by him, for her id), and a
    // push to a story that does not exist: one answer.
    let mine = new_story(&mut omar);
    let mut over = request(&omar, &mine, None);
    let markdown = over.story.markdown.replace(&mine, &id);
    let start = forged_after(
        &id,
        &omar.signer.keys,
        "عمر",
        EventKind::Transition(Action::Submit),
        ArticleStatus::Draft,
        ArticleStatus::Submitted,
        &sha256_hex(markdown.as_bytes()),
        None,
        5,
    );
    over.story.id = id.clone();
    over.story.markdown = markdown;
    over.story.events = vec![wire(&start)];
    let taken = refused_status(omar.client.push(&over).await);
    let mut nothing = request(&omar, &mine, None);
    let fresh = ulid::Ulid::new().to_string();
    nothing.story.markdown = nothing.story.markdown.replace(&mine, &fresh);
    nothing.story.id = fresh;
    nothing.story.events.clear();
    let missing = refused_status(omar.client.push(&nothing).await);
    assert_eq!(taken, missing, "a colleague's story answers as one that does not exist");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_record_has_a_documented_limit_and_pushes_carry_only_what_is_new() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    link(&mut sara, &desk);
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    // Through the real sync: the desk says which events it holds, and the next push has none.
    let row = sara.lib.next_due(true).unwrap().expect("the submission is queued");
    assert_eq!(sara.lib.story(&id).unwrap().events.len(), 1);
    qalam_sync::send::send(&mut sara.lib, &sara.client, &row).await.unwrap();
    assert!(sara.lib.story(&id).unwrap().events.is_empty(), "nothing left to send");

    let mut flood = request(&sara, &id, head(&desk, &id));
    let content = sha256_hex(sara.lib.load(&id).unwrap().markdown.as_bytes());
    let mut prev = Some(sara.lib.record(&id).unwrap()[0].hash.clone());
    for i in 0..MAX_RECORD_EVENTS {
        let e = forged_after(
            &id,
            &sara.signer.keys,
            "سارة",
            comment_change(),
            ArticleStatus::Submitted,
            ArticleStatus::Submitted,
            &content,
            prev,
            10 + i as i64,
        );
        prev = Some(e.hash());
        flood.story.events.push(wire(&e));
    }
    let (status, body) = refused_status(sara.client.push(&flood).await);
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("record-full") && body.contains("5000 events") && body.contains("بلغ حدّه"), "{body}");
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "1");
}

/// What an independent reader of the rules concludes from a linear record (the text unchanged):
/// an event counts if its key is trusted, `decide` lets that person take the step from the state
/// the record is in, it claims exactly that state and outcome (comments claim no change), and its
/// signer may see the story as it then stands (its author; an editor once it is not a draft).
fn reference(record: &[(usize, EventBody)], roles: &[Option<Role>]) -> (ArticleStatus, Vec<bool>) {
    let mut state = ArticleStatus::Draft;
    let mut counts = Vec::new();
    let author = record.first().map(|(who, _)| *who);
    for (who, body) in record {
        let is_author = author == Some(*who);
        let next = match (roles[*who], &body.kind) {
            (None, _) => None,
            (Some(_), EventKind::Comment(_)) => (body.from == body.to).then_some(state),
            (Some(_), EventKind::Suggestion(_) | EventKind::Embargo(_)) => {
                unreachable!("this model's records hold no suggestions or embargoes")
            }
            (Some(role), EventKind::Transition(action)) => {
                match qalam_core::workflow::decide(state, role, *action, is_author, true) {
                    Ok(to) if body.from == state && body.to == to => Some(to),
                    _ => None,
                }
            }
        };
        let sees = |after: ArticleStatus| {
            is_author || (roles[*who].is_some_and(|r| r.is_editor()) && after != ArticleStatus::Draft)
        };
        let ok = next.is_some_and(sees);
        if ok {
            state = next.unwrap_or(state);
        }
        counts.push(ok);
    }
    (state, counts)
}

#[test]
fn any_record_pushed_step_by_step_leaves_the_desk_in_the_state_of_its_trusted_allowed_events() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let rt = tokio::runtime::Runtime::new().unwrap();
    let desk = start_desk();
    // The author, an editor, another journalist, a chief — and a key the desk never enrolled.
    let people = rt.block_on(async {
        vec![
            person(&desk, "سارة", Role::Journalist).await,
            person(&desk, "مها", Role::Editor).await,
            person(&desk, "عمر", Role::Journalist).await,
            person(&desk, "رنا", Role::Chief).await,
        ]
    });
    let people = std::cell::RefCell::new(people);
    let stranger = KeyPair::generate();
    let roles = [Some(Role::Journalist), Some(Role::Editor), Some(Role::Journalist), Some(Role::Chief), None];
    let step = (0usize..5, prop::option::of(0usize..8), prop::bool::weighted(0.75), (0usize..7, 0usize..7));
    let mut runner = TestRunner::new(Config { cases: 16, ..Config::default() });
    runner
        .run(&prop::collection::vec(step, 1..12), |moves| {
            let mut people = people.borrow_mut();
            let id = new_story(&mut people[0]);
            let content = sha256_hex(people[0].lib.load(&id).unwrap().markdown.as_bytes());
            let mut record: Vec<(usize, EventBody)> = Vec::new();
            let mut last: Option<String> = None;
            rt.block_on(async {
                for (n, (who, action, honest, claimed)) in moves.iter().enumerate() {
                    // The record starts with the author's submission, pushed by her laptop.
                    let (who, action) = if n == 0 { (0, Some(0)) } else { (*who, *action) };
                    let (state, _) = reference(&record, &roles);
                    let role = roles[who].unwrap_or(Role::Editor);
                    // The author's laptop pushes (the first event's signer, or Sara for a stranger's).
                    let author = record.first().map_or(if who == 4 { 0 } else { who }, |(a, _)| *a);
                    let kind = match action {
                        Some(a) => EventKind::Transition(Action::ALL[a]),
                        None => comment_change(),
                    };
                    let (from, to) = match (honest, &kind) {
                        (true, EventKind::Transition(a)) => {
                            let is_author = record.is_empty() || author == who;
                            (state, qalam_core::workflow::decide(state, role, *a, is_author, true).unwrap_or(state))
                        }
                        (true, _) => (state, state),
                        (false, _) => (ArticleStatus::ALL[claimed.0], ArticleStatus::ALL[claimed.1]),
                    };
                    let keys = if who == 4 { &stranger } else { &people[who].signer.keys };
                    let event = forged_after(&id, keys, "مها", kind, from, to, &content, last.clone(), 100 + n as i64);
                    let body = event.read().unwrap();
                    let mut candidate = record.clone();
                    candidate.push((who, body.clone()));
                    let (_, counts) = reference(&candidate, &roles);
                    let should = *counts.last().unwrap();
                    let mut r = request(&people[0], &id, head(&desk, &id));
                    r.story.events = vec![wire(&event)];
                    match people[author].client.push(&r).await {
                        Ok(_) => {
                            prop_assert!(should, "the desk took an event that does not count: {body:?}");
                            record.push((who, body));
                            last = Some(event.hash());
                        }
                        Err(SyncError::Desk { status: 403, error }) if error.code == "event-refused" => {
                            prop_assert!(!should, "the desk refused an event that counts: {body:?} {error:?}");
                        }
                        Err(other) => prop_assert!(false, "{other:?}"),
                    }
                }
                let (expected, _) = reference(&record, &roles);
                // A story none of whose events counted never reached the desk.
                let expected = if record.is_empty() { "" } else { expected.as_str() };
                prop_assert_eq!(desk_status(&desk, &id), expected);
                Ok(())
            })
        })
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn suggestions_are_judged_on_the_desk_by_the_same_rule_and_hold_an_approval_back() {
    use qalam_core::workflow::suggestion::{SuggestionChange, SuggestionOp};
    let desk = start_desk();
    let (mut sara, mut maha, id) = under_review(&desk).await;
    // The editor's suggestion reaches the desk like any event.
    let anchor = maha.lib.anchor_for_quote(&id, "لا يراه").unwrap();
    let (suggestion, _) = maha.lib.suggest(&id, anchor, "لا يقرؤه", &maha.signer).unwrap();
    push(&maha, &id, head(&desk, &id)).await.unwrap();
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "3");
    pull(&mut sara).await;
    let h = head(&desk, &id);

    // The author withdrawing the editor's suggestion, signed and pushed anyway: refused.
    let change = |op| {
        EventKind::Suggestion(SuggestionChange {
            op,
            suggestion: suggestion.clone(),
            anchor: None,
            replacement: None,
            text: None,
        })
    };
    let withdraw = forged(
        &sara,
        &id,
        &sara.signer.keys,
        "سارة",
        change(SuggestionOp::Withdraw),
        ArticleStatus::InReview,
        ArticleStatus::InReview,
        i64::MAX / 2,
    );
    let (status, body) = refused_status(push_with(&sara, &id, h.clone(), &[&withdraw]).await);
    assert!(status == 403 && body.contains("only the one who made a suggestion may withdraw it"), "{body}");
    // An approval while it is open, signed by the editor: refused.
    let approve =
        transition(&maha, &id, &maha.signer.keys, Action::Approve, ArticleStatus::InReview, ArticleStatus::Approved);
    let (status, body) = refused_status(push_with(&maha, &id, h.clone(), &[&approve]).await);
    assert!(status == 403 && body.contains("1 suggestion is still open"), "{body}");
    // A suggestion event claiming to move the story: refused.
    let claiming = forged(
        &maha,
        &id,
        &maha.signer.keys,
        "مها",
        change(SuggestionOp::Reject),
        ArticleStatus::InReview,
        ArticleStatus::Approved,
        i64::MAX / 2,
    );
    let (_, body) = refused_status(push_with(&maha, &id, h.clone(), &[&claiming]).await);
    assert!(body.contains("a comment or suggestion claiming to change the story's state"), "{body}");
    assert_eq!(desk_status(&desk, &id), "in-review");

    // The author accepts it through her library: the desk takes the acceptance and its text.
    sara.lib.accept_suggestion(&id, &suggestion, &sara.signer).unwrap();
    assert!(matches!(push(&sara, &id, h).await.unwrap(), Pushed::Done(_)));
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "4");
    pull(&mut maha).await;
    assert!(maha.lib.load(&id).unwrap().markdown.contains("نص لا يقرؤه إلا كاتبه"));
}
