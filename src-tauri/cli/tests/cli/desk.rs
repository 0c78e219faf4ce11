//! Several laptops and one real desk: `qalam-desk local` (its own PostgreSQL cluster, stopped by
//! its data folder) on loopback, each laptop a library of its own with its own profile, their
//! keys and device tokens in a private GNOME Keyring. Everything goes through the `qalam` and
//! `qalam-desk` binaries, as a newsroom would use them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qalam_core::article::{Block, Inline};
use qalam_core::library::Library;
use serde_json::Value;

#[path = "../../../desk/tests/support/local_desk.rs"]
mod local_desk;
use local_desk::LocalDesk;

use super::keychain::PrivateKeychain;
use super::{seed_str, Env};

/// `qalam-desk`, built beside `qalam` by `cargo test --workspace`.
fn desk_binary() -> PathBuf {
    let path = Path::new(env!("CARGO_BIN_EXE_qalam")).with_file_name("qalam-desk");
    assert!(path.exists(), "{} is missing: build it with cargo build -p qalam-desk", path.display());
    path
}

pub(super) fn start_desk() -> LocalDesk {
    LocalDesk::start(desk_binary())
}

/// One laptop: a library with a profile, its secrets in the shared private keychain.
pub(super) struct Laptop<'k> {
    pub env: Env,
    chain: &'k PrivateKeychain,
}

impl<'k> Laptop<'k> {
    pub fn new(chain: &'k PrivateKeychain, name: &str, role: &str) -> Laptop<'k> {
        let laptop = Laptop { env: Env::new(), chain };
        laptop.ok(&["profile", "init", "--name", name, "--role", role]);
        laptop
    }

    pub fn q(&self, args: &[&str]) -> (Option<i32>, Value) {
        self.chain.qalam(&self.env, args)
    }

    pub fn ok(&self, args: &[&str]) -> Value {
        let (code, value) = self.q(args);
        assert_eq!(code, Some(0), "{args:?}: {value}");
        value
    }

    pub fn join(&self, desk: &LocalDesk, code: &str) -> Value {
        self.ok(&["desk", "join", &desk.url, code])
    }

    pub fn import_seed(&self) -> String {
        let imported = self.ok(&["import", &seed_str()]);
        imported[0]["id"].as_str().unwrap().to_string()
    }

    /// The article's record as this library has it: event hashes in order.
    pub fn record(&self, id: &str) -> Vec<String> {
        let lib = Library::open(&self.env.library()).unwrap();
        lib.events(id).unwrap().iter().map(|(e, _)| e.hash()).collect()
    }

    /// Edits the working copy as the app does (a save), adding a paragraph or changing the title.
    pub fn edit(&self, id: &str, change: impl FnOnce(&mut qalam_core::Article)) {
        let mut lib = Library::open(&self.env.library()).unwrap();
        let stored = lib.load(id).unwrap();
        let mut article = stored.article.clone();
        change(&mut article);
        lib.save(id, &article, stored.version, qalam_core::library::SaveKind::Explicit).unwrap();
    }

    pub fn markdown(&self, id: &str) -> String {
        Library::open(&self.env.library()).unwrap().load(id).unwrap().markdown
    }

    pub fn has(&self, id: &str) -> bool {
        Library::open(&self.env.library()).unwrap().load(id).is_ok()
    }
}

/// A journalist and an editor joined to `desk`; her story submitted and in his library.
pub(super) fn submitted_and_pulled<'k>(
    chain: &'k PrivateKeychain,
    desk: &LocalDesk,
) -> (Laptop<'k>, Laptop<'k>, String) {
    let sara = Laptop::new(chain, "سارة", "journalist");
    let maha = Laptop::new(chain, "مها", "editor");
    sara.join(desk, &desk.person("سارة", "journalist", &[]));
    maha.join(desk, &desk.person("مها", "editor", &[]));
    let id = sara.import_seed();
    sara.ok(&["submit", &id]);
    maha.ok(&["sync"]);
    (sara, maha, id)
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { content: vec![Inline::Text { text: text.into() }] }
}

