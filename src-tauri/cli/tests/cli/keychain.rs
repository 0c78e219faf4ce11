//! The private key in a real OS keychain: a private D-Bus session with GNOME Keyring's Secret
//! Service, started for the test and stopped by its own pids. And without any keychain, a plain
//! refusal — never a key quietly written to a file.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::review::assert_secret_nowhere;
use super::Env;

const KEYRING_PASSWORD: &str = "test-keyring-password";

/// A D-Bus session bus and an unlocked GNOME Keyring on it, in a folder of the test's own.
pub(super) struct PrivateKeychain {
    bus: Child,
    keyring: Child,
    pub(super) address: String,
    /// Kept for its drop: the bus socket and the keyring live in it.
    _home: tempfile::TempDir,
}

impl PrivateKeychain {
    pub(super) fn start() -> PrivateKeychain {
        let home = tempfile::tempdir().unwrap();
        let socket = home.path().join("bus");
        let config = bus_config(home.path());
        let mut bus = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1"])
            .arg(format!("--config-file={}", config.display()))
            .arg(format!("--address=unix:path={}", socket.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (Debian's dbus-daemon) is installed");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).unwrap();
        let address = address.trim().to_string();
        let mut keyring = keyring_daemon(home.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (Debian's gnome-keyring) is installed");
        // The keyring's password, on stdin, unlocks it.
        keyring.stdin.take().unwrap().write_all(KEYRING_PASSWORD.as_bytes()).unwrap();
        let chain = PrivateKeychain { bus, keyring, address, _home: home };
        chain.wait_until_serving();
        chain
    }

    /// Waits (at most ten seconds) until the Secret Service answers on the bus.
    fn wait_until_serving(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let probe = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
                .output()
                .unwrap();
            if String::from_utf8_lossy(&probe.stdout).contains("boolean true") {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the Secret Service did not start on the private bus");
    }

    pub(super) fn qalam(&self, env: &Env, args: &[&str]) -> (Option<i32>, Value) {
        let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(env.library())
            .args(args)
            .arg("--json")
            .env("QALAM_LANG", "en")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env_remove("QALAM_KEY_PASSPHRASE")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
    }
}

/// GNOME Keyring on the test's own keyring folder.
fn keyring_daemon(home: &Path) -> Command {
    let mut daemon = Command::new("gnome-keyring-daemon");
    daemon
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("HOME", home)
        .env("XDG_RUNTIME_DIR", home)
        .env("XDG_DATA_HOME", home.join("data"));
    daemon
}

/// The private bus's configuration. It starts the Secret Service on demand the way a desktop
/// session does — the same keyring folder, unlocked — so that when GNOME Keyring falls over under
/// load (it can crash when a client that timed out has gone) the keyring comes back with its
/// items, as on a user's machine, instead of the system's default daemon with an empty one.
fn bus_config(home: &Path) -> std::path::PathBuf {
    let services = home.join("services");
    std::fs::create_dir_all(&services).unwrap();
    let daemon = keyring_daemon(home);
    let env: Vec<String> =
        daemon.get_envs().map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.unwrap().to_string_lossy())).collect();
    let args: Vec<String> = daemon.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
    std::fs::write(
        services.join("org.freedesktop.secrets.service"),
        format!(
            "[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c \"printf %s {KEYRING_PASSWORD} | exec env {} gnome-keyring-daemon {}\"\n",
            env.join(" "),
            args.join(" ")
        ),
    )
    .unwrap();
    let config = home.join("bus.conf");
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <servicedir>{}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
            services.display()
        ),
    )
    .unwrap();
    config
}

impl Drop for PrivateKeychain {
    fn drop(&mut self) {
        for child in [&mut self.keyring, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.count())
}

#[test]
fn the_private_key_lives_in_the_keychain_and_signs_from_there() {
    let chain = PrivateKeychain::start();
    let env = Env::new();
    let (code, profile) = chain.qalam(&env, &["profile", "init", "--name", "رئيسة التحرير", "--role", "chief"]);
    assert_eq!(code, Some(0), "{profile}");
    assert_eq!(profile["key_store"]["kind"], "keychain");
    let fingerprint = profile["profile"]["fingerprint"].as_str().unwrap().to_string();
    // Signing takes the key from the keychain: a roster export and a workflow step need no
    // passphrase.
    let roster = env.dir.path().join("roster.json");
    let (code, _) = chain.qalam(&env, &["roster", "export", "--out", roster.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    let story = env.file("s.md", "---\ntitle: خبر\n---\n\nنص الخبر.\n");
    let (_, imported) = chain.qalam(&env, &["import", story.to_str().unwrap()]);
    let id = imported[0]["id"].as_str().unwrap().to_string();
    assert_eq!(chain.qalam(&env, &["submit", &id]).1["to"], "submitted");
    assert_eq!(chain.qalam(&env, &["audit", &id]).1["sound"], true);
    // The key is in the Secret Service under the fingerprint, and in none of Qalam's files.
    let seed = keyring_seed(&chain, &fingerprint);
    assert_secret_nowhere(&seed, &[env.dir.path()]);
}

#[test]
fn a_keychain_service_that_falls_over_and_comes_back_still_signs() {
    let mut chain = PrivateKeychain::start();
    let env = Env::new();
    let (code, profile) = chain.qalam(&env, &["profile", "init", "--name", "مها", "--role", "editor"]);
    assert_eq!(code, Some(0), "{profile}");
    // GNOME Keyring gone, as when it crashes; the session starts it again on the next call.
    chain.keyring.kill().unwrap();
    chain.keyring.wait().unwrap();
    let roster = env.dir.path().join("roster.json");
    let (code, said) = chain.qalam(&env, &["roster", "export", "--out", roster.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    assert!(roster.exists());
}

/// The seed the keychain holds for `fingerprint`, read with `secret-tool` (base64 text).
fn keyring_seed(chain: &PrivateKeychain, fingerprint: &str) -> Vec<u8> {
    use base64::Engine;
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "qalam", "username", fingerprint])
        .env("DBUS_SESSION_BUS_ADDRESS", &chain.address)
        .output()
        .expect("secret-tool (Debian's libsecret-tools) is installed");
    let text = String::from_utf8(out.stdout).unwrap();
    let seed = base64::engine::general_purpose::STANDARD.decode(text.trim()).unwrap();
    assert_eq!(seed.len(), 32, "the keychain holds the profile's 32-byte key under its fingerprint");
    seed
}

#[test]
fn without_a_keychain_the_profile_is_refused_plainly_and_nothing_is_kept() {
    let env = Env::new();
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .arg("--library")
        .arg(env.library())
        .args(["profile", "init", "--name", "ن", "--role", "editor", "--json"])
        .env("QALAM_LANG", "en")
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", env.dir.path().join("no-bus").display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let error: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "no-keychain", "{error}");
    assert!(error["error"]["message"].as_str().unwrap().contains("--key-file"));
    let show = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .arg("--library")
        .arg(env.library())
        .args(["profile", "show", "--json"])
        .env("QALAM_LANG", "en")
        .output()
        .unwrap();
    let error: Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(error["error"]["code"], "no-profile");
    // Only the library file (and SQLite's own files beside it): no key file appeared.
    assert!(std::fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .all(|e| e.file_name().to_string_lossy().starts_with("lib.sqlite3")));
    assert!(files_in(env.dir.path()) >= 1);
}
