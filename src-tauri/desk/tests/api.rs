//! The desk's API against a real `qalam-desk` on loopback and its own PostgreSQL: who may see
//! and do what (refusals leak nothing), bad input of every kind, HTTPS with a certificate
//! authority made here, and two instances over one database.

#[path = "support/laptops.rs"]
mod laptops;
#[path = "support/local_desk.rs"]
mod local_desk;

use laptops::{new_story, person, push, refused_status, request, start_desk, ulid};
use qalam_core::hash::sha256_hex;
use qalam_core::workflow::event::EVENT_FORMAT;
use qalam_core::workflow::{Action, ArticleStatus, Event, EventBody, EventKind, Role};
use qalam_sync::client::{DeskClient, Pushed};
use qalam_sync::SyncError;

#[tokio::test(flavor = "multi_thread")]
async fn a_journalist_cannot_read_or_change_a_colleagues_story_nor_approve_and_learns_nothing() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let mut omar = person(&desk, "عمر", Role::Journalist).await;
    let maha = person(&desk, "مها", Role::Editor).await;

    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    sara.lib.act(&id, Action::Withdraw, None, &sara.signer).unwrap();
    assert!(matches!(push(&sara, &id, None).await.unwrap(), Pushed::Done(_)));

    // A withdrawn story is a draft again: only its author sees it.
    assert_eq!(omar.client.pull(0, 100).await.unwrap().stories.len(), 0);
    assert_eq!(maha.client.pull(0, 100).await.unwrap().stories.len(), 0);
    assert_eq!(sara.client.pull(0, 100).await.unwrap().stories.len(), 1);

    // Omar has the id (say, from a hand-off) and tries to push over it: 403, and the answer
    // holds nothing of the story.
    let mut copy = request(&sara, &id, None);
    copy.story.markdown = copy.story.markdown.replace("نص لا يراه", "نص غيّره عمر");
    copy.client_id = ulid();
    let omar_client = DeskClient::new(&desk.url, None, Some(omar.token.clone())).unwrap();
    let (status, body) = refused_status(omar_client.push(&copy).await);
    assert_eq!(status, 403);
    for secret in ["الميزانية", "لا يراه", "سارة"] {
        assert!(!body.contains(secret), "the refusal leaks {secret}: {body}");
    }
    // Nor can Omar approve his own story with a step he signed himself.
    let own = new_story(&mut omar);
    omar.lib.act(&own, Action::Submit, None, &omar.signer).unwrap();
    assert!(matches!(push(&omar, &own, None).await.unwrap(), Pushed::Done(_)));
    let story = omar.lib.story(&own).unwrap();
    let last = omar.lib.events(&own).unwrap().last().unwrap().0.hash();
    let forged = EventBody {
        format: EVENT_FORMAT.into(),
        article: own.clone(),
        revision: 1,
        content_hash: sha256_hex(story.markdown.as_bytes()),
        from: ArticleStatus::Submitted,
        to: ArticleStatus::Approved,
        kind: EventKind::Transition(Action::Approve),
        package_hash: None,
        package_files: None,
        web_text_hash: None,
        actor: omar.signer.profile.person.fingerprint.clone(),
        actor_key: omar.signer.profile.person.public_key.clone(),
        actor_name: "عمر".into(),
        time: 1,
        note: None,
        prev: Some(last),
    };
    let mut approve = request(&omar, &own, Some(sha256_hex(story.markdown.as_bytes())));
    let event = Event::sign(&forged, &omar.signer.keys);
    approve.story.events.push(qalam_desk_api::WireEvent {
        body: event.0.body.clone(),
        signature: event.0.signature.clone(),
        received_at: None,
    });
    let (status, body) = refused_status(omar.client.push(&approve).await);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("only editors"), "{body}");
    let page = maha.client.pull(0, 100).await.unwrap();
    assert_eq!(page.stories.len(), 1);
    assert_eq!(page.stories[0].status, "submitted", "the forged approval changed nothing");
    assert_eq!(page.stories[0].story.events.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_of_every_kind_gets_a_4xx_with_reasons_in_both_languages() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let http = reqwest::Client::new();
    let url = |path: &str| format!("{}{path}", desk.url);
    let auth = format!("Bearer {}", sara.token);

    // No token, a wrong token, a token of the wrong shape.
    for header in
        [None, Some("Bearer 00"), Some("Bearer ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    {
        let mut r = http.get(url("/v1/me"));
        if let Some(h) = header {
            r = r.header("authorization", h);
        }
        let answer = r.send().await.unwrap();
        assert_eq!(answer.status(), 401);
        let body: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(body["code"], "unauthorized");
        assert!(!body["message_ar"].as_str().unwrap().is_empty());
    }
    // Garbage bodies, a wrong content type, a body past the limit, an unknown route, a wrong
    // method: every refusal in the API's one shape, with both languages.
    let cases: Vec<(reqwest::RequestBuilder, u16)> = vec![
        (http.post(url("/v1/push")).header("content-type", "application/json").body(""), 400),
        (http.post(url("/v1/push")).header("content-type", "application/json").body("{"), 400),
        (http.post(url("/v1/push")).header("content-type", "application/json").body("[]"), 422),
        (http.post(url("/v1/push")).header("content-type", "application/json").body("{\"client_id\": 5}"), 422),
        (http.post(url("/v1/push")).header("content-type", "application/json").body("null"), 422),
        (http.post(url("/v1/push")).header("content-type", "text/plain").body("{}"), 415),
        (http.get(url("/v1/no-such-route")), 404),
        (http.delete(url("/v1/push")), 405),
        (http.get(url("/v1/pull?after=abc")), 400),
    ];
    // A body past the limit: the desk answers 413 once it has read up to the limit, and closes —
    // a client still sending the rest would see its writing fail; the answer is read meanwhile.
    {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let stream = tokio::net::TcpStream::connect(desk.url.trim_start_matches("http://")).await.unwrap();
        let (mut reading, mut writing) = stream.into_split();
        let size = 17 * 1024 * 1024;
        let head = format!(
            "POST /v1/push HTTP/1.1\r\nHost: desk\r\nAuthorization: {auth}\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
        );
        let writer = tokio::spawn(async move {
            writing.write_all(head.as_bytes()).await?;
            writing.write_all(&vec![b' '; size]).await
        });
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(std::time::Duration::from_secs(20), reading.read_to_end(&mut answer)).await;
        writer.abort();
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(answer.contains("\"code\":\"too-large\"") && answer.contains("message_ar"), "{answer}");
    }
    for (request, expected) in cases {
        let answer = request.header("authorization", &auth).send().await.unwrap();
        let status = answer.status().as_u16();
        let body: serde_json::Value = answer.json().await.unwrap_or_else(|e| panic!("{status}: not JSON: {e}"));
        assert_eq!(status, expected, "{body}");
        assert!(!body["code"].as_str().unwrap().is_empty(), "{body}");
        assert!(!body["message"].as_str().unwrap().is_empty(), "{body}");
        assert!(!body["message_ar"].as_str().unwrap().is_empty(), "{body}");
    }
    // A story that does not read, an id that is not one, a draft with no record, a picture not
    // uploaded, a client id of the wrong shape: each refused with its reason, nothing stored.
    let id = new_story(&mut sara);
    let draft = request(&sara, &id, None);
    let (status, body) = refused_status(sara.client.push(&draft).await);
    assert_eq!((status, body.contains("not-yours")), (403, true), "{body}");
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    let mut broken = request(&sara, &id, None);
    broken.story.markdown = "---\ntitle: [\n---\n".into();
    assert_eq!(refused_status(sara.client.push(&broken).await).0, 422);
    let mut wrong_id = request(&sara, &id, None);
    wrong_id.story.id = "../../etc".into();
    assert_eq!(refused_status(sara.client.push(&wrong_id).await).0, 422);
    let mut bad_client = request(&sara, &id, None);
    bad_client.client_id = "x".repeat(200);
    assert_eq!(refused_status(sara.client.push(&bad_client).await).0, 422);
    let mut picture = request(&sara, &id, None);
    picture.story.markdown =
        picture.story.markdown.replace("نص لا يراه", &format!("![صورة](assets/{}.jpg)\n\nنص لا يراه", "ab".repeat(32)));
    let (status, body) = refused_status(sara.client.push(&picture).await);
    assert_eq!((status, body.contains("was not uploaded")), (422, true), "{body}");
    let mut forged = request(&sara, &id, None);
    let signature = &mut forged.story.events[0].signature;
    let first = if signature.starts_with('A') { "B" } else { "A" };
    signature.replace_range(0..1, first);
    assert_eq!(refused_status(sara.client.push(&forged).await).0, 422);
    assert_eq!(desk.psql("SELECT count(*) FROM articles WHERE head IS NOT NULL"), "0");

    // Pictures: bytes that do not match their name, or are not a picture.
    let answer = http
        .put(url(&format!("/v1/blobs/{}", sha256_hex(b"other"))))
        .header("authorization", &auth)
        .body("not these bytes")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 422);
    let answer = http
        .put(url(&format!("/v1/blobs/{}", sha256_hex(b"text"))))
        .header("authorization", &auth)
        .body("text")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 422);
    let answer = http.get(url("/v1/blobs/nothex")).header("authorization", &auth).send().await.unwrap();
    assert_eq!(answer.status(), 422);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retried_push_gets_its_first_answer_and_a_stale_base_gets_the_head() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    let first = request(&sara, &id, None);
    let Pushed::Done(a) = sara.client.push(&first).await.unwrap() else { panic!() };
    let Pushed::Done(b) = sara.client.push(&first).await.unwrap() else { panic!() };
    assert_eq!(a, b, "the same client id, the same answer");
    assert_eq!(desk.psql("SELECT count(*) FROM events"), "1");
    // A copy based on nothing, when the desk has a head: the head comes back, nothing applied.
    let mut article = sara.lib.load(&id).unwrap();
    article.article.meta.title = "عنوان آخر".into();
    sara.lib.save(&id, &article.article, article.version, qalam_core::library::SaveKind::Explicit).unwrap();
    match push(&sara, &id, None).await.unwrap() {
        Pushed::Conflict { head } => assert_eq!(head, a.head),
        Pushed::Done(_) => panic!("a stale base was accepted"),
    }
    assert!(matches!(push(&sara, &id, Some(a.head.clone())).await.unwrap(), Pushed::Done(_)));
    assert_eq!(desk.psql("SELECT count(*) FROM revisions"), "2");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_editor_is_told_at_once_when_something_changed() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let maha = person(&desk, "مها", Role::Editor).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let listener = tokio::spawn(async move {
        let _ = maha
            .client
            .changes(|seq| {
                let _ = tx.send(seq);
            })
            .await;
    });
    // The first event says "catch up".
    let hello = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv()).await.unwrap();
    assert_eq!(hello, Some(0));
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    let Pushed::Done(pushed) = push(&sara, &id, None).await.unwrap() else { panic!() };
    let mut told = None;
    while let Ok(Some(seq)) = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv()).await {
        if seq == pushed.seq {
            told = Some(seq);
            break;
        }
    }
    assert_eq!(told, Some(pushed.seq), "the change's number arrived by server-sent event");
    // Her device revoked, her open stream ends within the desk's recheck (15 s), keep-alives or not.
    let device = desk.psql("SELECT d.id FROM devices d JOIN people p ON p.id = d.person_id WHERE p.name = 'مها'");
    let revoked = desk.admin(&["device", "revoke", &device]);
    assert!(revoked.status.success(), "{}", String::from_utf8_lossy(&revoked.stderr));
    let ended = tokio::time::timeout(std::time::Duration::from_secs(25), listener).await;
    assert!(ended.is_ok(), "a revoked device's change stream is closed");
}