#[test]
fn three_laptops_take_a_story_through_review_and_converge_on_one_record() {
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let sara = Laptop::new(&chain, "سارة", "journalist");
    let omar = Laptop::new(&chain, "عمر", "journalist");
    let maha = Laptop::new(&chain, "مها", "editor");
    sara.join(&desk, &desk.person("سارة", "journalist", &[]));
    omar.join(&desk, &desk.person("عمر", "journalist", &[]));
    maha.join(&desk, &desk.person("مها", "editor", &[]));

    // A draft stays on its laptop: the editor's pull brings nothing.
    let id = sara.import_seed();
    assert_eq!(maha.ok(&["sync"])["received"]["stories"], 0);
    assert_eq!(desk.psql("SELECT count(*) FROM articles"), "0");

    let submitted = sara.ok(&["submit", &id]);
    assert_eq!(submitted["desk"]["state"], "sent", "{submitted}");
    assert_eq!(maha.ok(&["sync"])["received"]["created"][0], id.as_str());
    // Another journalist never sees a colleague's story.
    assert_eq!(omar.ok(&["sync"])["received"]["stories"], 0);
    assert!(!omar.has(&id));

    maha.ok(&["start-review", &id]);
    let comment = maha.ok(&["comment", &id, "--quote", "قوات أميركية", "--text", "من المصدر؟"]);
    let thread = comment["comment"].as_str().unwrap().to_string();
    maha.ok(&["request-changes", &id, "--note", "أضيفي مصدراً"]);

    let pulled = sara.ok(&["sync"]);
    assert_eq!(pulled["received"]["stories"], 1, "{pulled}");
    assert_eq!(sara.ok(&["status", &id])["status"], "changes-requested");
    assert_eq!(sara.ok(&["comments", &id])[0]["id"], thread.as_str());

    sara.edit(&id, |a| a.body.push(paragraph("وقال مصدر عسكري إن الانسحاب سيكتمل خلال أسابيع.")));
    sara.ok(&["comment", &id, "--reply-to", &thread, "--text", "أضفت المصدر"]);
    sara.ok(&["resolve", &id, &thread]);
    sara.ok(&["submit", &id, "--note", "بعد التعديل"]);

    let received = maha.ok(&["sync"]);
    assert_eq!(received["received"]["updated"][0], id.as_str(), "{received}");
    assert!(maha.markdown(&id).contains("مصدر عسكري"));
    maha.ok(&["start-review", &id]);
    let approved = maha.ok(&["approve", &id, "--note", "جاهز"]);
    assert_eq!(approved["desk"]["state"], "sent", "{approved}");
    sara.ok(&["sync"]);
    assert_eq!(sara.ok(&["status", &id])["status"], "approved");

    // Every library that may see the story holds the very same record, in the same order, and
    // the desk has it too; the other journalist has nothing of it.
    let record = sara.record(&id);
    assert_eq!(record.len(), 9, "submit, review, comment, changes, reply, resolve, submit, review, approve");
    assert_eq!(maha.record(&id), record);
    assert_eq!(sara.markdown(&id), maha.markdown(&id));
    let on_desk =
        desk.psql(&format!("SELECT string_agg(hash, ',' ORDER BY position) FROM events WHERE article_id = '{id}'"));
    assert_eq!(on_desk, record.join(","));
    assert_eq!(sara.ok(&["audit", &id])["sound"], true);
    assert_eq!(maha.ok(&["audit", &id])["sound"], true);
    omar.ok(&["sync"]);
    assert!(!omar.has(&id));
    assert_eq!(sara.ok(&["desk", "status"])["waiting"], 0);
}

/// A desk change merged: both sides' texts and the merged one, found in this order in the
/// library's revisions.
fn merge_suggested(laptop: &Laptop, id: &str) {
    use qalam_core::diff::merge::{merge, merged_text, MergeChunk, Side};
    let mut lib = Library::open(&laptop.env.library()).unwrap();
    let conflict = lib.conflict(id).unwrap().expect("the article is in conflict");
    let chunks = merge(&conflict.base, &conflict.ours, &conflict.theirs);
    let choices: Vec<Side> = chunks
        .iter()
        .filter_map(|c| match c {
            MergeChunk::Differ { suggested, .. } => Some(suggested.expect("each side changed its own lines")),
            MergeChunk::Same { .. } => None,
        })
        .collect();
    let merged = qalam_core::article::parse(&merged_text(&chunks, &choices).unwrap()).unwrap();
    let version = lib.load(id).unwrap().version;
    lib.resolve_conflict(id, &merged, version).unwrap();
}

fn revision_hashes(laptop: &Laptop, id: &str) -> Vec<String> {
    Library::open(&laptop.env.library()).unwrap().revision_hashes(id).unwrap()
}

