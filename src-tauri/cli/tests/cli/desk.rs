//! Several laptops and one real desk: `qalam-desk local` (its own PostgreSQL cluster, stopped by
//! its data folder) on loopback, each laptop a library of its own with its own profile, their
//! keys and device tokens in a private GNOME Keyring. Everything goes through the `qalam` and
//! `qalam-desk` binaries, as a newsroom would use them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use qalam_core::article::{Block, Inline};
use qalam_core::library::Library;
use serde_json::Value;

use super::keychain::PrivateKeychain;
use super::{seed_str, Env};

/// `qalam-desk`, built beside `qalam` by `cargo test --workspace`.
fn desk_binary() -> PathBuf {
    let path = Path::new(env!("CARGO_BIN_EXE_qalam")).with_file_name("qalam-desk");
    assert!(path.exists(), "{} is missing: build it with cargo build -p qalam-desk", path.display());
    path
}

/// A desk on loopback over a private PostgreSQL in a folder of the test's own.
pub(super) struct LocalDesk {
    child: Option<Child>,
    dir: tempfile::TempDir,
    pub url: String,
}

impl LocalDesk {
    pub fn start() -> LocalDesk {
        let mut desk = LocalDesk { child: None, dir: tempfile::tempdir().unwrap(), url: String::new() };
        desk.run_server("127.0.0.1:0");
        desk
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("desk")
    }

    /// Starts the service (again, after a kill, on the same address).
    fn run_server(&mut self, listen: &str) {
        let mut child = Command::new(desk_binary())
            .args(["local", "--json", "--listen", listen, "--data"])
            .arg(self.data())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let started: Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("qalam-desk local said {line:?}"));
        self.url = started["listening"].as_str().unwrap().to_string();
        self.child = Some(child);
    }

    /// `qalam-desk ARGS… --data DIR --json`.
    pub fn admin(&self, args: &[&str]) -> Output {
        Command::new(desk_binary()).args(args).arg("--data").arg(self.data()).arg("--json").output().unwrap()
    }

    /// Adds a person; their enrolment code (the last line printed).
    pub fn person(&self, name: &str, role: &str, sections: &[&str]) -> String {
        let mut args = vec!["person", "add", "--name", name, "--role", role];
        for s in sections {
            args.extend(["--section", s]);
        }
        let out = self.admin(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().lines().last().unwrap().to_string()
    }

    /// SQL against the desk's database, behind the service's back (to age a code, to look).
    pub fn psql(&self, sql: &str) -> String {
        let out = Command::new("psql")
            .arg("-h")
            .arg(self.data().join("run"))
            .args(["-U", "qalam", "-d", "qalam_desk", "-At", "-c", sql])
            .output()
            .expect("psql (Debian's postgresql-client) is installed");
        assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// SIGKILL of the service (its PostgreSQL goes on running).
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// Starts the service again on the address it had.
    pub fn restart(&mut self) {
        let listen = self.url.trim_start_matches("http://").to_string();
        self.run_server(&listen);
    }
}

impl Drop for LocalDesk {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: signalling our own child by its pid.
            unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
            let deadline = Instant::now() + Duration::from_secs(15);
            while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        // Whatever happened to the service, its PostgreSQL is stopped by its data folder.
        let _ = qalam_desk::cluster::Cluster::at(&self.data()).stop();
    }
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

fn paragraph(text: &str) -> Block {
    Block::Paragraph { content: vec![Inline::Text { text: text.into() }] }
}

#[test]
fn three_laptops_take_a_story_through_review_and_converge_on_one_record() {
    let chain = PrivateKeychain::start();
    let desk = LocalDesk::start();
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
