//! A real desk for tests: `qalam-desk local` on loopback over a private PostgreSQL in a folder
//! of the test's own, stopped by its pid and its cluster by its data folder. Shared by the
//! desk's own tests and the CLI's (included by path: tests cannot depend on each other).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A desk on loopback over a private PostgreSQL in a folder of the test's own.
pub struct LocalDesk {
    binary: PathBuf,
    /// Flags the service is started with, beside its folder and address.
    extra: Vec<String>,
    child: Option<Child>,
    dir: tempfile::TempDir,
    pub url: String,
}

impl LocalDesk {
    /// `binary`: the `qalam-desk` program.
    pub fn start(binary: PathBuf) -> LocalDesk {
        LocalDesk::start_with(binary, &[])
    }

    /// A desk started with `extra` flags (its network edge's limits, say).
    pub fn start_with(binary: PathBuf, extra: &[&str]) -> LocalDesk {
        let extra = extra.iter().map(|s| s.to_string()).collect();
        let mut desk = LocalDesk { binary, extra, child: None, dir: tempfile::tempdir().unwrap(), url: String::new() };
        desk.run_server("127.0.0.1:0");
        desk
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("desk")
    }

    /// Starts the service (again, after a kill, on the same address).
    fn run_server(&mut self, listen: &str) {
        let mut child = Command::new(&self.binary)
            .args(["local", "--json", "--listen", listen, "--data"])
            .arg(self.data())
            .args(&self.extra)
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
        Command::new(&self.binary).args(args).arg("--data").arg(self.data()).arg("--json").output().unwrap()
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

    /// SIGTERM to the service, as a user's Ctrl-C or systemd would; waits for it to end.
    pub fn stop(&mut self) {
        self.stop_with(libc::SIGTERM);
    }

    /// `signal` to the service (SIGTERM, SIGINT, SIGHUP: a closed terminal); waits for it to end.
    pub fn stop_with(&mut self, signal: i32) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: signalling our own child by its pid.
            unsafe { libc::kill(child.id() as i32, signal) };
            let deadline = Instant::now() + Duration::from_secs(20);
            while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            assert!(child.try_wait().unwrap().is_some(), "the desk stops on signal {signal}");
        }
    }

    /// Whether the PostgreSQL in the desk's folder runs (its pid file names a live process).
    pub fn postgres_running(&self) -> bool {
        let pid_file = self.data().join("postgres/postmaster.pid");
        std::fs::read_to_string(pid_file)
            .ok()
            .and_then(|t| t.lines().next().map(|l| l.trim().to_string()))
            .is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists())
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