fn text_hash(markdown: &str) -> String {
    qalam_core::hash::text_hash(markdown)
}

#[test]
fn both_sides_editing_offline_are_both_kept_shown_and_merged() {
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let (sara, maha, id) = submitted_and_pulled(&chain, &desk);

    // Both edit the same revision, each in their own lines.
    maha.edit(&id, |a| a.meta.title = "قوات أميركية تغادر سوريا إلى العراق".into());
    let hers = {
        sara.edit(&id, |a| a.body.push(paragraph("وأكد متحدث عسكري الخبر.")));
        sara.markdown(&id)
    };
    let editors = maha.markdown(&id);
    maha.ok(&["start-review", &id]);

    // Sara's copy was not based on the desk's head any more: refused whole, nothing overwritten,
    // and her pull brings the editor's text in beside hers.
    let pass = sara.ok(&["sync"]);
    assert_eq!(pass["conflicts"][0], id.as_str(), "{pass}");
    assert_eq!(pass["received"]["conflicts"][0], id.as_str(), "{pass}");
    assert_eq!(sara.ok(&["status", &id])["in_conflict"], true);
    assert_eq!(sara.markdown(&id), hers);
    assert_eq!(
        desk.psql(&format!(
            "SELECT count(*) FROM revisions WHERE article_id = '{id}' AND markdown LIKE '%متحدث عسكري%'"
        )),
        "0"
    );
    let status = sara.ok(&["desk", "status"]);
    assert_eq!(status["items"][0]["state"], "conflict", "{status}");

    merge_suggested(&sara, &id);
    let merged = sara.markdown(&id);
    assert!(merged.contains("إلى العراق") && merged.contains("متحدث عسكري"), "{merged}");
    assert_eq!(sara.ok(&["sync"])["sent"], 1);
    assert_eq!(maha.ok(&["sync"])["received"]["updated"][0], id.as_str());
    assert_eq!(maha.markdown(&id), merged);

    // Every text anyone wrote is still there: hers and the editor's in her library, the editor's
    // and the merge on the desk and in the editor's; the record is one.
    let (sara_revisions, maha_revisions) = (revision_hashes(&sara, &id), revision_hashes(&maha, &id));
    for text in [&hers, &editors, &merged] {
        assert!(sara_revisions.contains(&text_hash(text)));
    }
    for text in [&editors, &merged] {
        assert!(maha_revisions.contains(&text_hash(text)));
    }
    assert_eq!(sara.record(&id), maha.record(&id));
}

#[test]
fn a_revoked_device_is_refused_at_once_and_keeps_its_work() {
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let sara = Laptop::new(&chain, "سارة", "journalist");
    sara.join(&desk, &desk.person("سارة", "journalist", &[]));
    let id = sara.import_seed();
    sara.ok(&["submit", &id]);
    let device = sara.ok(&["desk", "status"])["desk"]["device_id"].as_str().unwrap().to_string();
    assert!(desk.admin(&["device", "revoke", &device]).status.success());

    let commented = sara.ok(&["comment", &id, "--quote", "قوات أميركية", "--text", "ملاحظة"]);
    assert_eq!(commented["desk"]["state"], "queued", "{commented}");
    let (code, refused) = sara.q(&["sync"]);
    assert_eq!(code, Some(1), "{refused}");
    assert_eq!(refused["error"]["code"], "unauthorized");
    assert!(refused["error"]["message"].as_str().unwrap().contains("revoked"));
    let status = sara.ok(&["desk", "status"]);
    assert_eq!(status["waiting"], 1, "the comment waits in the outbox: {status}");
    assert!(status["desk"]["last_error"].as_str().unwrap().contains("revoked"));
    assert_eq!(desk.psql("SELECT count(*) FROM events"), "1");
}

