//! What a new or hostile user met on the command line: wrong paths, wrong files, wrong languages
//! and articles with their pictures beside them.

use std::path::Path;
use std::process::Command;

use super::{seed_str, Env};

/// A real picture file of `width`×`height` pixels.
fn picture(path: &Path, width: u32, height: u32) {
    image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]))
        .save(path)
        .unwrap();
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Arabic messages carry no English words from libraries: only Qalam's sentences, paths, ids,
/// flags and verbs (which are Latin by nature). Checks the message after `qalam: ` and the path.
fn assert_no_library_english(message: &str, allowed: &[&str]) {
    let mut rest = message.to_string();
    for a in allowed {
        rest = rest.replace(a, "");
    }
    let latin_words: Vec<&str> =
        rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 3 && *w != "qalam").collect();
    assert!(latin_words.is_empty(), "English in an Arabic message: {latin_words:?} in {message}");
}

const ARTICLE_WITH_PICTURES: &str = "---\ntitle: خبر بالصور\ncategory: سياسة\nhero:\n  src: images/hero.png\n  alt: القاعدة من الجو\n---\n\nفقرة أولى.\n\n![جنود عند البوابة](images/gate.png \"البوابة الشمالية\")\n\nفقرة ثانية.\n";

#[test]
fn import_brings_the_pictures_beside_the_file_and_export_works_without_the_app() {
    let env = Env::new();
    let folder = env.dir.path().join("story");
    std::fs::create_dir_all(folder.join("images")).unwrap();
    picture(&folder.join("images/hero.png"), 1200, 800);
    picture(&folder.join("images/gate.png"), 640, 480);
    let file = folder.join("article.md");
    std::fs::write(&file, ARTICLE_WITH_PICTURES).unwrap();
    let imported = env.json(&["import", file.to_str().unwrap()]);
    assert_eq!(imported[0]["pictures"], 2);
    let id = imported[0]["id"].as_str().unwrap().to_string();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ARTICLE_WITH_PICTURES, "the user's file is unchanged");
    let stored = env.ok(&["show", &id, "--format", "md"]);
    assert!(stored.contains("src: assets/") && stored.contains("](assets/"), "{stored}");
    // The pictures are in the library: the package carries them, with nothing but the CLI.
    let out = env.dir.path().join("story.zip");
    let exported = env.json(&["export", &id, "--out", out.to_str().unwrap()]);
    assert_eq!(exported["exported"], true, "{exported}");
    let zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<&str> = zip.file_names().collect();
    assert!(names.iter().any(|n| n.starts_with("images/hero")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("images/image-1")), "{names:?}");
}

