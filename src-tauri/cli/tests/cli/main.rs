//! The `qalam` binary end to end: every verb, its JSON, its exit codes, and its error messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }

    fn library(&self) -> PathBuf {
        self.dir.path().join("lib.sqlite3")
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Runs `qalam --library LIB ARGS…` with English messages.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(self.library())
            .args(args)
            .env("QALAM_LANG", "en")
            .env_remove("QALAM_LIBRARY")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        serde_json::from_str(&self.ok(&with_json)).unwrap()
    }
}

mod deliver;
mod desk;
mod http_faults;
mod keychain;
mod proxy;
mod published_life;
mod review;
mod sturdier;
mod style;
mod suggestions;
mod wordpress_site;

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/sample-article.md")
}

fn seed_str() -> String {
    seed().display().to_string()
}

#[test]
fn import_prints_one_id_per_file_in_order_and_list_shows_them() {
    let env = Env::new();
    let a = env.file("a.md", "---\ntitle: الأول\n---\n\nنص\n");
    let b = env.file("b.md", "---\ntitle: الثاني\n---\n\nنص\n");
    let out = env.ok(&["import", a.to_str().unwrap(), b.to_str().unwrap()]);
    let ids: Vec<&str> = out.lines().collect();
    assert_eq!(ids.len(), 2);
    for id in &ids {
        assert_eq!(env.json(&["show", id])["id"], *id);
    }
    assert_eq!(env.json(&["show", ids[0]])["title"], "الأول");
    assert_eq!(env.json(&["show", ids[1]])["title"], "الثاني");
    let list = env.json(&["list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list.as_array().unwrap().iter().all(|row| row["id"].is_string() && row["title"].is_string()));
}

#[test]
fn the_library_flag_works_before_or_after_the_verb_and_from_the_environment() {
    let env = Env::new();
    let lib = env.library();
    let run = |args: &[&str], var: Option<&Path>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_qalam"));
        cmd.args(args).env_remove("QALAM_LIBRARY");
        if let Some(v) = var {
            cmd.env("QALAM_LIBRARY", v);
        }
        cmd.output().unwrap()
    };
    let lib_s = lib.to_str().unwrap();
    assert!(run(&["import", &seed_str(), "--library", lib_s], None).status.success());
    assert!(run(&["--library", lib_s, "import", &seed_str()], None).status.success());
    let listed = run(&["list", "--json"], Some(&lib));
    let rows: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2, "importing the same file twice makes two articles");
}

#[test]
fn show_prints_the_format_safe_html_block_markup_and_json() {
    let env = Env::new();
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    let md = env.ok(&["show", &id, "--format", "md"]);
    assert!(md.starts_with(&format!("---\nid: {id}\n")), "{md}");
    assert!(md.contains("> [!PULLQUOTE]"));
    let html = env.ok(&["show", &id, "--format", "html"]);
    assert!(html.starts_with("<article dir=\"rtl\" lang=\"ar\">"));
    assert!(html.contains("<h2 dir=\"auto\">تمركُز مفاجئ</h2>"));
    let blocks = env.ok(&["show", &id, "--format", "gutenberg"]);
    assert!(blocks.contains("<!-- wp:heading -->\n<h2>تمركُز مفاجئ</h2>\n<!-- /wp:heading -->"), "{blocks}");
    assert!(blocks.contains("<figure class=\"wp-block-pullquote\"><blockquote><p>"));
    assert_eq!(blocks.matches("<!-- wp:").count(), blocks.matches("<!-- /wp:").count());
    let json = env.json(&["show", &id]);
    assert_eq!(json["article"]["meta"]["kicker"], "تجاهل اتفاقات الانسحاب");
    assert_eq!(json["article"]["meta"]["related"].as_array().unwrap().len(), 3);
}

#[test]
fn search_finds_normalized_arabic_with_a_marked_snippet() {
    let env = Env::new();
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    let hits = env.json(&["search", "قاعدة عين الاسد", "--limit", "5"]);
    assert_eq!(hits[0]["id"], id.as_str());
    assert!(hits[0]["snippet"].as_str().unwrap().contains("الأسد"));
    let text = env.ok(&["search", "تمركز"]);
    assert!(text.contains("[تمركُز]"), "{text}");
    assert_eq!(env.json(&["search", "غير موجود إطلاقا"]).as_array().unwrap().len(), 0);
}

