//! A real WordPress on loopback for one test (tests/wordpress/site.sh): started in the test's
//! own folder, stopped by that folder's pid files when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Site {
    dir: tempfile::TempDir,
    pub url: String,
    pub passwords: std::collections::HashMap<String, String>,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/wordpress/site.sh")
}

fn site_command(verb: &str, dir: &Path) {
    let out = Command::new("bash").arg(script()).arg(verb).arg(dir).output().unwrap();
    assert!(out.status.success(), "site.sh {verb}: {}", String::from_utf8_lossy(&out.stderr));
}

impl Site {
    pub fn start() -> Site {
        let dir = tempfile::tempdir().unwrap();
        site_command("start", dir.path());
        let env = std::fs::read_to_string(dir.path().join("site.env")).unwrap();
        let mut url = String::new();
        let mut passwords = std::collections::HashMap::new();
        for line in env.lines() {
            let Some((key, value)) = line.split_once('=') else { continue };
            let value = value.trim_matches('\'').to_string();
            match key {
                "WP_URL" => url = value,
                _ => {
                    if let Some(user) = key.strip_prefix("WP_").and_then(|k| k.strip_suffix("_PASSWORD")) {
                        passwords.insert(user.to_lowercase(), value);
                    }
                }
            }
        }
        Site { dir, url, passwords }
    }

    pub fn host_port(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    /// Stops / starts the web server alone (WordPress down, its database kept).
    pub fn stop_web(&self) {
        site_command("stop-web", self.dir.path());
    }

    pub fn start_web(&self) {
        site_command("start-web", self.dir.path());
    }

    /// An admin's GET of `route` (e.g. `/wp/v2/posts?status=draft`), as JSON.
    pub fn get(&self, route: &str) -> Value {
        let sep = if route.contains('?') { '&' } else { '?' };
        let out = Command::new("curl")
            .args(["-sS", "-u", &format!("admin:{}", self.passwords["admin"])])
            .arg(format!("{}/wp-json{route}{sep}context=edit&per_page=100", self.url))
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{route}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// Every post in any state.
    pub fn posts(&self) -> Vec<Value> {
        self.get("/wp/v2/posts?status=publish,draft,pending,future,private").as_array().unwrap().clone()
    }

    pub fn media(&self) -> Vec<Value> {
        self.get("/wp/v2/media").as_array().unwrap().clone()
    }

    /// The administrator presses Publish on post `id` through REST; the site's answer.
    pub fn admin_publishes(&self, id: &str) -> Value {
        self.admin_sends(id, r#"{"status":"publish"}"#)
    }

    /// The administrator sends `json` to post `id` through REST; the site's answer.
    pub fn admin_sends(&self, id: &str, json: &str) -> Value {
        let out = Command::new("curl")
            .args(["-sS", "-X", "POST", "-u", &format!("admin:{}", self.passwords["admin"])])
            .args(["-H", "Content-Type: application/json", "-d", json])
            .arg(format!("{}/wp-json/wp/v2/posts/{id}", self.url))
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Runs PHP inside this WordPress (e.g. `update_option('x', 'y');`).
    pub fn php(&self, code: &str) {
        let name = format!("qalam-{}", &sha256_hex(self.dir.path().to_str().unwrap())[..16]);
        let script = format!(
            "$_SERVER['WORDPRESS_CONFIG'] = '{name}'; $_SERVER['HTTP_HOST'] = '127.0.0.1'; require '/usr/share/wordpress/wp-load.php'; {code}"
        );
        let out = Command::new("php").arg("-r").arg(script).output().unwrap();
        assert!(out.status.success(), "php: {}", String::from_utf8_lossy(&out.stderr));
    }
}

fn sha256_hex(text: &str) -> String {
    let out = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    out.stdin.as_ref().unwrap().write_all(text.as_bytes()).unwrap();
    let done = out.wait_with_output().unwrap();
    String::from_utf8(done.stdout).unwrap().split_whitespace().next().unwrap().to_string()
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(script()).arg("stop").arg(self.dir.path()).output();
    }
}