#[tokio::test(flavor = "multi_thread")]
async fn locks_say_who_is_editing_and_can_be_taken_over_with_a_note() {
    use qalam_desk_api::LockRequest;
    use qalam_sync::client::Locked;
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let maha = person(&desk, "مها", Role::Editor).await;
    let huda = person(&desk, "هدى", Role::Editor).await;
    let omar = person(&desk, "عمر", Role::Journalist).await;
    let id = new_story(&mut sara);
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();

    let Locked::Mine(lock) = maha.client.lock(&id, &LockRequest::default()).await.unwrap() else { panic!() };
    assert_eq!(lock.person_name, "مها");
    let Locked::ByOther(held) = huda.client.lock(&id, &LockRequest::default()).await.unwrap() else { panic!() };
    assert_eq!(held.person_name, "مها");
    assert_eq!(sara.client.locks().await.unwrap()[0].person_name, "مها", "the author sees who edits");
    let take = LockRequest { take_over: true, note: Some("مها في إجازة".into()) };
    let Locked::Mine(taken) = huda.client.lock(&id, &take).await.unwrap() else { panic!() };
    assert_eq!(taken.person_name, "هدى");
    assert_eq!(
        desk.psql("SELECT action || ':' || taken_from || ':' || note FROM lock_log WHERE action = 'take-over'"),
        "take-over:مها:مها في إجازة"
    );
    // A journalist who may not see the story learns nothing from the lock, not even that it exists.
    match omar.client.lock(&id, &LockRequest::default()).await {
        Err(SyncError::Desk { status: 404, .. }) => {}
        _ => panic!("a stranger's lock request must look like a missing story"),
    }
    assert!(omar.client.locks().await.unwrap().is_empty());
    huda.client.unlock(&id).await.unwrap();
    assert!(maha.client.locks().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn desk_search_folds_arabic_as_the_app_does_and_shows_only_what_one_may_see() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let omar = person(&desk, "عمر", Role::Journalist).await;
    let maha = person(&desk, "مها", Role::Editor).await;
    let text = "---\ntitle: الأسد يلتقي المزارعين\n---\n\nاجتمع الرئيس بمزارعي القمح في حماة.\n";
    let id = sara.lib.import(&qalam_core::article::parse(text).unwrap()).unwrap().0;
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();
    for query in ["الاسد", "مزارع", "القمح حماه"] {
        let hits = maha.client.search(query, 10).await.unwrap();
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0].id, id);
    }
    assert!(maha.client.search("كرة القدم", 10).await.unwrap().is_empty());
    assert!(omar.client.search("الاسد", 10).await.unwrap().is_empty(), "not his story");
    assert_eq!(sara.client.search("الأسد", 10).await.unwrap()[0].title, "الأسد يلتقي المزارعين");
}

