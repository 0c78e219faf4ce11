//! A published story's life on a real WordPress on loopback: delivering it as published records
//! the publish step; a correction (its text approved, its public note signed) updates the same
//! post — same pictures, same first publication time — with the corrections at its end in order,
//! and the Qalam plugin verifies the corrected words by the correction's signature.

use serde_json::Value;

use super::deliver::{assert_one_post_with_its_media, expected_content, Newsroom};
use super::wordpress_site::Site;

const FIRST: &str = "ورد خطأً أن النمو المتوقع ثلاثة في المئة، والصحيح أربعة.";
const SECOND: &str = "صُحّح اسم اللجنة في الفقرة الأولى.";

fn content(post: &Value) -> String {
    post["content"]["raw"].as_str().unwrap().to_string()
}

#[test]
fn a_correction_updates_the_same_post_shows_its_notes_in_order_and_verifies() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    site.php(&format!("update_option('qalam_roster_keys', '{}');", room.public_key()));
    room.approve();
    // Never published: there is nothing public to correct.
    let (code, never) = room.expect_code(&["correct", &room.id, "--note", FIRST]);
    assert_eq!((code, never["error"]["code"].as_str()), (1, Some("refused")), "{never}");

    let first = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert!(first["published_step"].is_string(), "delivered as published, the record says so: {first}");
    assert_eq!(room.ok(&["status", &room.id])["status"], "published");
    assert_eq!(first["delivery"]["public"], "published");
    let id = first["delivery"]["remote_id"].as_str().unwrap().to_string();
    let before = site.get(&format!("/wp/v2/posts/{id}"));
    let published_at = before["date_gmt"].clone();

    // The corrected text must be approved first.
    room.edit(|text| text.replace("ثلاثة في المئة", "أربعة في المئة"));
    let (code, early) = room.expect_code(&["correct", &room.id, "--note", FIRST]);
    assert_eq!((code, early["error"]["code"].as_str()), (1, Some("refused")), "{early}");
    room.ok(&["approve", &room.id]);
    let (code, blank) = room.expect_code(&["correct", &room.id, "--note", " \u{200F} "]);
    assert_eq!((code, blank["error"]["code"].as_str()), (1, Some("refused")), "{blank}");

    let corrected = room.ok(&["correct", &room.id, "--note", FIRST]);
    let update = &corrected["deliveries"][0];
    assert_eq!(update["state"], "delivered", "{corrected}");
    assert_eq!(update["remote_id"].as_str(), Some(id.as_str()), "the same post");
    assert_eq!(update["public"], "corrected");
    // One post, its three pictures not uploaded again, its first publication time kept.
    let post = assert_one_post_with_its_media(&site);
    assert_eq!(post["status"], "publish");
    assert_eq!(post["date_gmt"], published_at);
    let raw = content(&post);
    assert_eq!(raw, expected_content(&room.package(), &site), "exactly the package's words");
    assert!(raw.contains("أربعة في المئة") && raw.contains("<h2>تصحيح</h2>") && raw.contains(FIRST), "{raw}");
    assert!(
        raw.starts_with(
            "<!-- wp:paragraph {\"className\":\"qalam-updated\"} -->\n<p class=\"qalam-updated\">آخر تحديث:"
        ),
        "{raw}"
    );
    let verdict = site.get(&format!("/qalam/v1/verify/{id}"));
    assert_eq!(verdict["state"], "verified", "the correction signs the corrected post: {verdict}");

    // The record keeps it, signed; the deliveries say what each left on the site.
    let status = room.ok(&["status", &room.id]);
    assert_eq!(status["status"], "published");
    let last = status["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["body"]["kind"]["transition"].as_str(), last["body"]["note"].as_str()),
        (Some("correct"), Some(FIRST))
    );
    let all = room.ok(&["deliveries", &room.id])["deliveries"].as_array().unwrap().clone();
    let states: Vec<&str> = all.iter().map(|d| d["public"].as_str().unwrap_or("-")).collect();
    // The newest delivery to the site stands for what it shows; the older one is history.
    assert_eq!(states, ["corrected", "-"]);

    // A second correction: both shown, oldest first.
    room.edit(|text| text.replace("رئيس اللجنة إن", "رئيس لجنة المال إن"));
    room.ok(&["approve", &room.id]);
    room.ok(&["correct", &room.id, "--note", SECOND]);
    let raw = content(&assert_one_post_with_its_media(&site));
    assert!(raw.contains("<h2>تصحيحات</h2>"), "{raw}");
    let (a, b) = (raw.find(FIRST).expect("the first note"), raw.find(SECOND).expect("the second note"));
    assert!(a < b, "oldest first: {raw}");
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "verified");

    // The post as first published, put back on the site with its own (older) approval: that
    // approval no longer verifies there, so nobody undoes a correction unseen.
    let rollback = serde_json::json!({
        "content": before["content"]["raw"],
        "meta": {
            "qalam_approval": before["meta"]["qalam_approval"],
            "qalam_revision": before["meta"]["qalam_revision"],
            "qalam_content_hash": before["meta"]["qalam_content_hash"],
        },
    });
    site.admin_sends(&id, &rollback.to_string());
    let verdict = site.get(&format!("/qalam/v1/verify/{id}"));
    assert_eq!(verdict["state"], "superseded", "{verdict}");
    room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "verified");

    // A note changed on the site is a change after approval.
    site.php(&format!(
        "$p = get_post({id}); wp_update_post(['ID' => {id}, 'post_content' => str_replace('الفقرة الأولى', 'الفقرة الثانية', $p->post_content)]);"
    ));
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "changed");
}

#[test]
fn a_chiefs_early_lift_reaches_the_site_only_from_a_chiefs_key_and_only_for_this_embargo() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    room.approve();
    let hour_ahead = qalam_core::dates::now_ms() / 1000 * 1000 + 3_600_000;
    let baghdad = qalam_core::zoned::zone(None).unwrap();
    room.ok(&["embargo", &room.id, "--until", &qalam_core::zoned::iso_in_zone(hour_ahead, baghdad)]);
    let held = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    let id = held["delivery"]["remote_id"].as_str().unwrap().to_string();
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "future");

    // The chief breaks the embargo in Qalam; a site that does not know the key as a chief's keeps
    // the post scheduled.
    room.ok(&["embargo", &room.id, "--clear", "--note", "أعلن الوزير النتائج على الهواء"]);
    site.php(&format!("update_option('qalam_roster_keys', '{}');", room.public_key()));
    let (code, _) = room.expect_code(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(code, 1);
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "future");
    // Marked as a chief's there (as `qalam profile show` prints it): the lift verifies, it is out.
    site.php(&format!("update_option('qalam_roster_keys', '{} [chief]');", room.public_key()));
    let lifted = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(lifted["delivery"]["remote_id"].as_str(), Some(id.as_str()));
    let post = site.get(&format!("/wp/v2/posts/{id}"));
    assert_eq!(post["status"], "publish", "{post}");
    let old_lift = post["meta"]["qalam_embargo_lift"].as_str().unwrap().to_string();

    // A new embargo reaches the site: the old lift does not lift it.
    let later = hour_ahead + 3_600_000;
    room.ok(&["embargo", &room.id, "--until", &qalam_core::zoned::iso_in_zone(later, baghdad)]);
    room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "future");
    let replay = serde_json::json!({ "status": "publish", "meta": { "qalam_embargo_until": 0, "qalam_embargo_lift": old_lift } });
    assert_eq!(site.admin_sends(&id, &replay.to_string())["code"], "qalam_embargoed");
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "future");
}
