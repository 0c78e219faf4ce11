//! What a story's deliveries left on its sites, read the same way everywhere: the newest delivered
//! to each target stands for what that site shows (the list's `public_states`, the sites a
//! correction goes to, the desk's Scheduled column and live address).

use qalam_core::library::{public_states, Library, NewDelivery, PostStatus, PublicState};

use super::support::{article, temp_library};

fn delivered(lib: &mut Library, id: &str, target: &str, status: PostStatus, at: Option<i64>, url: &str) -> i64 {
    let n = lib
        .queue_delivery(&NewDelivery {
            article_id: id,
            revision: 1,
            title: "خبر",
            target,
            status,
            approved: status == PostStatus::Publish,
            package: b"zip",
            content_hash: "0",
            publish_at: at,
            corrections: 0,
        })
        .unwrap();
    lib.delivery_done(n, "7", Some(url)).unwrap();
    n
}

#[test]
fn only_the_newest_delivery_to_a_site_stands_for_what_it_shows() {
    let (_dir, mut lib) = temp_library();
    let (id, _) = lib.import(&article("خبر", "نص الخبر.")).unwrap();
    let later = qalam_core::dates::now_ms() + 3_600_000;
    // Site A: scheduled, then published now. Site B: published, then back to a draft there.
    delivered(&mut lib, &id, "a", PostStatus::Publish, Some(later), "https://a/?p=7");
    delivered(&mut lib, &id, "a", PostStatus::Publish, None, "https://a/live");
    delivered(&mut lib, &id, "b", PostStatus::Publish, None, "https://b/old");
    delivered(&mut lib, &id, "b", PostStatus::Draft, None, "https://b/draft");

    let listed = lib.deliveries(Some(&id), 10).unwrap();
    let states: Vec<_> =
        listed.iter().map(|d| d.target.as_str()).zip(public_states(&listed, qalam_core::dates::now_ms())).collect();
    assert_eq!(states, [("b", None), ("b", None), ("a", Some(PublicState::Published)), ("a", None)]);
    assert_eq!(lib.published_on(&id).unwrap(), ["a"]);
    assert_eq!(lib.live_url(&id).unwrap().as_deref(), Some("https://a/live"));
    let card = lib.desk().unwrap().into_iter().find(|c| c.id == id).unwrap();
    assert_eq!((card.scheduled_at, card.live_url.as_deref()), (None, Some("https://a/live")));

    // Scheduled again on A: the site holds it, so it is not live there.
    delivered(&mut lib, &id, "a", PostStatus::Publish, Some(later), "https://a/?p=7");
    assert_eq!(lib.live_url(&id).unwrap(), None);
    let card = lib.desk().unwrap().into_iter().find(|c| c.id == id).unwrap();
    assert_eq!(card.scheduled_at, Some(later));
    // Taken down there: neither live nor scheduled, and no site for a correction.
    lib.mark_taken_down(&id, "a").unwrap();
    assert_eq!(lib.published_on(&id).unwrap(), Vec::<String>::new());
    let card = lib.desk().unwrap().into_iter().find(|c| c.id == id).unwrap();
    assert_eq!((card.scheduled_at, card.live_url), (None, None));
}