#[tokio::test(flavor = "multi_thread")]
async fn desk_search_finds_the_other_spellings_of_a_name_also_after_an_older_desk_is_started_again() {
    let mut desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let maha = person(&desk, "مها", Role::Editor).await;
    let text = "---\ntitle: هاتف جديد\n---\n\nأعلنت جوجل عن هاتف جديد في القاهرة.\n";
    let id = sara.lib.import(&qalam_core::article::parse(text).unwrap()).unwrap().0;
    sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
    push(&sara, &id, None).await.unwrap();
    let found = |hits: Vec<qalam_desk_api::SearchHit>| hits.into_iter().map(|h| h.id).collect::<Vec<_>>();
    assert_eq!(found(maha.client.search("غوغل", 10).await.unwrap()), std::slice::from_ref(&id));
    assert!(maha.client.search("الغول", 10).await.unwrap().is_empty());
    // As an older desk left it: the terms of the time, and its analyzer's version.
    desk.psql(&format!(
        "UPDATE articles SET search = to_tsvector('simple', 'هاتف جديد اعلن جوجل') WHERE id = '{id}'; UPDATE search_analyzer SET version = 1"
    ));
    assert!(maha.client.search("قوقل", 10).await.unwrap().is_empty(), "the old terms do not fold");
    desk.stop();
    desk.restart();
    assert_eq!(found(maha.client.search("قوقل", 10).await.unwrap()), [id]);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_syncs_of_one_library_at_once_get_the_first_answer_never_a_503() {
    let desk = start_desk();
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    for round in 0..12 {
        let id = new_story(&mut sara);
        sara.lib.act(&id, Action::Submit, None, &sara.signer).unwrap();
        let same = request(&sara, &id, None);
        let other = DeskClient::new(&desk.url, None, Some(sara.token.clone())).unwrap();
        let (a, b) = tokio::join!(sara.client.push(&same), other.push(&same));
        match (a, b) {
            (Ok(Pushed::Done(a)), Ok(Pushed::Done(b))) => {
                assert_eq!(a, b, "round {round}: one answer for one client id")
            }
            (a, b) => panic!("round {round}: {:?} / {:?}", a.err(), b.err()),
        }
    }
    assert_eq!(desk.psql("SELECT count(*) FROM pushes"), "12");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desk_refuses_a_publish_step_under_embargo_from_a_laptop_that_tries_anyway() {
    let desk = start_desk();
    let mut maha = person(&desk, "مها", Role::Editor).await;
    let id = new_story(&mut maha);
    for action in [Action::Submit, Action::StartReview] {
        maha.lib.act(&id, action, None, &maha.signer).unwrap();
    }
    let settings = maha.lib.check_settings().unwrap();
    qalam_core::package::approve(&mut maha.lib, &id, None, &maha.signer, &settings).unwrap();
    let until = qalam_core::dates::now_ms() + 3_600_000;
    maha.lib.set_embargo(&id, Some(until), None, None, &maha.signer).unwrap();
    assert!(matches!(push(&maha, &id, None).await.unwrap(), Pushed::Done(_)));

    // A laptop that skips its own check signs "publish" and sends it: the desk's rule refuses it.
    let story = maha.lib.story(&id).unwrap();
    let head = sha256_hex(story.markdown.as_bytes());
    let last = maha.lib.events(&id).unwrap().last().unwrap().0.hash();
    let publish = EventBody {
        format: EVENT_FORMAT.into(),
        article: id.clone(),
        revision: 1,
        content_hash: head.clone(),
        from: ArticleStatus::Approved,
        to: ArticleStatus::Published,
        kind: EventKind::Transition(Action::Publish),
        package_hash: None,
        package_files: None,
        web_text_hash: None,
        actor: maha.signer.profile.person.fingerprint.clone(),
        actor_key: maha.signer.profile.person.public_key.clone(),
        actor_name: "مها".into(),
        time: qalam_core::dates::now_ms(),
        note: None,
        prev: Some(last),
    };
    let event = Event::sign(&publish, &maha.signer.keys);
    let mut early = request(&maha, &id, Some(head));
    early.story.events.push(qalam_desk_api::WireEvent {
        body: event.0.body.clone(),
        signature: event.0.signature.clone(),
        received_at: None,
    });
    let (status, body) = refused_status(maha.client.push(&early).await);
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("embargo"), "{body}");
    assert_eq!(desk.psql(&format!("SELECT status FROM articles WHERE id = '{id}'")), "approved");
}