#[test]
fn a_missing_or_bad_picture_names_its_line_and_nothing_is_imported() {
    let env = Env::new();
    let folder = env.dir.path().join("story");
    std::fs::create_dir_all(folder.join("images")).unwrap();
    picture(&folder.join("images/hero.png"), 100, 100);
    let good = env.file("good.md", "---\ntitle: جيد\n---\n\nنص\n");
    let file = folder.join("article.md");
    std::fs::write(&file, ARTICLE_WITH_PICTURES).unwrap();
    // gate.png is missing: line 11 shows it.
    let out = env.run(&["import", good.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("article.md:11:") && stderr_of(&out).contains("images/gate.png"),
        "{}",
        stderr_of(&out)
    );
    assert!(!env.library().exists(), "nothing was imported, not even the good file");
    // Not a picture at all.
    std::fs::write(folder.join("images/gate.png"), "GIF89a? no, a text file").unwrap();
    let out = env.run(&["--lang", "ar", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        // In Arabic the path and line are isolated left-to-right (U+2066…U+2069) in the sentence.
        stderr_of(&out).contains("article.md:11\u{2069}:") && stderr_of(&out).contains("لم يُستورد شيء"),
        "{}",
        stderr_of(&out)
    );
    // The lead image's line when it is the one missing.
    std::fs::remove_file(folder.join("images/hero.png")).unwrap();
    picture(&folder.join("images/gate.png"), 10, 10);
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert!(stderr_of(&out).contains("article.md:5:"), "{}", stderr_of(&out));
    assert!(!env.library().exists());
}

#[test]
fn a_picture_outside_the_articles_folder_is_refused_however_the_path_reaches_it() {
    let env = Env::new();
    // A private picture beside the folder an article came in.
    picture(&env.dir.path().join("private.png"), 50, 50);
    let folder = env.dir.path().join("received");
    std::fs::create_dir_all(folder.join("images")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(env.dir.path().join("private.png"), folder.join("images/linked.png")).unwrap();
    let private = env.dir.path().join("private.png");
    let mut reaches = vec!["../private.png".to_string(), "images/../../private.png".into()];
    if cfg!(unix) {
        reaches.push("images/linked.png".into());
    }
    for src in reaches {
        let file = folder.join("article.md");
        std::fs::write(&file, format!("---\ntitle: خبر\nhero:\n  src: {src}\n  alt: صورة\n---\n\nنص\n")).unwrap();
        let out = env.run(&["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{src}");
        assert!(stderr_of(&out).contains("leaves the article's folder"), "{src}: {}", stderr_of(&out));
        assert!(!env.library().exists(), "{src}: nothing was imported");
    }
    // Inside the folder, through `./`, is fine.
    picture(&folder.join("images/own.png"), 50, 50);
    let file = env.file("received/ok.md", "---\ntitle: خبر\nhero:\n  src: ./images/own.png\n  alt: صورة\n---\n\nنص\n");
    assert_eq!(env.json(&["import", file.to_str().unwrap()])[0]["pictures"], 1);
    // An absolute path is not a picture beside the article: it is never read.
    let file = env.file(
        "received/abs.md",
        &format!("---\ntitle: خبر\nhero:\n  src: {}\n  alt: صورة\n---\n\nنص\n", private.display()),
    );
    assert_eq!(env.json(&["import", file.to_str().unwrap()])[0]["pictures"], 0);
}

#[test]
fn a_mistyped_library_path_is_reported_and_nothing_is_created() {
    let env = Env::new();
    let nowhere = env.dir.path().join("no").join("such").join("lib.sqlite3");
    for verb in [&["list"][..], &["search", "قوات"], &["show", "01ABC"], &["revisions", "01ABC"], &["backup"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(&nowhere)
            .args(verb)
            .env("QALAM_LANG", "en")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{verb:?}");
        assert!(stderr_of(&out).contains("no library at"), "{verb:?}: {}", stderr_of(&out));
    }
    assert!(!env.dir.path().join("no").exists(), "no folders were made");
    // The same through QALAM_LIBRARY, for a file in an existing folder.
    let missing = env.dir.path().join("typo.sqlite3");
    let out = Command::new(env!("CARGO_BIN_EXE_qalam")).arg("list").env("QALAM_LIBRARY", &missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!missing.exists());
    // A verb that brings articles in creates the library in an existing folder, not elsewhere.
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(["import", &seed_str()])
        .arg("--library")
        .arg(&nowhere)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!env.dir.path().join("no").exists());
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(["import", &seed_str()])
        .env("QALAM_LIBRARY", &missing)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(missing.exists());
}

#[test]
fn an_article_file_too_large_or_not_utf8_is_refused_at_once_in_plain_words() {
    let env = Env::new();
    // /dev/zero never ends: the read stops at the limit.
    #[cfg(unix)]
    {
        let out = env.run(&["import", "/dev/zero"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr_of(&out).contains("larger than 64 MiB"), "{}", stderr_of(&out));
    }
    let utf16: Vec<u8> = "---\ntitle: x\n---\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let file = env.dir.path().join("utf16.md");
    std::fs::write(&file, [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
    let out = env.run(&["--lang", "ar", "import", file.to_str().unwrap()]);
    assert!(stderr_of(&out).contains("UTF-16"), "{}", stderr_of(&out));
    let latin1 = env.dir.path().join("latin1.md");
    std::fs::write(&latin1, b"---\ntitle: caf\xe9\n---\n").unwrap();
    let out = env.run(&["import", latin1.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["error"]["code"], "not-utf8");
    assert!(json["error"]["message"].as_str().unwrap().contains("offset 14"), "{json}");
    assert!(json["error"]["cause"].is_string(), "the decoder's words stay as the cause");
}

#[test]
fn arabic_messages_hold_no_english_from_underlying_libraries() {
    let env = Env::new();
    let dir = env.dir.path().to_str().unwrap().to_string();
    let tab = env.file("tab.md", "---\ntitle: خبر\n\tkicker: عاجل\n---\n");
    let yaml = env.file("yaml.md", "---\ntitle: القائد: لن ننسحب\n---\n");
    let missing = format!("{dir}/missing.md");
    let cases: Vec<(Vec<String>, Vec<String>)> = vec![
        (vec!["import".into(), missing.clone()], vec![missing.clone()]),
        (vec!["import".into(), dir.clone()], vec![dir.clone()]),
        (
            vec!["import".into(), tab.display().to_string()],
            vec![tab.display().to_string(), "Tab".into(), "YAML".into()],
        ),
        (vec!["import".into(), yaml.display().to_string()], vec![yaml.display().to_string(), "YAML".into()]),
        (vec!["list".into()], vec![env.library().display().to_string()]),
    ];
    for (args, allowed) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(env.library())
            .arg("--lang")
            .arg("ar")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
        assert_no_library_english(&stderr_of(&out), &allowed);
    }
    // The JSON keeps the system's own words as the cause.
    let out = env.run(&["import", &missing, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["error"]["code"], "not-found");
    assert!(json["error"]["cause"].as_str().unwrap().contains("No such file"), "{json}");
}

#[test]
fn an_unknown_qalam_lang_falls_back_to_the_locale_with_a_warning() {
    let env = Env::new();
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .arg("--library")
        .arg(env.library())
        .args(["import", "/nonexistent/x.md"])
        .env("QALAM_LANG", "fr")
        .env("LANG", "ar_IQ.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("QALAM_LANG") && err.contains("«fr»"), "a warning names the value: {err}");
    assert!(err.contains("الملف غير موجود"), "then Arabic, from the locale, not English: {err}");
}

#[test]
fn the_trash_says_to_untrash_and_the_package_hint_follows_its_error() {
    let env = Env::new();
    let id = env.ok(&["import", &seed_str()]).trim().to_string();
    env.ok(&["trash", &id]);
    let out = env.run(&["restore", &id, "1"]);
    assert!(stderr_of(&out).contains("untrash") && !stderr_of(&out).contains("restore it"), "{}", stderr_of(&out));
    env.ok(&["untrash", &id]);
    let zip = env.dir.path().join("story.zip");
    env.ok(&["export", &id, "--out", zip.to_str().unwrap(), "--accept-warnings"]);
    let out = env.run(&["import-package", zip.to_str().unwrap()]);
    let err = stderr_of(&out);
    let error_at = err.find("already in the library").expect("the error");
    let hint_at = err.find("--keep-both").expect("the hint");
    assert!(error_at < hint_at, "the hint comes after its error: {err}");
}

#[test]
fn a_manifest_that_is_not_a_json_object_is_refused_in_a_plain_sentence() {
    let env = Env::new();
    let path = env.dir.path().join("odd.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("manifest.json", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, b"[1, 2, 3]").unwrap();
    zip.finish().unwrap();
    for (lang, expected) in [("en", "manifest.json is not a JSON object"), ("ar", "ليس كائن JSON")] {
        let out = env.run(&["--lang", lang, "import-package", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr_of(&out);
        assert!(err.contains(expected) && !err.contains("invalid type"), "{err}");
    }
}

#[test]
fn a_reader_that_goes_away_stops_every_verb_quietly() {
    use std::process::Stdio;
    let env = Env::new();
    let seed = super::seed_str();
    let id = env.json(&["import", &seed])[0]["id"].as_str().unwrap().to_string();
    for args in [
        vec!["list"],
        vec!["show", &id, "--format", "md"],
        vec!["show", &id, "--format", "html"],
        vec!["revisions", &id],
    ] {
        // `qalam … | head -0`: the reader is gone before anything is written.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(env.library())
            .args(&args)
            .env("QALAM_LANG", "en")
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {said}");
        assert!(!said.contains("panicked") && said.is_empty(), "{args:?}: {said}");
    }
}

/// `qalam --library LIB ARGS…` in a child whose files may not grow past `max_file_bytes` (as on
/// a disk that fills), and which is told so (EFBIG) instead of being killed by SIGXFSZ.
fn qalam_with_file_limit(env: &Env, args: &[&str], max_file_bytes: u64) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_qalam"));
    command.arg("--library").arg(env.library()).args(args).env("QALAM_LANG", "en").env_remove("QALAM_LIBRARY");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: max_file_bytes, rlim_max: max_file_bytes };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().unwrap()
}

fn long_article(title: &str, kilobytes: usize) -> String {
    let paragraph = "نص طويل عن جلسة البرلمان ومناقشة الميزانية العامة وتفاصيلها. ".repeat(16);
    let body: Vec<String> = (0..kilobytes).map(|i| format!("{i} {paragraph}")).collect();
    format!("---\ntitle: {title}\ncategory: سياسة\n---\n\n{}\n", body.join("\n\n"))
}

#[test]
fn a_disk_that_fills_fails_the_one_operation_and_the_library_opens_normally_after() {
    let env = Env::new();
    let first = env.file("first.md", &long_article("المقال الأول", 900));
    env.json(&["import", first.to_str().unwrap()]);
    let size = std::fs::metadata(env.library()).unwrap().len();

    // The disk fills while the log is checkpointed into the file: the file is left shorter than
    // its header says, and the log still holds every page.
    let second = env.file("second.md", &long_article("المقال الثاني", 300));
    let out = qalam_with_file_limit(&env, &["import", second.to_str().unwrap(), "--json"], size + 100_000);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("panicked"), "{said}");
    let listed = env.json(&["list"]);
    let imported_second = out.status.success();
    assert_eq!(listed.as_array().unwrap().len(), if imported_second { 2 } else { 1 }, "{listed}\n{said}");

    // The disk is full before the change is written: that operation fails, saying so; nothing
    // else is lost, and the library opens normally once there is room.
    let third = env.file("third.md", &long_article("المقال الثالث", 600));
    let size = std::fs::metadata(env.library()).unwrap().len();
    let out = qalam_with_file_limit(&env, &["import", third.to_str().unwrap()], size.min(200_000));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("disk is full") || said.contains("could not be written to the disk"), "{said}");
    let after = env.json(&["list"]);
    assert_eq!(after.as_array().unwrap().len(), listed.as_array().unwrap().len(), "{after}");
    env.json(&["import", third.to_str().unwrap()]);
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), listed.as_array().unwrap().len() + 1);
    let integrity = qalam_core::library::Library::open(&env.library()).unwrap().integrity_check().unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn a_read_only_library_is_read_and_a_change_says_it_is_read_only() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    let id = env.json(&["import", &seed_str()])[0]["id"].as_str().unwrap().to_string();
    // Read-only as the user sees it: as root (who may write anything), run as `nobody` over a
    // library only its owner may change; otherwise, take the write permission away.
    let root = unsafe { libc::geteuid() } == 0;
    let (file_mode, dir_mode) = if root { (0o644, 0o755) } else { (0o444, 0o555) };
    std::fs::set_permissions(env.library(), std::fs::Permissions::from_mode(file_mode)).unwrap();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(dir_mode)).unwrap();
    let run = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_qalam"));
        command.arg("--library").arg(env.library()).args(args).env("QALAM_LANG", "en").env_remove("QALAM_LIBRARY");
        if root {
            command.uid(65534).gid(65534);
        }
        command.output().unwrap()
    };
    for read in [
        vec!["list", "--json"],
        vec!["show", &id, "--format", "md"],
        vec!["search", "قاعدة", "--json"],
        vec!["revisions", &id],
    ] {
        let out = run(&read);
        assert_eq!(out.status.code(), Some(0), "{read:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = run(&["trash", &id]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(said.contains("read-only"), "{said}");
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(env.library(), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), 1, "the library was not changed");
}

/// A command line clap cannot take is said in the user's language, as JSON with `--json`, and
/// exits 2 like every unusable input.
#[test]
fn a_command_line_qalam_cannot_take_is_said_in_the_users_language() {
    let env = Env::new();
    let run = |lang: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(env.library())
            .args(args)
            .env("QALAM_LANG", lang)
            .env_remove("QALAM_LIBRARY")
            .output()
            .unwrap()
    };
    for (args, allowed) in [
        (&["spike", "01J0000000000000000000000A"][..], &["--note", "<NOTE>", "qalam", "help"][..]),
        (&["list", "--bogus"][..], &["--bogus", "qalam", "help"][..]),
        (
            &["deliver", "X", "--to", "t", "--status", "bogus"][..],
            &["bogus", "--status", "<STATUS>", "draft", "pending", "publish", "qalam", "help"][..],
        ),
        (&["frobnicate"][..], &["frobnicate", "qalam", "help"][..]),
    ] {
        let out = run("ar", args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = stderr_of(&out);
        assert!(said.starts_with("qalam: ") && said.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)), "{said}");
        assert_no_library_english(said.lines().next().unwrap(), allowed);
    }
    // `--lang` on the command line wins over the environment, even on a line clap refused.
    assert!(stderr_of(&run("en", &["list", "--lang", "ar", "--bogus"])).contains("خيار لا يعرفه"));
    let out = run("en", &["spike", "--json"]);
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "usage");
    assert!(error["error"]["message"].as_str().unwrap().contains("--note"));
}

/// Target names a reader could not tell apart, and folder paths that would break the lines that
/// name them, are refused when the target is added.
#[test]
fn a_target_name_differing_only_in_case_and_a_path_with_a_line_break_are_refused() {
    let env = Env::new();
    env.ok(&["import", env.file("a.md", "---\ntitle: خبر\n---\n\nنص.\n").to_str().unwrap()]);
    let folder = env.dir.path().join("drive");
    std::fs::create_dir(&folder).unwrap();
    env.ok(&["target", "add", "folder", "drive", "--path", folder.to_str().unwrap()]);
    let twin = env.run(&["target", "add", "folder", "Drive", "--path", folder.to_str().unwrap()]);
    assert_eq!(twin.status.code(), Some(1), "{}", stderr_of(&twin));
    assert!(stderr_of(&twin).contains("drive"), "{}", stderr_of(&twin));
    let odd = env.dir.path().join("out\nx");
    std::fs::create_dir(&odd).unwrap();
    let broken = env.run(&["target", "add", "folder", "other", "--path", odd.to_str().unwrap()]);
    assert_ne!(broken.status.code(), Some(0));
    let listed: serde_json::Value = serde_json::from_str(&env.ok(&["target", "list", "--json"])).unwrap();
    assert_eq!(listed["targets"].as_array().unwrap().len(), 1, "{listed}");
}

#[test]
fn the_cli_reading_beside_an_open_library_never_hides_its_later_saves() {
    let env = super::Env::new();
    let story = env.file("s.md", "---\ntitle: خبر أول\n---\n\nنص.\n");
    let id = env.json(&["import", story.to_str().unwrap()])[0]["id"].as_str().unwrap().to_string();
    // The window's library: open, read, nothing written yet.
    let mut app = qalam_core::library::Library::open(&env.library()).unwrap();
    let stored = app.load(&id).unwrap();
    // The app's sync worker opens the library too, in the same process.
    let worker = qalam_core::library::Library::open(&env.library()).unwrap();
    // The CLI reads the same library meanwhile, and exits.
    env.ok(&["show", &id, "--format", "md"]);
    let mut article = stored.article.clone();
    article.meta.title = "خبر معدّل".into();
    let saved = app.save(&id, &article, stored.version, qalam_core::library::SaveKind::Autosave).unwrap();
    assert!(saved.written);
    // Another process sees the save, and so does the library opened again after the window closes.
    assert!(env.ok(&["show", &id, "--format", "md"]).contains("خبر معدّل"));
    drop(app);
    drop(worker);
    assert!(env.ok(&["show", &id, "--format", "md"]).contains("خبر معدّل"));
}