#[test]
fn an_expired_or_spent_enrolment_code_is_refused_plainly() {
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let sara = Laptop::new(&chain, "سارة", "journalist");
    let code = desk.person("سارة", "journalist", &[]);
    desk.psql("UPDATE enrollments SET expires_at = now() - interval '1 minute'");
    let (exit, refused) = sara.q(&["desk", "join", &desk.url, &code]);
    assert_eq!(exit, Some(1), "{refused}");
    assert_eq!(refused["error"]["code"], "expired-code");
    assert!(refused["error"]["message"].as_str().unwrap().contains("24 hours"));
    assert_eq!(sara.ok(&["desk", "status"])["desk"], Value::Null);

    // A fresh code works once, typed in lower case with spaces; a second use is refused.
    let out = desk.admin(&["person", "code", "سارة"]);
    let fresh = String::from_utf8(out.stdout).unwrap().lines().last().unwrap().to_lowercase().replace('-', " ");
    sara.ok(&["desk", "join", &desk.url, &fresh]);
    let omar = Laptop::new(&chain, "عمر", "journalist");
    let (exit, refused) = omar.q(&["desk", "join", &desk.url, &fresh]);
    assert_eq!(exit, Some(1));
    assert_eq!(refused["error"]["code"], "bad-code");
    // The wrong role is said plainly, and nothing is joined.
    let editor_code = desk.person("عمر", "editor", &[]);
    let (exit, refused) = omar.q(&["desk", "join", &desk.url, &editor_code]);
    assert_eq!(exit, Some(1), "{refused}");
    assert_eq!(refused["error"]["code"], "role-mismatch");
    assert_eq!(omar.ok(&["desk", "status"])["desk"], Value::Null);
}

#[test]
fn a_day_offline_with_fifty_queued_changes_arrives_whole_and_once() {
    let chain = PrivateKeychain::start();
    let mut desk = start_desk();
    let (sara, maha, id) = submitted_and_pulled(&chain, &desk);

    desk.kill9();
    for i in 0..50 {
        let change = sara.ok(&["comment", &id, "--quote", "قوات أميركية", "--text", &format!("ملاحظة {i}")]);
        assert_eq!(change["desk"]["state"], "queued");
    }
    // Changes not tried yet share a row (it carries them all); each tried row keeps its own.
    let status = sara.ok(&["desk", "status"]);
    let waiting = status["waiting"].as_i64().unwrap();
    assert!((1..=50).contains(&waiting), "{status}");
    assert!(status["desk"]["last_error"].as_str().unwrap().contains("cannot be reached"));

    desk.restart();
    let pass = sara.ok(&["sync"]);
    assert_eq!(pass["waiting"], 0, "{pass}");
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "51");
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM revisions WHERE article_id = '{id}'")), "1");
    maha.ok(&["sync"]);
    assert_eq!(maha.record(&id), sara.record(&id));
    assert_eq!(maha.ok(&["comments", &id]).as_array().unwrap().len(), 50);
}

fn host_port(url: &str) -> &str {
    url.trim_start_matches("http://")
}

#[test]
fn cut_connections_and_a_killed_desk_lose_nothing_and_duplicate_nothing() {
    use super::proxy::{Mode, Proxy};
    let chain = PrivateKeychain::start();
    let mut desk = start_desk();
    let proxy = Proxy::to(host_port(&desk.url));
    let sara = Laptop::new(&chain, "سارة", "journalist");
    sara.ok(&["desk", "join", &proxy.url, &desk.person("سارة", "journalist", &[])]);
    let id = sara.import_seed();
    let events = |desk: &LocalDesk| desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'"));

    // The reply is lost: the desk applied the submission, the laptop does not know it.
    proxy.set(Mode::CutResponseAfter(0));
    assert_eq!(sara.ok(&["submit", &id])["desk"]["state"], "queued");
    assert_eq!(events(&desk), "1");
    // Cut mid-request: the desk applies nothing.
    proxy.set(Mode::CutRequestAfter(300));
    assert_eq!(sara.ok(&["comment", &id, "--quote", "قوات أميركية", "--text", "أولى"])["desk"]["state"], "queued");
    assert_eq!(events(&desk), "1");

    // Held mid-request while the desk is killed with SIGKILL, then started again.
    proxy.set(Mode::HoldRequestAfter(300));
    let held = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .arg("--library")
        .arg(sara.env.library())
        .args(["comment", &id, "--quote", "قوات أميركية", "--text", "ثانية", "--json"])
        .env("QALAM_LANG", "en")
        .env("DBUS_SESSION_BUS_ADDRESS", &chain.address)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while *proxy.misbehaved.lock().unwrap() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    desk.kill9();
    let out = held.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the comment is kept whatever the network does");
    desk.restart();
    proxy.set(Mode::Pass);

    let pass = sara.ok(&["sync"]);
    assert_eq!(pass["waiting"], 0, "{pass}");
    assert_eq!(events(&desk), "3", "submit and two comments, each once");
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM revisions WHERE article_id = '{id}'")), "1");
    assert_eq!(
        desk.psql(&format!("SELECT string_agg(hash, ',' ORDER BY position) FROM events WHERE article_id = '{id}'")),
        sara.record(&id).join(",")
    );
}

