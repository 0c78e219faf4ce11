//! Delivery to a real WordPress on loopback (tests/wordpress/site.sh), through the `qalam` binary
//! with a real keychain: posts as blocks with their pictures, corrections updating the same post,
//! what each role may do, faults that must end with exactly one post holding all its media, a
//! wrong password, the Qalam plugin telling a verified approval from a tampered and an unsigned
//! post, and the folder and webhook targets.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use qalam_core::hash::sha256_hex;
use qalam_core::package::deliverable::open_deliverable;
use qalam_core::publish::gutenberg::Media;
use qalam_core::publish::post::post_fields;
use serde_json::Value;

use super::http_faults::{Fault, FaultProxy};
use super::keychain::PrivateKeychain;
use super::review::assert_secret_nowhere;
use super::wordpress_site::Site;
use super::Env;

const STORY: &str = "---\ntitle: البرلمان يقرّ الميزانية بعد جلسة طويلة\nstandfirst: أقرّ البرلمان الميزانية العامة بأغلبية واضحة.\ncategory: سياسة\ntags: [برلمان, ميزانية]\nlanguage: ar\nhero:\n  src: images/hero.png\n  alt: قاعة البرلمان\n  caption: النواب في الجلسة\n  credit: تصوير المحرر\n---\n\nناقش البرلمان اليوم مشروع الميزانية العامة، وقال رئيس اللجنة إن العجز سينخفض.\n\n## ما الذي تغيّر\n\n![النواب يصوّتون](images/vote.png \"لحظة التصويت\")\n\n> [!PULLQUOTE]\n> العجز سينخفض إلى النصف.\n> — رئيس اللجنة\n\n- بند أول\n- بند ثانٍ\n\n![مبنى البرلمان](images/building.png \"المبنى من الخارج\")\n\nوتتوقع الحكومة نموًا بنسبة ثلاثة في المئة.\n";

fn picture(path: &Path, shade: u8) {
    image::RgbImage::from_fn(800, 500, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, shade]))
        .save(path)
        .unwrap();
}

/// A chief editor's library (key in the keychain) with the story and its three pictures.
pub(super) struct Newsroom {
    chain: PrivateKeychain,
    pub(super) env: Env,
    pub(super) id: String,
}