#[test]
fn check_exit_codes_say_whether_errors_were_found() {
    let env = Env::new();
    let good = env.run(&["check", &seed_str()]);
    assert_eq!(good.status.code(), Some(0), "warnings alone do not fail");
    assert!(String::from_utf8_lossy(&good.stdout).contains(":69: warning: the pull-quote is"));
    let bad = env.file("bad.md", "---\ntitle: x\ncategory: سياسة\n---\n\n# H1\n\n[a](javascript:alert(1))\n");
    let out = env.run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("bad.md:6: error:") && text.contains("bad.md:8: error:"), "{text}");
    let json: Value = serde_json::from_slice(&env.run(&["check", bad.to_str().unwrap(), "--json"]).stdout).unwrap();
    assert_eq!(json["errors"], true);
    assert!(json["findings"][0]["message_ar"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    assert_eq!(env.run(&["check", &id]).status.code(), Some(0));
    assert_eq!(env.run(&["check", "no-such-thing"]).status.code(), Some(2));
}

#[test]
fn a_bad_file_is_named_with_its_line_and_nothing_is_imported() {
    let env = Env::new();
    let good = env.file("good.md", "---\ntitle: جيد\n---\n");
    let bad = env.file("bad.md", "---\ntitle: x\ndate: 2025-13-45\n---\n");
    let out = env.run(&["import", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.md:3:") && err.contains("2025-13-45"), "{err}");
    assert!(!env.library().exists(), "all or nothing: a refused import does not even create the library");
    let arabic = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(["--library", env.library().to_str().unwrap(), "--lang", "ar", "import", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&arabic.stderr).contains("ليس تاريخًا صالحًا")
            || String::from_utf8_lossy(&arabic.stderr).contains("غير صالح")
    );
    let missing = env.run(&["import", "/nonexistent/x.md"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn revisions_restore_trash_untrash() {
    let env = Env::new();
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    let changed = env.file("changed.md", &format!("---\nid: {id}\ntitle: عنوان معدل\n---\n\nنص جديد\n"));
    env.ok(&["import", changed.to_str().unwrap()]);
    let revisions = env.json(&["revisions", &id]);
    assert_eq!(revisions.as_array().unwrap().len(), 2);
    env.ok(&["restore", &id, "1"]);
    assert_eq!(
        env.json(&["show", &id])["title"],
        "قوات أميركية تغادر سوريا وتعيد تموضعها في العراق رغم الاتفاقات الموقعة مع بغداد"
    );
    env.ok(&["trash", &id]);
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), 0);
    assert_eq!(env.json(&["list", "--trash"])[0]["id"], id.as_str());
    env.ok(&["untrash", &id]);
    assert_eq!(env.json(&["list"])[0]["id"], id.as_str());
    assert_eq!(env.run(&["restore", &id, "42"]).status.code(), Some(2));
}

#[test]
fn backup_and_restore_backup() {
    let env = Env::new();
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    let backup = env.ok(&["backup"]).trim().to_string();
    assert!(Path::new(&backup).exists());
    env.ok(&["trash", &id]);
    let json = env.json(&["restore-backup", &backup]);
    assert!(Path::new(json["previous_content_saved_to"].as_str().unwrap()).exists());
    assert_eq!(env.json(&["list"])[0]["id"], id.as_str());
}

#[test]
fn a_damaged_library_is_reported_not_touched() {
    let env = Env::new();
    std::fs::write(env.library(), "this is not a database").unwrap();
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Qalam library"));
    assert_eq!(std::fs::read_to_string(env.library()).unwrap(), "this is not a database");
    let json: Value = serde_json::from_slice(&env.run(&["list", "--json"]).stdout).unwrap();
    assert_eq!(json["error"]["code"], "not-a-database");
}

fn zips_in(dir: &Path) -> Vec<PathBuf> {
    let mut zips: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    zips.sort();
    zips
}

#[test]
fn export_writes_a_named_verifiable_package_and_refuses_when_not_ready() {
    let env = Env::new();
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    let out_dir = env.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out_str = out_dir.display().to_string();

    // The seed's pull-quote is longer than the house limit: a warning, to be accepted.
    let refused = env.run(&["export", &id, "--out", &out_str]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stdout).contains(&format!("{id}:70: warning:")));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--accept-warnings"));
    assert!(zips_in(&out_dir).is_empty(), "nothing written");

    let done = env.json(&["export", &id, "--out", &out_str, "--accept-warnings"]);
    let path = PathBuf::from(done["path"].as_str().unwrap());
    assert_eq!(zips_in(&out_dir), vec![path.clone()]);
    assert!(path.file_name().unwrap().to_string_lossy().ends_with("-r1.zip"), "{}", path.display());
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(done["sha256"].as_str().unwrap(), qalam_core::hash::sha256_hex(&bytes));

    // The same revision again gives the same bytes; an existing file is never overwritten.
    let again = env.dir.path().join("again.zip");
    let second = env.json(&["export", &id, "--out", &again.display().to_string(), "--accept-warnings"]);
    assert_eq!(second["sha256"], done["sha256"]);
    let overwrite = env.run(&["export", &id, "--out", &again.display().to_string(), "--accept-warnings"]);
    assert_eq!(overwrite.status.code(), Some(2));

    let tree = env.dir.path().join("tree");
    env.ok(&["export", &id, "--out", &tree.display().to_string(), "--folder", "--accept-warnings"]);
    for name in ["manifest.json", "article.md", "article.html", "article.ninjs.json"] {
        assert!(tree.join(name).is_file(), "{name}");
    }

    // An article with errors is refused with the checker's findings and exit 1.
    let broken = env.file("broken.md", "---\ntitle: خبر\n---\n\n[رابط](javascript:alert(1))\n");
    let broken_id = env.ok(&["import", &broken.display().to_string()]).trim().to_string();
    let refused = env.run(&["export", &broken_id, "--out", &out_str, "--json"]);
    assert_eq!(refused.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&refused.stdout).unwrap();
    let codes: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"missing-category") && codes.contains(&"bad-url"), "{codes:?}");
    assert_eq!(zips_in(&out_dir).len(), 1, "nothing more written");
}

#[test]
fn import_package_takes_a_package_whole_and_asks_before_touching_an_existing_article() {
    let from = Env::new();
    let id = from.ok(&["import", &seed_str()]).trim().to_string();
    let zip = from.dir.path().join("story.zip");
    from.ok(&["export", &id, "--out", &zip.display().to_string(), "--accept-warnings"]);
    let zip = zip.display().to_string();

    let to = Env::new();
    let first = to.json(&["import-package", &zip]);
    assert_eq!((first["id"].as_str(), first["outcome"].as_str()), (Some(id.as_str()), Some("created")));
    assert_eq!(to.ok(&["show", &id, "--format", "md"]), from.ok(&["show", &id, "--format", "md"]));

    let again = to.run(&["import-package", &zip]);
    assert_eq!(again.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("already in the library") && stderr.contains("--keep-both"), "{stderr}");
    assert_eq!(to.json(&["import-package", &zip, "--keep-both"])["outcome"], "kept-both");
    assert_eq!(to.json(&["import-package", &zip, "--replace"])["outcome"], "replaced");
    assert_eq!(to.json(&["list"]).as_array().unwrap().len(), 2);

    let junk = to.file("junk.zip", "not a zip at all");
    let refused = to.run(&["import-package", &junk.display().to_string(), "--lang", "ar"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("ليست حزمة قلم صالحة") && said.contains("الملف ليس أرشيف zip") && !said.contains("EOCD"),
        "{said}"
    );
    assert_eq!(to.json(&["list"]).as_array().unwrap().len(), 2, "nothing imported");
    // A file larger than any package is said to be so, not read (a sparse file: no disk used).
    let huge = to.dir.path().join("huge.zip");
    std::fs::File::create(&huge).unwrap().set_len(3 << 30).unwrap();
    let refused = to.run(&["import-package", huge.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("the file is larger than") && said.contains("more than any package"), "{said}");
    // A package written into a folder that does not exist: the folder is named.
    let out = to.dir.path().join("لا يوجد").join("x.zip");
    let refused = to.run(&["export", &id, "--out", out.to_str().unwrap(), "--accept-warnings"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("there is no such folder"), "{said}");
}