#[test]
fn a_laptop_killed_while_its_push_is_answered_sends_it_again_and_the_desk_applies_it_once() {
    use super::proxy::{Mode, Proxy};
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let proxy = Proxy::to(host_port(&desk.url));
    let sara = Laptop::new(&chain, "سارة", "journalist");
    sara.ok(&["desk", "join", &proxy.url, &desk.person("سارة", "journalist", &[])]);
    let id = sara.import_seed();

    // The desk applies the submission; its answer is held while the laptop is killed with SIGKILL.
    proxy.set(Mode::HoldResponse);
    let mut submitting = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .arg("--library")
        .arg(sara.env.library())
        .args(["submit", &id, "--json"])
        .env("QALAM_LANG", "en")
        .env("DBUS_SESSION_BUS_ADDRESS", &chain.address)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while *proxy.misbehaved.lock().unwrap() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "1", "the desk has it");
    submitting.kill().unwrap();
    submitting.wait().unwrap();

    // The step was committed in the library before anything was sent; the row waits, and goes
    // again with the same client id, which the desk answers with its first answer.
    assert_eq!(sara.ok(&["status", &id])["status"], "submitted");
    assert!(sara.ok(&["desk", "status"])["waiting"].as_i64().unwrap() >= 1);
    proxy.set(Mode::Pass);
    assert_eq!(sara.ok(&["sync"])["waiting"], 0);
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM events WHERE article_id = '{id}'")), "1");
    assert_eq!(desk.psql(&format!("SELECT count(*) FROM revisions WHERE article_id = '{id}'")), "1");
    assert_eq!(desk.psql("SELECT count(*) FROM pushes"), "1", "one client id, answered once and remembered");
}

#[test]
fn a_person_removed_at_the_desk_stops_counting_on_every_laptop_with_the_reason_shown() {
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let (sara, maha, id) = submitted_and_pulled(&chain, &desk);
    assert_eq!(maha.ok(&["start-review", &id])["desk"]["state"], "sent");
    sara.ok(&["sync"]);
    assert_eq!(sara.ok(&["status", &id])["status"], "in-review");

    // The chief removes the editor. Offline, she approves anyway and hands the file to Sara.
    assert!(desk.admin(&["person", "remove", "مها"]).status.success());
    let approved = maha.ok(&["approve", &id]);
    assert_eq!(approved["desk"]["state"], "queued", "{approved}");
    let handoff = maha.env.dir.path().join("h.zip");
    maha.ok(&["handoff", &id, "--out", handoff.to_str().unwrap()]);

    // Sara's laptop learns of the removal from the desk; the late approval is refused, with why.
    sara.ok(&["sync"]);
    let taken = sara.ok(&["import-package", handoff.to_str().unwrap()]);
    assert_eq!(taken["not_counting"][0]["why"]["why"], "revoked", "{taken}");
    assert_eq!(taken["not_counting"][0]["why"]["name"], "مها");
    // Sealed by her, named as removed, and not offered to be trusted again.
    assert_eq!(taken["handed_by"]["standing"], "removed", "{taken}");
    assert!(taken["unknown_signers"].as_array().unwrap().is_empty(), "{taken}");
    assert_eq!(sara.ok(&["status", &id])["status"], "in-review");
    let status = sara.ok(&["status", &id]);
    let late = status["history"].as_array().unwrap().iter().find(|l| l["body"]["kind"]["transition"] == "approve");
    // The import sent it on to the desk, which refused it too: kept aside with the desk's words.
    let refused = &late.unwrap()["refused"];
    assert_eq!(refused["why"], "refused-by-desk", "{status}");
    assert!(refused["message"].as_str().unwrap().contains("after they were removed"), "{status}");
    // What she did before her removal still counts, under the name the desk holds.
    let status = sara.ok(&["status", &id]);
    let review =
        status["history"].as_array().unwrap().iter().find(|l| l["body"]["kind"]["transition"] == "start-review");
    assert_eq!(review.unwrap()["known"]["name"], "مها", "{status}");
    assert!(review.unwrap()["refused"].is_null());
}