impl Newsroom {
    pub(super) fn new() -> Newsroom {
        let chain = PrivateKeychain::start();
        let env = Env::new();
        let folder = env.dir.path().join("story");
        std::fs::create_dir_all(folder.join("images")).unwrap();
        for (i, name) in ["hero", "vote", "building"].iter().enumerate() {
            picture(&folder.join(format!("images/{name}.png")), 40 * i as u8 + 10);
        }
        std::fs::write(folder.join("article.md"), STORY).unwrap();
        let room = Newsroom { chain, env, id: String::new() };
        room.ok(&["profile", "init", "--name", "سامي نور", "--role", "chief"]);
        let imported = room.ok(&["import", folder.join("article.md").to_str().unwrap()]);
        Newsroom { id: imported[0]["id"].as_str().unwrap().to_string(), ..room }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qalam"));
        command
            .arg("--library")
            .arg(self.env.library())
            .args(args)
            .arg("--json")
            .env("QALAM_LANG", "en")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.chain.address)
            .env_remove("QALAM_LIBRARY");
        command
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child =
            self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(stdin.unwrap_or("").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn expect(&self, args: &[&str], code: i32) -> Value {
        let out = self.run(args, None);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    }

    pub(super) fn ok(&self, args: &[&str]) -> Value {
        self.expect(args, 0)
    }

    /// The exit code and the JSON said (on stdout, or the error on stderr).
    pub(super) fn expect_code(&self, args: &[&str]) -> (i32, Value) {
        let out = self.run(args, None);
        let said = if out.stdout.is_empty() { &out.stderr } else { &out.stdout };
        (out.status.code().unwrap_or(-1), serde_json::from_slice(said).unwrap_or(Value::Null))
    }

    pub(super) fn add_wordpress(&self, name: &str, url: &str, user: &str, password: &str, extra: &[&str]) -> Value {
        let mut args = vec!["target", "add", "wordpress", name, "--url", url, "--user", user, "--password-stdin"];
        args.extend_from_slice(extra);
        let out = self.run(&args, Some(&format!("{password}\n")));
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub(super) fn approve(&self) {
        for verb in ["submit", "start-review", "approve"] {
            self.ok(&[verb, &self.id]);
        }
    }

    /// Approves the story again after it went back to review (a take-down, an edit).
    fn approve_again(&self) {
        self.ok(&["approve", &self.id]);
    }

    pub(super) fn public_key(&self) -> String {
        let shown = self.ok(&["profile", "show"]);
        format!("{} {}", shown["profile"]["public_key"].as_str().unwrap(), shown["profile"]["name"].as_str().unwrap())
    }

    /// Replaces the working copy by its text with `edit` applied (as an editor of the file would).
    pub(super) fn edit(&self, edit: impl Fn(&str) -> String) {
        let current = Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(self.env.library())
            .args(["show", &self.id, "--format", "md"])
            .output()
            .unwrap();
        let file = self.env.dir.path().join("edited.md");
        std::fs::write(&file, edit(&String::from_utf8(current.stdout).unwrap())).unwrap();
        self.ok(&["import", file.to_str().unwrap()]);
    }

    /// The package a delivery of the current revision carries (packages are deterministic).
    pub(super) fn package(&self) -> Vec<u8> {
        let path = self.env.dir.path().join("now.zip");
        let _ = std::fs::remove_file(&path);
        self.ok(&["export", &self.id, "--out", path.to_str().unwrap()]);
        std::fs::read(path).unwrap()
    }
}

/// What Qalam sends as the post's content, with the pictures where the site keeps them.
pub(super) fn expected_content(package: &[u8], site: &Site) -> String {
    let opened = open_deliverable(package).unwrap();
    let media = site.media();
    let by_src: HashMap<String, Media> = opened
        .package
        .pictures
        .iter()
        .map(|(src, bytes)| {
            let slug = format!("qalam-{}", &sha256_hex(bytes)[..20]);
            let item = media.iter().find(|m| m["slug"] == slug.as_str()).unwrap_or_else(|| panic!("no media {slug}"));
            (
                src.clone(),
                Media { id: item["id"].as_u64().unwrap(), url: item["source_url"].as_str().unwrap().to_string() },
            )
        })
        .collect();
    post_fields(&opened.package.article, &|src| by_src.get(src).cloned(), &opened.package.life, &Default::default())
        .content
}

/// Exactly one post, holding all three pictures (each uploaded once), the lead one featured.
pub(super) fn assert_one_post_with_its_media(site: &Site) -> Value {
    let posts = site.posts();
    assert_eq!(posts.len(), 1, "{:#?}", posts.iter().map(|p| p["slug"].clone()).collect::<Vec<_>>());
    let media = site.media();
    assert_eq!(media.len(), 3, "{:?}", media.iter().map(|m| m["slug"].clone()).collect::<Vec<_>>());
    let post = posts[0].clone();
    let raw = post["content"]["raw"].as_str().unwrap();
    for m in &media {
        if m["id"] != post["featured_media"] {
            assert!(raw.contains(&format!("\"id\":{}", m["id"])), "picture {} not in the post", m["id"]);
        }
    }
    assert!(media.iter().any(|m| m["id"] == post["featured_media"]), "the lead picture is the featured image");
    post
}

#[test]
fn a_story_reaches_wordpress_as_blocks_once_and_a_correction_updates_the_same_post() {
    let site = Site::start();
    let room = Newsroom::new();
    let added =
        room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &["--category", "سياسة=سياسة"]);
    assert!(added.to_string().find(&site.passwords["admin"]).is_none(), "the password is not in --json output");
    let tested = room.ok(&["target", "test", "site"]);
    assert_eq!(tested["report"]["can_publish"], true);
    assert_eq!(tested["report"]["plugin"], true);

    let delivered = room.ok(&["deliver", &room.id, "--to", "site"]);
    assert_eq!(delivered["delivery"]["state"], "delivered", "{delivered}");
    assert_eq!(delivered["delivery"]["status"], "draft");
    let post = assert_one_post_with_its_media(&site);
    assert_eq!(post["status"], "draft");
    assert_eq!(post["title"]["raw"], "البرلمان يقرّ الميزانية بعد جلسة طويلة");
    assert_eq!(post["excerpt"]["raw"], "أقرّ البرلمان الميزانية العامة بأغلبية واضحة.");
    // The body is stored exactly as sent, as blocks.
    assert_eq!(post["content"]["raw"].as_str().unwrap(), expected_content(&room.package(), &site));
    let raw = post["content"]["raw"].as_str().unwrap();
    assert!(raw.contains("<!-- wp:pullquote -->") && raw.contains("<cite>رئيس اللجنة</cite>"), "{raw}");
    assert!(raw.contains("<!-- wp:heading -->\n<h2>ما الذي تغيّر</h2>"), "{raw}");
    // An Arabic slug (WordPress keeps it percent-encoded), the category and the tags by name.
    let slug = post["slug"].as_str().unwrap();
    assert!(slug.starts_with("%d8%a7%d9%84%d8%a8%d8%b1%d9%84%d9%85%d8%a7%d9%86"), "{slug}");
    let politics = site.get("/wp/v2/categories?slug=politics");
    assert_eq!(post["categories"], serde_json::json!([politics[0]["id"]]));
    let tags: Vec<String> = post["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| site.get(&format!("/wp/v2/tags/{t}"))["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(tags, ["برلمان", "ميزانية"]);
    // The lead picture: alt text and caption with its credit; pictures are renditions (JPEG), not the PNG originals.
    let hero = site.get(&format!("/wp/v2/media/{}", post["featured_media"]));
    assert_eq!(hero["alt_text"], "قاعة البرلمان");
    assert_eq!(hero["caption"]["raw"], "النواب في الجلسة — تصوير المحرر");
    assert!(site.media().iter().all(|m| m["mime_type"] == "image/jpeg"));
    // The meta: article, revision, content hash.
    assert_eq!(post["meta"]["qalam_article_id"], room.id.as_str());
    assert_eq!(post["meta"]["qalam_content_hash"], delivered["delivery"]["content_hash"]);

    // A correction: the same post and pictures, updated; a new delivery recorded.
    room.edit(|text| text.replace("ثلاثة في المئة", "أربعة في المئة"));
    let again = room.ok(&["deliver", &room.id, "--to", "site"]);
    assert_eq!(again["delivery"]["remote_id"], delivered["delivery"]["remote_id"], "the same post");
    assert_ne!(again["delivery"]["id"], delivered["delivery"]["id"], "a new delivery");
    let post = assert_one_post_with_its_media(&site);
    assert!(post["content"]["raw"].as_str().unwrap().contains("أربعة في المئة"));
    assert_eq!(room.ok(&["deliveries", &room.id])["deliveries"].as_array().unwrap().len(), 2);
    // The Application Password is in the keychain only.
    assert_secret_nowhere(site.passwords["admin"].as_bytes(), &[room.env.dir.path()]);
}

#[test]
fn an_author_may_publish_with_existing_categories_and_an_editor_may_create_them() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("as-author", &site.url, "author", &site.passwords["author"], &[]);
    let tested = room.ok(&["target", "test", "as-author"]);
    assert_eq!(tested["report"]["can_create_categories"], false);
    assert_eq!(tested["report"]["can_publish"], true);
    // «سياسة» is no category name there (the site's is «سياسة» only through the mapping below).
    site.php(
        "wp_update_term(get_term_by('slug', 'politics', 'category')->term_id, 'category', ['name' => 'Politics']);",
    );
    let refused = room.expect(&["deliver", &room.id, "--to", "as-author"], 1);
    assert_eq!(refused["error"]["code"], "term-not-allowed", "{refused}");
    assert!(refused["error"]["message"].as_str().unwrap().contains("\"سياسة\""), "{refused}");
    assert_eq!(room.ok(&["deliveries"])["deliveries"][0]["state"], "failed");

    // Unapproved, publishing is refused — never quietly turned into a draft.
    room.add_wordpress(
        "mapped",
        &site.url,
        "author",
        &site.passwords["author"],
        &["--status", "publish", "--category", "سياسة=Politics"],
    );
    let not_approved = room.expect(&["deliver", &room.id, "--to", "mapped"], 1);
    assert_eq!(not_approved["error"]["code"], "not-approved");
    room.approve();
    let published = room.ok(&["deliver", &room.id, "--to", "mapped"]);
    assert_eq!(published["delivery"]["status"], "publish");
    let post = assert_one_post_with_its_media(&site);
    assert_eq!(post["status"], "publish");
    assert_eq!(post["author"], site.get("/wp/v2/users?slug=author")[0]["id"]);

    // An editor may create the category the author could not.
    room.add_wordpress(
        "as-editor",
        &site.url,
        "editor",
        &site.passwords["editor"],
        &["--category", "سياسة=شؤون برلمانية"],
    );
    assert_eq!(room.ok(&["target", "test", "as-editor"])["report"]["can_create_categories"], true);
    room.ok(&["deliver", &room.id, "--to", "as-editor", "--status", "pending"]);
    let created = site.get("/wp/v2/categories?search=%D8%B4%D8%A4%D9%88%D9%86");
    assert_eq!(created[0]["name"], "شؤون برلمانية");
}

/// Waits (at most 20 s) until `done` holds.
fn wait_for(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn whatever_fails_midway_the_site_ends_with_one_post_holding_all_its_media() {
    let site = Site::start();
    let proxy = FaultProxy::to(&site.host_port());
    let room = Newsroom::new();
    room.add_wordpress("site", &proxy.url, "admin", &site.passwords["admin"], &[]);

    // HTTP 500s on the first two pictures, then a post creation that stalls past the timeout:
    // `deliver` keeps trying, then leaves it queued.
    proxy.fault("POST", "/wp/v2/media", Fault::Error500, 2);
    proxy.fault("POST", "/wp/v2/posts", Fault::Stall, 1);
    let waiting = room.expect(&["deliver", &room.id, "--to", "site", "--timeout", "2"], 1);
    assert_eq!(waiting["delivery"]["state"], "queued", "{waiting}");
    assert!(waiting["delivery"]["last_error"].as_str().unwrap().contains("did not answer within 2 s"), "{waiting}");
    // Three attempts: a 500, a 500, then the pictures and a stalled post.
    assert_eq!(proxy.faulted().len(), 3, "{:?}", proxy.faulted());
    assert_eq!(site.media().len(), 3, "every picture uploaded once");
    // The stalled creation may have reached the site: the next run looks it up before creating.
    room.ok(&["outbox", "run"]);
    let first = assert_one_post_with_its_media(&site);

    // WordPress stopped in the middle of a picture's upload, then back.
    std::fs::create_dir_all(room.env.dir.path().join("images")).unwrap();
    picture(&room.env.dir.path().join("images/new.png"), 250);
    room.edit(|text| text.replace("\nوتتوقع", "\n![صورة جديدة](images/new.png)\n\nوتتوقع"));
    proxy.fault("POST", "/wp/v2/media", Fault::HoldAfter(20_000), 1);
    let before = proxy.faulted().len();
    let mut deliver = room
        .command(&["deliver", &room.id, "--to", "site", "--timeout", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the upload to be held", || proxy.faulted().len() == before + 1);
    site.stop_web();
    let _ = deliver.kill();
    let _ = deliver.wait();
    site.start_web();
    room.ok(&["outbox", "run"]);
    let posts = site.posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["id"], first["id"]);
    assert_eq!(site.media().len(), 4, "the new picture once");

    // Killed (SIGKILL) between the pictures' upload and the post's update: the post request is
    // held, the process killed; the next run takes the delivery up at once (its claimant is gone).
    room.edit(|text| text.replace("بند أول", "بند أول مصحّح"));
    proxy.fault("POST", "/wp/v2/posts", Fault::HoldAfter(0), 1);
    let before = proxy.faulted().len();
    let mut deliver = room
        .command(&["deliver", &room.id, "--to", "site"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the post request to be held", || proxy.faulted().len() == before + 1);
    unsafe { libc::kill(deliver.id() as i32, libc::SIGKILL) };
    let _ = deliver.wait();
    let queued = room.ok(&["deliveries"]);
    assert_eq!(queued["deliveries"][0]["state"], "queued");
    let ran = room.ok(&["outbox", "run"]);
    assert_eq!(ran["tried"][0]["state"], "delivered", "{ran}");
    let posts = site.posts();
    assert_eq!(posts.len(), 1);
    assert!(posts[0]["content"]["raw"].as_str().unwrap().contains("بند أول مصحّح"));
    assert_eq!(site.media().len(), 4, "no picture uploaded twice");
    let mut seen = proxy.seen();
    seen.retain(|r| r.starts_with("POST") && r.contains("media"));
    assert_eq!(seen.len(), 2 + 3 + 2, "two 500s, three first uploads, the held one and its retry: {seen:?}");
}

#[test]
fn a_wrong_password_is_said_plainly_and_not_tried_again() {
    let site = Site::start();
    let proxy = FaultProxy::to(&site.host_port());
    let room = Newsroom::new();
    room.add_wordpress("site", &proxy.url, "author", "abcd efgh ijkl mnop qrst uvwx", &[]);
    let tested = room.expect(&["target", "test", "site"], 1);
    assert_eq!(tested["error"]["code"], "unauthorized");
    let refused = room.expect(&["deliver", &room.id, "--to", "site"], 1);
    assert_eq!(refused["error"]["code"], "unauthorized");
    assert!(refused["error"]["message"].as_str().unwrap().contains("Application Password"), "{refused}");
    let asked = proxy.seen().len();
    // Stopped, not queued: running the outbox asks the site nothing.
    assert_eq!(room.ok(&["deliveries"])["deliveries"][0]["state"], "failed");
    room.ok(&["outbox", "run"]);
    assert_eq!(proxy.seen().len(), asked, "{:?}", proxy.seen());
    assert!(site.posts().is_empty());
}

#[test]
fn the_site_tells_a_verified_approval_from_a_changed_and_an_unsigned_post() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    site.php(&format!("update_option('qalam_roster_keys', '{}');", room.public_key()));
    // Unsigned: a draft no editor approved.
    let draft = room.ok(&["deliver", &room.id, "--to", "site"]);
    let id = draft["delivery"]["remote_id"].as_str().unwrap().to_string();
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "unsigned");
    // Approved and delivered again: verified, by name.
    room.approve();
    room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    let verdict = site.get(&format!("/qalam/v1/verify/{id}"));
    assert_eq!(verdict["state"], "verified", "{verdict}");
    assert_eq!(verdict["text"], "approved by سامي نور, verified");
    // Tampered on the site: one word changed.
    site.php(&format!(
        "$p = get_post({id}); wp_update_post(['ID' => {id}, 'post_content' => str_replace('سينخفض', 'سيرتفع', $p->post_content)]);"
    ));
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "changed");
    // An unknown key: the roster emptied.
    site.php("update_option('qalam_roster_keys', '');");
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "unknown-key");
    // Refusing to publish what does not verify: the site says why.
    site.php(&format!("update_option('qalam_roster_keys', '{}'); update_option('qalam_refuse_unverified', true); wp_update_post(['ID' => {id}, 'post_status' => 'draft']);", room.public_key()));
    let answer = site.admin_publishes(&id);
    assert_eq!(answer["code"], "qalam_unverified", "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("changed after approval"), "{answer}");
    // Delivered again from Qalam, the approved words are back and it publishes.
    let back = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(back["delivery"]["state"], "delivered", "{back}");
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "publish");
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "verified");
}

