//! Running the desk for real: HTTPS with a certificate authority made in the test, two instances
//! over one database, plain HTTP refused off loopback, and PostgreSQL restarted under load.

#[path = "support/local_desk.rs"]
mod local_desk;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use local_desk::LocalDesk;
use qalam_core::identity::SecretStore;
use qalam_core::library::Library;
use qalam_core::workflow::{Action, Role};
use qalam_desk_api::PushRequest;
use qalam_sync::client::{DeskClient, Pushed};
use qalam_sync::send::wire_story;
use qalam_sync::SyncError;

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_qalam-desk"))
}

/// A second instance, `qalam-desk serve`, over the local desk's database; killed on drop.
struct Served {
    child: Child,
    url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn database_url(desk: &LocalDesk) -> String {
    format!("host={} user=qalam dbname=qalam_desk", desk.data().join("run").display())
}

fn serve(desk: &LocalDesk, extra: &[&str]) -> Served {
    let mut child = Command::new(binary())
        .args(["serve", "--json", "--listen", "127.0.0.1:0", "--database", &database_url(desk)])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let said: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|_| panic!("serve said {line:?}"));
    Served { child, url: said["listening"].as_str().unwrap().to_string() }
}

struct Tls {
    dir: tempfile::TempDir,
}

impl Tls {
    /// A CA and a certificate for localhost and 127.0.0.1 signed by it, as PEM files.
    fn make() -> Tls {
        let dir = tempfile::tempdir().unwrap();
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params.distinguished_name.push(rcgen::DnType::CommonName, "Qalam test newsroom CA");
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let ca = ca_params.self_signed(&ca_key).unwrap();
        let params = rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &ca, &ca_key).unwrap();
        std::fs::write(dir.path().join("ca.pem"), ca.pem()).unwrap();
        std::fs::write(dir.path().join("cert.pem"), cert.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), key.serialize_pem()).unwrap();
        Tls { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

async fn enrolled(
    desk: &LocalDesk,
    url: &str,
    ca: Option<&str>,
    name: &str,
    role: Role,
) -> (Library, DeskClient, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib.sqlite3")).unwrap();
    lib.init_profile(name, role, SecretStore::KeyFile { path: dir.path().join("key") }, Some("p")).unwrap();
    let signer = lib.signer(Some("p")).unwrap();
    let code = desk.person(name, role.as_str(), &[]);
    let enrolled =
        qalam_sync::join::enroll(&DeskClient::new(url, ca, None).unwrap(), &signer, &code, "t").await.unwrap();
    (lib, DeskClient::new(url, ca, Some(enrolled.token)).unwrap(), dir)
}

fn submitted_story(lib: &mut Library, title: &str) -> String {
    let text = format!("---\ntitle: {title}\n---\n\nنص الخبر.\n");
    let id = lib.import(&qalam_core::article::parse(&text).unwrap()).unwrap().0;
    let signer = lib.signer(Some("p")).unwrap();
    lib.act(&id, Action::Submit, None, &signer).unwrap();
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn https_with_the_newsrooms_authority_and_two_instances_over_one_database() {
    let desk = LocalDesk::start(binary());
    let tls = Tls::make();
    let https = serve(&desk, &["--tls-cert", &tls.path("cert.pem"), "--tls-key", &tls.path("key.pem")]);
    assert!(https.url.starts_with("https://127.0.0.1:"), "{}", https.url);
    let ca = tls.path("ca.pem");

    // Enrolled and pushing through the HTTPS instance…
    let (mut sara, sara_client, _d1) = enrolled(&desk, &https.url, Some(&ca), "سارة", Role::Journalist).await;
    let id = submitted_story(&mut sara, "خبر عبر TLS");
    let request =
        PushRequest { client_id: "tls-1".into(), based_on: None, story: wire_story(&sara.story(&id).unwrap()) };
    assert!(matches!(sara_client.push(&request).await.unwrap(), Pushed::Done(_)));
    // …and seen by an editor enrolled through the other instance: nothing lives in a process.
    let (_maha, maha_client, _d2) = enrolled(&desk, &desk.url, None, "مها", Role::Editor).await;
    let page = maha_client.pull(0, 10).await.unwrap();
    assert_eq!(page.stories.len(), 1);
    assert_eq!(page.stories[0].story.id, id);

    // Without the newsroom's authority the certificate is not trusted.
    let untrusting = DeskClient::new(&https.url, None, None).unwrap();
    assert!(matches!(untrusting.me().await, Err(SyncError::Offline { .. })));
    // A plain-HTTP desk address that is not loopback is refused by the laptop before any request.
    assert!(matches!(DeskClient::new("http://desk.example", None, None), Err(SyncError::PlainHttp { .. })));
}

#[test]
fn plain_http_off_loopback_is_refused_with_the_reason() {
    let desk = LocalDesk::start(binary());
    let out = Command::new(binary())
        .args(["serve", "--listen", "0.0.0.0:0", "--database", &database_url(&desk)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--tls-cert"), "{said}");
}

#[tokio::test(flavor = "multi_thread")]
async fn postgresql_restarted_under_load_loses_and_duplicates_nothing() {
    let desk = LocalDesk::start(binary());
    let mut writers = Vec::new();
    for i in 0..6 {
        let (mut lib, client, dir) = enrolled(&desk, &desk.url, None, &format!("كاتب {i}"), Role::Journalist).await;
        let ids: Vec<String> = (0..8).map(|n| submitted_story(&mut lib, &format!("خبر {i}-{n}"))).collect();
        let requests: Vec<PushRequest> = ids
            .iter()
            .enumerate()
            .map(|(n, id)| PushRequest {
                client_id: format!("w{i}-{n}"),
                based_on: None,
                story: wire_story(&lib.story(id).unwrap()),
            })
            .collect();
        writers.push((client, requests, dir));
    }
    let cluster = qalam_desk::cluster::Cluster::at(&desk.data());
    let tasks: Vec<_> = writers
        .into_iter()
        .map(|(client, requests, dir)| {
            tokio::spawn(async move {
                let mut failures = 0;
                for request in &requests {
                    // A steady stream, so the restart falls in the middle of it.
                    tokio::time::sleep(std::time::Duration::from_millis(25)).await;
                    // Each push is retried, with the same client id, until acknowledged.
                    for attempt in 0..200 {
                        match client.push(request).await {
                            Ok(Pushed::Done(_)) => break,
                            Ok(Pushed::Conflict { .. }) => panic!("no one else writes these stories"),
                            Err(e) if e.is_passing() && attempt < 199 => {
                                failures += 1;
                                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                            }
                            Err(e) => panic!("{e:?}"),
                        }
                    }
                }
                drop(dir);
                failures
            })
        })
        .collect();
    // Restart PostgreSQL while the pushes run.
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    tokio::task::spawn_blocking(move || {
        cluster.stop().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        cluster.ensure_running().unwrap();
    })
    .await
    .unwrap();
    let mut failures = 0;
    for t in tasks {
        failures += t.await.unwrap();
    }
    assert!(failures > 0, "the restart was felt by some push");
    assert_eq!(desk.psql("SELECT count(*) FROM articles"), "48");
    assert_eq!(desk.psql("SELECT count(*) FROM events"), "48");
    assert_eq!(desk.psql("SELECT count(*) FROM revisions"), "48");
    assert_eq!(desk.psql("SELECT count(*) FROM pushes"), "48");
    assert_eq!(desk.psql("SELECT max(value) FROM desk_counter"), "48");
}

/// `GET /health` over a plain socket: the service and its database answer.
fn healthy(url: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(url.trim_start_matches("http://")) else { return false };
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    if stream.write_all(b"GET /health HTTP/1.0\r\nHost: desk\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200")
}

#[test]
fn started_again_after_sigkill_it_just_works_whether_its_postgresql_lives_or_died() {
    let mut desk = LocalDesk::start(binary());
    desk.person("سارة", "journalist", &[]);
    assert!(healthy(&desk.url));

    // Killed alone: its PostgreSQL is still running, and is used as it is; stopped normally
    // afterwards, the desk stops it too (it owns its folder, whoever started the server).
    desk.kill9();
    assert!(desk.postgres_running());
    desk.restart();
    assert!(healthy(&desk.url));
    desk.stop();
    assert!(!desk.postgres_running(), "SIGTERM stops the PostgreSQL the desk found running");
    desk.restart();
    assert!(healthy(&desk.url));
    // A second local desk on the same folder is refused plainly, and changes nothing.
    let second = std::process::Command::new(binary())
        .args(["local", "--listen", "127.0.0.1:0", "--data"])
        .arg(desk.data())
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("already serves"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(healthy(&desk.url));

    // Killed with its PostgreSQL: the pid file stays behind, naming a dead process.
    let pid_file = desk.data().join("postgres/postmaster.pid");
    let postmaster: i32 = std::fs::read_to_string(&pid_file).unwrap().lines().next().unwrap().trim().parse().unwrap();
    desk.kill9();
    // SAFETY: signalling the test's own PostgreSQL by the pid its data folder names.
    unsafe { libc::kill(postmaster, libc::SIGKILL) };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{postmaster}")).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(pid_file.exists(), "the stale pid file is there");
    desk.restart();
    assert!(healthy(&desk.url));
    let listed = desk.admin(&["person", "list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("سارة"), "nothing was lost");
}

/// Reads what the desk sends on `stream` until it closes it or `wait` passes; true if it closed.
fn closed_within(stream: &mut std::net::TcpStream, wait: std::time::Duration) -> bool {
    use std::io::Read;
    let deadline = std::time::Instant::now() + wait;
    let mut buf = [0u8; 4096];
    while std::time::Instant::now() < deadline {
        stream.set_read_timeout(Some(std::time::Duration::from_millis(100))).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn slow_and_idle_connections_are_closed_and_one_address_cannot_hold_them_all() {
    use std::io::Write;
    use std::time::Duration;
    let desk = LocalDesk::start_with(
        binary(),
        &["--header-timeout", "2", "--idle-timeout", "4", "--max-connections-per-address", "20"],
    );
    let address = desk.url.trim_start_matches("http://").to_string();
    // Slowloris: 60 connections from one address, each sending its headers a few bytes at a time.
    let mut slow: Vec<std::net::TcpStream> = (0..60)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(&address).unwrap();
            let _ = s.write_all(b"GET /health HTTP/1.1\r\nHost: desk\r\n");
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let refused = slow.iter_mut().map(|s| closed_within(s, Duration::from_millis(200))).filter(|c| *c).count();
    assert!(refused >= 40, "past 20 connections from one address, each is closed at once ({refused} of 60 were)");
    // Another address is served meanwhile.
    let other = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        let mut stream = socket.connect(address.parse().unwrap()).await.unwrap();
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        stream.write_all(b"GET /health HTTP/1.0\r\nHost: desk\r\n\r\n").await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    });
    assert!(other.starts_with("HTTP/1.0 200"), "{other}");
    // The header deadline ends the slow ones; the address is served again.
    let held: Vec<_> = slow.iter_mut().collect();
    let started = std::time::Instant::now();
    for s in held {
        let _ = s.write_all(b"X-Slow: 1\r\n");
        assert!(closed_within(s, Duration::from_secs(6)), "a slow header is cut after its deadline");
    }
    assert!(started.elapsed() < Duration::from_secs(6), "{:?}", started.elapsed());
    assert!(healthy(&desk.url));
    // A connection that never says a word is closed at the header deadline.
    let mut silent = std::net::TcpStream::connect(&address).unwrap();
    let started = std::time::Instant::now();
    assert!(closed_within(&mut silent, Duration::from_secs(6)), "a silent connection is closed");
    assert!(started.elapsed() < Duration::from_secs(4), "at the header deadline: {:?}", started.elapsed());
    // A connection that answered a request and then says nothing is closed when idle.
    let mut idle = std::net::TcpStream::connect(&address).unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: desk\r\n\r\n").unwrap();
    let started = std::time::Instant::now();
    assert!(closed_within(&mut idle, Duration::from_secs(12)), "an idle connection is closed");
    assert!(started.elapsed() >= Duration::from_secs(1), "not before it was answered and left idle");
}

#[test]
fn an_admin_verb_given_a_folder_with_no_desk_says_so_and_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for folder in [dir.path().join("typo"), dir.path().to_path_buf()] {
        let out =
            std::process::Command::new(binary()).args(["person", "list", "--data"]).arg(&folder).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no desk at"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(!dir.path().join("typo").exists(), "nothing was created");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "the folder was left as it was");
}

#[test]
fn a_closed_terminal_stops_the_desk_and_its_postgresql_and_look_alike_names_are_asked_about() {
    let mut desk = LocalDesk::start(binary());
    desk.person("سارة نور", "journalist", &[]);
    // The same name as colleagues will read it (harakat, tatweel, spaces): refused, with the why.
    let alike = desk.admin(&["person", "add", "--name", "سارَة  نـور", "--role", "editor"]);
    assert_eq!(alike.status.code(), Some(1));
    let words = String::from_utf8_lossy(&alike.stderr);
    assert!(words.contains("reads like the name of سارة نور") && words.contains("--same-name"), "{words}");
    // Meant: another person of that name.
    let meant = desk.admin(&["person", "add", "--name", "سارَة  نـور", "--role", "editor", "--same-name"]);
    assert!(meant.status.success(), "{}", String::from_utf8_lossy(&meant.stderr));

    desk.stop_with(libc::SIGHUP);
    assert!(!desk.postgres_running(), "a hang-up stops the desk's PostgreSQL as SIGTERM does");
}
