//! Crash safety: a process killed with SIGKILL in the middle of a stream of saves never corrupts
//! the library and never loses a save it had acknowledged. The test re-runs its own binary as the
//! saving child (the ignored test below) and kills it at random moments, 100 times.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use qalam_core::library::articles::SaveKind;
use qalam_core::library::Library;
use rand::{Rng, SeedableRng};

use crate::support::article;

const CHILD_LIBRARY: &str = "QALAM_CRASH_CHILD_LIBRARY";
const CHILD_ARTICLE: &str = "QALAM_CRASH_CHILD_ARTICLE";
const KILLS: usize = 100;

fn body_of_save(n: u64) -> String {
    // About 4 KB per save, so that kills land inside page writes, not only between them.
    format!("الحفظ رقم {n}\n\n{}", "نص تجريبي عن انسحاب القوات من القاعدة. ".repeat(80))
}

/// The child: saves as fast as it can and prints `ack N` after each save has committed.
#[test]
#[ignore = "run only as the child process of kill_minus_nine_never_corrupts_or_loses_an_acknowledged_save"]
fn save_stream_child() {
    let (Some(path), Some(id)) = (std::env::var_os(CHILD_LIBRARY), std::env::var_os(CHILD_ARTICLE)) else { return };
    let id = id.to_string_lossy().into_owned();
    let mut lib = Library::open(std::path::Path::new(&path)).unwrap();
    let mut stored = lib.load(&id).unwrap();
    let mut n: u64 = last_save_number(&stored.markdown) + 1;
    loop {
        let kind = if n % 7 == 0 { SaveKind::Explicit } else { SaveKind::Autosave };
        let outcome = lib.save(&id, &article("بث متواصل", &body_of_save(n)), stored.version, kind).unwrap();
        stored.version = outcome.version;
        println!("ack {n}");
        n += 1;
    }
}

fn last_save_number(markdown: &str) -> u64 {
    markdown
        .split("الحفظ رقم ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn kill_minus_nine_never_corrupts_or_loses_an_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let id = Library::open(&path).unwrap().import(&article("بث متواصل", &body_of_save(0))).unwrap().0;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20250420);
    let mut acknowledged = 0;
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash::save_stream_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_LIBRARY, &path)
            .env(CHILD_ARTICLE, &id)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("ack ").and_then(|n| n.parse::<u64>().ok()) {
                    let _ = tx.send(n);
                }
            }
        });
        // Wait for the first acknowledged save, then let it run a random while and kill it.
        let first = rx.recv_timeout(Duration::from_secs(20)).expect("the child saves");
        std::thread::sleep(Duration::from_micros(rng.random_range(0..30_000)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        let last_ack = rx.try_iter().last().unwrap_or(first);
        assert!(last_ack > acknowledged, "round {round}: the child made progress");

        let lib = Library::open(&path).unwrap_or_else(|e| panic!("round {round}: the library no longer opens: {e}"));
        assert_eq!(lib.integrity_check().unwrap(), "ok", "round {round}: integrity");
        let on_disk = last_save_number(&lib.load(&id).unwrap().markdown);
        // The save after the last ack may also have committed before the kill; nothing older may be lost.
        assert!(on_disk >= last_ack, "round {round}: save {last_ack} was acknowledged but the library holds {on_disk}");
        assert!(on_disk <= last_ack + 1, "round {round}: the library holds save {on_disk}, never sent");
        acknowledged = on_disk;
    }
}