#[test]
fn the_publications_digits_reach_the_post_and_its_approval_still_verifies_there() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    site.php(&format!("update_option('qalam_roster_keys', '{}');", room.public_key()));
    // The chief's house style: Arabic-Indic digits on everything published.
    let rules = room.env.dir.path().join("rules.json");
    std::fs::write(
        &rules,
        r#"{ "format": "qalam-house-style", "version": 1, "publication": { "digits": "arabic-indic" }, "rules": [] }"#,
    )
    .unwrap();
    room.ok(&["style", "import", rules.to_str().unwrap()]);
    room.edit(|md| {
        md.replace(
            "بنسبة ثلاثة في المئة.",
            "بنسبة 3.5% في 2025 وفق [التقرير 7](https://example.org/2025/report) عن طائرات F-16.",
        )
    });
    room.approve();
    let delivered = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    let id = delivered["delivery"]["remote_id"].as_str().unwrap().to_string();
    let post = site.get(&format!("/wp/v2/posts/{id}"));
    let content = post["content"]["raw"].as_str().unwrap();
    for shown in ["بنسبة ٣٫٥٪ في ٢٠٢٥", "التقرير ٧", "https://example.org/2025/report", "F-16"] {
        assert!(content.contains(shown), "{shown} not in {content}");
    }
    // The plugin hashes the words it holds: the approval signed them as shown.
    assert_eq!(site.get(&format!("/qalam/v1/verify/{id}"))["state"], "verified");
    // The library keeps the text as it was typed.
    let md = room.ok(&["show", &room.id])["article"].to_string();
    assert!(md.contains("3.5%") && !md.contains('٣'), "{md}");
}

#[test]
fn an_embargoed_story_goes_in_scheduled_and_nobody_publishes_it_before_its_time() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    room.approve();
    // Held for a few seconds, said with its offset in the publication's zone.
    let until = qalam_core::dates::now_ms() / 1000 * 1000 + 20_000;
    let baghdad = qalam_core::zoned::zone(None).unwrap();
    let time = qalam_core::zoned::iso_in_zone(until, baghdad);
    assert_eq!(room.ok(&["embargo", &room.id, "--until", &time])["embargo"]["until"], time.as_str());
    let delivered = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(delivered["delivery"]["state"], "delivered", "{delivered}");
    let id = delivered["delivery"]["remote_id"].as_str().unwrap().to_string();
    let post = site.get(&format!("/wp/v2/posts/{id}"));
    assert_eq!(post["status"], "future", "{post}");
    assert_eq!(post["date_gmt"], qalam_core::zoned::utc_without_offset(until).as_str());
    // The delivery says the site holds it until then (not that it is published), and the record
    // does not take the publish step yet.
    assert_eq!(
        (delivered["delivery"]["public"].as_str(), delivered["delivery"]["publish_at"].as_i64()),
        (Some("scheduled"), Some(until))
    );
    assert!(delivered["published_step"].is_null(), "{delivered}");

    // The administrator presses Publish through REST: refused, with the reason.
    let answer = site.admin_publishes(&id);
    assert_eq!(answer["code"], "qalam_embargoed", "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("under embargo until"), "{answer}");
    // Nor can the embargo be cleared or shortened, nor the post scheduled before it.
    for sneaky in [
        r#"{"meta":{"qalam_embargo_until":0},"date_gmt":"2026-01-01T00:00:00"}"#,
        r#"{"meta":{"qalam_embargo_until":null}}"#,
        r#"{"date_gmt":"2026-01-01T00:00:00"}"#,
    ] {
        assert_eq!(site.admin_sends(&id, sneaky)["code"], "qalam_embargoed", "{sneaky}");
    }
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "future");
    // Older screens (wp_update_post, as the classic editor saves): it stays scheduled.
    site.php(&format!("wp_update_post(['ID' => {id}, 'post_status' => 'publish']);"));
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["status"], "future");

    // WordPress publishes it itself at the time (its cron, run as a system cron would).
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let _ = Command::new("curl").args(["-sS", "-o", "/dev/null"]).arg(format!("{}/wp-cron.php", site.url)).output();
        let status = site.get(&format!("/wp/v2/posts/{id}"))["status"].clone();
        if status == "publish" {
            assert!(qalam_core::dates::now_ms() >= until, "published before its time");
            break;
        }
        assert!(Instant::now() < deadline, "not published by WordPress after its time: {status}");
        std::thread::sleep(Duration::from_secs(1));
    }
}

#[test]
fn a_scheduled_story_goes_in_for_exactly_its_time_and_never_before_its_embargo() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    room.approve();
    // A local time in the publication's zone (Asia/Baghdad, UTC+3): tomorrow at 06:00.
    let baghdad = qalam_core::zoned::zone(None).unwrap();
    let tomorrow = qalam_core::dates::now_ms() + 24 * 3_600_000;
    let day = &qalam_core::zoned::iso_in_zone(tomorrow, baghdad)[..10];
    let local = format!("{day}T06:00");
    let at = qalam_core::zoned::parse_user_time(&local, baghdad).unwrap();
    // Only publishing is scheduled, and never before the embargo ends.
    let (code, draft) = room.expect_code(&["deliver", &room.id, "--to", "site", "--status", "draft", "--at", &local]);
    assert_eq!((code, draft["error"]["code"].as_str()), (1, Some("bad-schedule")), "{draft}");
    let later = qalam_core::zoned::iso_in_zone(at + 3_600_000, baghdad);
    room.ok(&["embargo", &room.id, "--until", &later]);
    let (_, early) = room.expect_code(&["deliver", &room.id, "--to", "site", "--status", "publish", "--at", &local]);
    assert_eq!(early["error"]["code"], "bad-schedule", "{early}");
    // A time already past is no schedule; a folder cannot hold an embargoed story until its time.
    let (_, past) =
        room.expect_code(&["deliver", &room.id, "--to", "site", "--status", "publish", "--at", "2020-01-01T00:00"]);
    assert_eq!(past["error"]["code"], "bad-schedule", "{past}");
    let shared = tempfile::tempdir().unwrap();
    room.ok(&["target", "add", "folder", "drive", "--path", shared.path().to_str().unwrap()]);
    let (_, held) = room.expect_code(&["deliver", &room.id, "--to", "drive", "--status", "publish"]);
    assert_eq!(held["error"]["code"], "bad-schedule", "{held}");
    assert_eq!(std::fs::read_dir(shared.path()).unwrap().count(), 0);
    // Moving it earlier is the chief's, with the reason.
    let earlier = qalam_core::zoned::iso_in_zone(at, baghdad);
    room.ok(&["embargo", &room.id, "--until", &earlier, "--note", "الإعلان قُدّم ساعة"]);

    let delivered = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish", "--at", &local]);
    assert_eq!(delivered["delivery"]["publish_at"], at, "{delivered}");
    let id = delivered["delivery"]["remote_id"].as_str().unwrap().to_string();
    let post = site.get(&format!("/wp/v2/posts/{id}"));
    assert_eq!(post["status"], "future");
    assert_eq!(post["date_gmt"], format!("{day}T03:00:00").as_str());
}

#[test]
fn a_story_taken_down_leaves_public_view_keeps_its_post_and_needs_a_new_approval() {
    let site = Site::start();
    let room = Newsroom::new();
    room.add_wordpress("site", &site.url, "admin", &site.passwords["admin"], &[]);
    room.approve();
    let delivered = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    let id = delivered["delivery"]["remote_id"].as_str().unwrap().to_string();
    let public = || {
        let out = Command::new("curl")
            .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}"])
            .arg(format!("{}/wp-json/wp/v2/posts/{id}", site.url))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(public(), "200");

    // A reason that says nothing is no reason.
    let (code, blank) = room.expect_code(&["unpublish", &room.id, "--to", "site", "--reason", "  "]);
    assert_eq!((code, blank["error"]["code"].as_str()), (1, Some("refused")), "{blank}");
    assert_eq!(public(), "200");

    let taken = room.ok(&["unpublish", &room.id, "--to", "site", "--reason", "أمر قضائي بالحذف المؤقت"]);
    assert_eq!(taken["post_id"].to_string(), id);
    // Not readable without an account; still there for the newsroom, at the same address.
    assert_ne!(public(), "200");
    let post = site.get(&format!("/wp/v2/posts/{id}"));
    assert_eq!(post["status"], "draft");
    let deliveries = room.ok(&["deliveries", &room.id]);
    assert_eq!(deliveries["deliveries"][0]["public"], "taken-down", "{deliveries}");
    // The record says who and why; republishing is a new approval.
    let status = room.ok(&["status", &room.id]);
    assert_eq!(status["status"], "in-review");
    let last = status["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["body"]["kind"]["transition"], "take-down", "{last}");
    assert_eq!(last["body"]["note"], "أمر قضائي بالحذف المؤقت");
    let (_, again) = room.expect_code(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(again["error"]["code"], "not-approved", "{again}");

    // The site knows it was taken down: its administrator cannot publish it, nor clear the mark.
    assert!(post["meta"]["qalam_taken_down"].as_str().unwrap().contains("أمر قضائي"), "{post}");
    let refused = site.admin_publishes(&id);
    assert_eq!(refused["code"], "qalam_taken_down", "{refused}");
    let cleared = site.admin_sends(&id, r#"{"status":"publish","meta":{"qalam_taken_down":""}}"#);
    assert_eq!(cleared["code"], "qalam_taken_down", "{cleared}");
    let earlier = site.admin_sends(&id, r#"{"meta":{"qalam_taken_down":"{\"time\":1}"}}"#);
    assert_eq!(earlier["code"], "qalam_taken_down", "{earlier}");
    assert_eq!(site.admin_sends(&id, r#"{"status":"private"}"#)["code"], "qalam_taken_down");
    assert_ne!(public(), "200");
    // A new approval, delivered from Qalam, republishes it (the site checks that approval).
    site.php(&format!("update_option('qalam_roster_keys', '{}');", room.public_key()));
    room.approve_again();
    let back = room.ok(&["deliver", &room.id, "--to", "site", "--status", "publish"]);
    assert_eq!(back["delivery"]["remote_id"].as_str(), Some(id.as_str()), "{back}");
    assert_eq!(public(), "200");
    assert_eq!(site.get(&format!("/wp/v2/posts/{id}"))["meta"]["qalam_taken_down"], "");
}

#[test]
fn a_folder_gets_the_package_and_a_webhook_a_signed_ninjs() {
    let room = Newsroom::new();
    let shared = tempfile::tempdir().unwrap();
    room.ok(&["target", "add", "folder", "drive", "--path", shared.path().to_str().unwrap()]);
    // A folder target is its folder and nothing else: no address, no account.
    let listed = &room.ok(&["target", "list"])["targets"][0];
    assert_eq!(listed["kind"], "folder");
    let canonical = shared.path().canonicalize().unwrap();
    assert_eq!(listed["folder"], canonical.to_str().unwrap());
    assert!(listed.get("url").is_none() && listed.get("user").is_none(), "{listed}");
    // `target test` words what it found in the user's language (the window shows the same words).
    for (lang, words) in [("en", "is there and takes files"), ("ar", "موجود ويقبل الكتابة")] {
        let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(room.env.library())
            .args(["target", "test", "drive"])
            .env("QALAM_LANG", lang)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && said.contains(words), "{lang}: {said}");
    }
    room.ok(&["deliver", &room.id, "--to", "drive"]);
    let files: Vec<String> = std::fs::read_dir(shared.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("-r1.zip"), "{files:?}");
    assert_eq!(std::fs::read(shared.path().join(&files[0])).unwrap(), room.package());

    // A receiver on loopback that answers 500 once, then 200, keeping what it got.
    let (url, receiver) = webhook_receiver(&["500 Internal Server Error", "200 OK"]);
    let out = room.run(&["target", "add", "webhook", "hook", "--url", &url, "--secret-stdin"], Some("مفتاح-سري\n"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let sent = room.ok(&["deliver", &room.id, "--to", "hook"]);
    assert_eq!(sent["delivery"]["state"], "delivered", "{sent}");
    let got = receiver.join().unwrap();
    let header = |request: &str, name: &str| {
        request
            .lines()
            .find_map(|l| {
                l.strip_prefix(&format!("{name}: ")).or_else(|| l.strip_prefix(&format!("{}: ", name.to_lowercase())))
            })
            .unwrap()
            .to_string()
    };
    let body = got[1].split("\r\n\r\n").nth(1).unwrap();
    let ninjs: Value = serde_json::from_str(body).unwrap();
    assert_eq!(ninjs["headlines"][0]["value"], "البرلمان يقرّ الميزانية بعد جلسة طويلة", "{ninjs}");
    assert_eq!(header(&got[1], "x-qalam-signature"), qalam_deliver_signature("مفتاح-سري".as_bytes(), body.as_bytes()));
    assert_eq!(
        header(&got[0], "x-qalam-delivery"),
        header(&got[1], "x-qalam-delivery"),
        "a retry carries the same delivery id"
    );
}

/// HMAC-SHA256 as the receiver computes it, written out here from the definition (RFC 2104).
/// A webhook receiver on loopback: answers the requests with `statuses` in turn, then stops and
/// hands back what it got (each request whole).
fn webhook_receiver(statuses: &[&'static str]) -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let statuses = statuses.to_vec();
    let receiver = std::thread::spawn(move || {
        let mut got = Vec::new();
        // The statuses first: once they are spent, no further connection is waited for.
        for (status, stream) in statuses.into_iter().zip(listener.incoming()) {
            let mut stream = stream.unwrap();
            let mut data = Vec::new();
            let mut buf = [0u8; 65536];
            loop {
                let n = stream.read(&mut buf).unwrap();
                data.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&data);
                if let Some(end) = text.find("\r\n\r\n") {
                    let length: usize = text
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())
                        })
                        .unwrap_or(0);
                    if data.len() >= end + 4 + length {
                        break;
                    }
                }
                if n == 0 {
                    break;
                }
            }
            stream
                .write_all(format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes())
                .unwrap();
            got.push(String::from_utf8(data).unwrap());
        }
        got
    });
    (url, receiver)
}

#[test]
fn a_webhook_that_received_a_story_gets_a_signed_kill_notice_when_it_is_taken_down() {
    let room = Newsroom::new();
    room.approve();
    let (url, receiver) = webhook_receiver(&["200 OK", "200 OK"]);
    let out = room.run(&["target", "add", "webhook", "hook", "--url", &url, "--secret-stdin"], Some("مفتاح-سري\n"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    room.ok(&["deliver", &room.id, "--to", "hook", "--status", "publish"]);
    let taken = room.ok(&["unpublish", &room.id, "--to", "hook", "--reason", "خطأ في الوقائع"]);
    assert_eq!(taken["status"], "canceled", "{taken}");
    let got = receiver.join().unwrap();
    let body = got[1].split("\r\n\r\n").nth(1).unwrap();
    let notice: Value = serde_json::from_str(body).unwrap();
    assert_eq!(notice["pubStatus"], "canceled");
    assert_eq!(notice["uri"], format!("urn:qalam:article:{}", room.id).as_str());
    assert_eq!(notice["ednote"], "خطأ في الوقائع");
    let signed = got[1].lines().find_map(|l| {
        l.to_ascii_lowercase().starts_with("x-qalam-signature:").then(|| l.split_once(": ").unwrap().1.to_string())
    });
    assert_eq!(signed.unwrap(), qalam_deliver_signature("مفتاح-سري".as_bytes(), body.as_bytes()));
    assert_eq!(room.ok(&["status", &room.id])["status"], "in-review");
}

fn qalam_deliver_signature(key: &[u8], body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let inner: Vec<u8> = k.iter().map(|b| b ^ 0x36).chain(body.iter().copied()).collect();
    let inner_hash = Sha256::digest(&inner);
    let outer: Vec<u8> = k.iter().map(|b| b ^ 0x5c).chain(inner_hash.iter().copied()).collect();
    format!("sha256={}", Sha256::digest(&outer).iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// The most memory any child of this test process has held, in MiB (`ru_maxrss` is in KiB).
fn children_peak_mib() -> i64 {
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss / 1024
}

#[test]
fn a_hostile_site_cannot_send_the_password_elsewhere_loop_flood_or_stall_the_client() {
    // No WordPress here: every answer is the proxy's own; the site behind it never answers.
    let nowhere = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let elsewhere = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    elsewhere.set_nonblocking(true).unwrap();
    let elsewhere_url = format!("http://{}/wp-json/", elsewhere.local_addr().unwrap());
    let proxy = FaultProxy::to(&nowhere.local_addr().unwrap().to_string());
    let room = Newsroom::new();
    room.add_wordpress("site", &proxy.url, "admin", "secret-password", &[]);
    // A refusal exits 1; a site that does not answer is an I/O failure (2).
    let test = |extra: &[&str]| {
        let mut args = vec!["target", "test", "site"];
        args.extend_from_slice(extra);
        let code = if extra.contains(&"--timeout") { 2 } else { 1 };
        room.expect(&args, code)["error"].clone()
    };

    // A redirect to another port: refused, naming where it pointed; nothing went there.
    let leaked: &'static str = Box::leak(elsewhere_url.clone().into_boxed_str());
    proxy.fault("GET", "/wp-json", Fault::Redirect(leaked), 1);
    let error = test(&[]);
    assert_eq!(error["code"], "redirect-refused", "{error}");
    assert!(error["message"].as_str().unwrap().contains(&elsewhere_url), "{error}");
    assert!(elsewhere.accept().is_err(), "nothing reached the other address");

    // A redirect back to itself: a loop, said as one.
    proxy.fault("GET", "/wp-json", Fault::Redirect("{self}"), 1);
    let error = test(&[]);
    assert!(error["message"].as_str().unwrap().contains("redirects in a loop"), "{error}");

    // A 1 GB answer, then a 1 GB refusal: refused past 4 MiB, the client never near that size.
    for status in [200, 400] {
        proxy.fault("GET", "/wp-json", Fault::Huge(status, 1 << 30), 1);
        let started = Instant::now();
        let error = test(&[]);
        let said = error["message"].as_str().unwrap();
        if status == 200 {
            assert!(said.contains("larger than 4 MiB"), "{error}");
        } else {
            assert!(said.contains("HTTP 400"), "{error}");
        }
        assert!(started.elapsed() < Duration::from_secs(30), "refused early: {:?}", started.elapsed());
    }
    assert!(children_peak_mib() < 300, "the CLI held {} MiB", children_peak_mib());

    // A site that never answers: said with the limit asked for.
    proxy.fault("GET", "/wp-json", Fault::Stall, 1);
    let error = test(&["--timeout", "2"]);
    assert_eq!(error["code"], "no-answer", "{error}");
    assert!(error["message"].as_str().unwrap().contains("did not answer within 2 s"), "{error}");
}

/// A target removed takes its undelivered rows with it, failed ones too, and no retry sends one of
/// them to a new target that happens to have the old one's name — it may be another place.
#[test]
fn a_delivery_never_goes_to_a_new_target_given_a_removed_ones_name() {
    let room = Newsroom::new();
    let first = tempfile::tempdir().unwrap();
    let drive = first.path().join("drive");
    std::fs::create_dir(&drive).unwrap();
    room.ok(&["target", "add", "folder", "drive", "--path", drive.to_str().unwrap()]);
    std::fs::remove_dir_all(&drive).unwrap();
    room.expect(&["deliver", &room.id, "--to", "drive", "--timeout", "2"], 1);
    let listed = room.ok(&["deliveries"]);
    let row = &listed["deliveries"][0];
    assert_ne!(row["state"], "delivered", "{row}");
    let n = row["id"].as_i64().unwrap().to_string();

    room.ok(&["target", "remove", "drive"]);
    assert_eq!(room.ok(&["deliveries"])["deliveries"][0]["state"], "cancelled");
    let elsewhere = tempfile::tempdir().unwrap();
    room.ok(&["target", "add", "folder", "drive", "--path", elsewhere.path().to_str().unwrap()]);
    let refused = room.run(&["deliveries", "--retry", &n], None);
    assert_ne!(refused.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("target-removed"),
        "{}",
        String::from_utf8_lossy(&refused.stdout)
    );
    room.ok(&["outbox", "run"]);
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0, "nothing reached the new folder");
}
