//! The review workflow across two libraries, each with its own keys, through files only: write →
//! submit → hand-off → the editor comments and requests changes → hand-off back → the comment
//! follows its words through the journalist's edits → resubmit → approve → export → verify; the
//! conflict case; every tampering `verify` must catch; keys never on disk in the clear.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::Engine;
use qalam_core::identity::KeyPair;
use serde_json::Value;

use super::Env;

const PASSPHRASE: &str = "عبارة مرور للاختبار";

/// One person's machine: a library and a key file.
pub(super) struct Desk {
    env: Env,
}

impl Desk {
    pub(super) fn new(name: &str, role: &str) -> Desk {
        let desk = Desk { env: Env::new() };
        let key = desk.key_file();
        desk.json(&["profile", "init", "--name", name, "--role", role, "--key-file", key.to_str().unwrap()]);
        desk
    }

    fn key_file(&self) -> PathBuf {
        self.env.dir.path().join("private.key")
    }

    pub(super) fn path(&self, name: &str) -> PathBuf {
        self.env.dir.path().join(name)
    }

    pub(super) fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_qalam"))
            .arg("--library")
            .arg(self.env.library())
            .args(args)
            .env("QALAM_LANG", "en")
            .env("QALAM_KEY_PASSPHRASE", PASSPHRASE)
            .env_remove("QALAM_LIBRARY")
            .output()
            .unwrap()
    }

    pub(super) fn json(&self, args: &[&str]) -> Value {
        self.expect(args, 0)
    }

    /// Runs a verb that must be refused (exit 1) and returns its JSON error.
    pub(super) fn refused(&self, args: &[&str]) -> Value {
        self.expect(args, 1)
    }

    /// Runs a verb with `--json`, checks its exit code, and returns what it printed.
    pub(super) fn expect(&self, args: &[&str], code: i32) -> Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let out = self.run(&with_json);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub(super) fn status(&self, id: &str) -> Value {
        self.json(&["status", id])
    }

    /// Writes a hand-off of `id` and returns its path.
    pub(super) fn handoff(&self, id: &str, name: &str) -> PathBuf {
        let path = self.path(name);
        self.json(&["handoff", id, "--out", path.to_str().unwrap()]);
        path
    }

    pub(super) fn receive(&self, package: &Path) -> Value {
        self.json(&["import-package", package.to_str().unwrap()])
    }

    /// Replaces the working copy of `id` by its text with `edit` applied (as an editor of the file would).
    fn edit(&self, id: &str, edit: impl Fn(&str) -> String) {
        let out = self.run(&["show", id, "--format", "md"]);
        let text = edit(&String::from_utf8(out.stdout).unwrap());
        let file = self.path("edited.md");
        std::fs::write(&file, text).unwrap();
        self.json(&["import", file.to_str().unwrap()]);
    }

    fn roster(&self) -> PathBuf {
        let path = self.path("roster.json");
        if !path.exists() {
            self.json(&["roster", "export", "--out", path.to_str().unwrap()]);
        }
        path
    }
}

const STORY: &str = "---\ntitle: البرلمان يناقش الميزانية\ncategory: سياسة\nlanguage: ar\nhero:\n  src: images/hero.png\n  alt: قاعة البرلمان\n  credit: تصوير المحرر\n---\n\nناقش البرلمان اليوم مشروع الميزانية العامة، وقال رئيس اللجنة إن العجز سينخفض.\n\nوتتوقع الحكومة نموًا بنسبة ثلاثة في المئة.\n";

fn picture(path: &Path) {
    image::RgbImage::from_fn(900, 600, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])).save(path).unwrap();
}

/// A journalist with a story in their library, and an editor; each trusts the other's roster.
pub(super) fn newsroom() -> (Desk, Desk, String) {
    let journalist = Desk::new("ليلى حسن", "journalist");
    let editor = Desk::new("سامي نور", "editor");
    journalist.json(&["roster", "import", editor.roster().to_str().unwrap()]);
    editor.json(&["roster", "import", journalist.roster().to_str().unwrap()]);
    let folder = journalist.path("story");
    std::fs::create_dir_all(folder.join("images")).unwrap();
    picture(&folder.join("images/hero.png"));
    std::fs::write(folder.join("article.md"), STORY).unwrap();
    let imported = journalist.json(&["import", folder.join("article.md").to_str().unwrap()]);
    let id = imported[0]["id"].as_str().unwrap().to_string();
    (journalist, editor, id)
}

fn revision_count(desk: &Desk, id: &str) -> usize {
    desk.json(&["revisions", id]).as_array().unwrap().len()
}

#[test]
fn a_story_goes_from_writer_to_editor_and_back_to_approval_and_anyone_can_check_it() {
    let (journalist, editor, id) = newsroom();
    assert_eq!(journalist.json(&["submit", &id, "--note", "جاهز للمراجعة"])["to"], "submitted");
    let sent = journalist.handoff(&id, "to-editor.zip");
    let arrived = editor.receive(&sent);
    assert_eq!((arrived["text"].as_str(), arrived["events_added"].as_u64()), (Some("created"), Some(1)));
    assert_eq!(editor.status(&id)["status"], "submitted");
    // Sealed by the journalist, whose roster the editor trusts: named as the editor knows her.
    assert_eq!(
        (arrived["handed_by"]["name"].as_str(), arrived["handed_by"]["standing"].as_str()),
        (Some("ليلى حسن"), Some("trusted"))
    );
    let said = String::from_utf8(editor.run(&["import-package", sent.to_str().unwrap()]).stdout).unwrap();
    assert!(said.contains("handed over by ليلى حسن") && said.contains("the seal holds"), "{said}");

    // The editor reviews, comments on words, and asks for changes.
    assert_eq!(editor.json(&["start-review", &id])["to"], "in-review");
    let comment = editor.json(&["comment", &id, "--quote", "العجز سينخفض", "--text", "ما مصدر هذا الرقم؟"]);
    let thread = comment["comment"].as_str().unwrap().to_string();
    assert_eq!(editor.json(&["request-changes", &id, "--note", "أضف المصدر"])["to"], "changes-requested");
    let back = editor.handoff(&id, "to-journalist.zip");
    let returned = journalist.receive(&back);
    assert_eq!(returned["events_added"], 3, "{returned}");
    // The same package again changes nothing.
    let revisions = revision_count(&journalist, &id);
    assert_eq!(journalist.receive(&back)["events_added"], 0);
    assert_eq!(revision_count(&journalist, &id), revisions);
    assert_eq!(journalist.status(&id)["status"], "changes-requested");

    // The journalist edits around the commented words; the comment stays on them.
    let before = journalist.json(&["comments", &id])[0].clone();
    journalist.edit(&id, |text| {
        text.replace("ناقش البرلمان اليوم", "عاجل: ناقش البرلمان اليوم")
            .replace("سينخفض.", "سينخفض، بحسب تقرير وزارة المالية.")
    });
    let after = journalist.json(&["comments", &id])[0].clone();
    assert_eq!(after["id"], thread.as_str());
    assert_eq!(after["anchor"]["exact"], "العجز سينخفض");
    let shift = "عاجل: ".chars().count() as u64;
    assert_eq!(after["located"][0].as_u64().unwrap(), before["located"][0].as_u64().unwrap() + shift, "{after}");
    assert_eq!(after["located"][1].as_u64().unwrap(), before["located"][1].as_u64().unwrap() + shift);

    // Resubmit; the editor takes the new text, approves it, and exports it.
    assert_eq!(journalist.json(&["submit", &id])["to"], "submitted");
    let again = editor.receive(&journalist.handoff(&id, "to-editor-2.zip"));
    assert_eq!(again["text"], "updated", "{again}");
    editor.json(&["resolve", &id, &thread]);
    assert_eq!(editor.json(&["comments", &id])[0]["resolved"], true);
    editor.json(&["start-review", &id]);
    let approved = editor.json(&["approve", &id, "--note", "للنشر"]);
    assert_eq!(approved["to"], "approved");
    let package = editor.path("story.zip");
    editor.json(&["export", &id, "--out", package.to_str().unwrap(), "--accept-warnings"]);
    let ninjs: Value = serde_json::from_slice(&zip_file(&package, "article.ninjs.json")).unwrap();
    assert_eq!(ninjs["pubStatus"], "usable");

    // Anyone with the journalist's roster (which lists the editor) can check it, with no library.
    let anywhere = Env::new();
    let verified = verify(&anywhere, &package, Some(&journalist.roster()));
    assert_eq!(verified["approved"], true, "{verified}");
    assert_eq!(verified["approvals"][0]["by"], "سامي نور");
    assert_eq!(verified["approvals"][0]["revision"], approved["revision"]);

    // Both records are sound, and the journalist's, once it has the approval, matches.
    assert_eq!(editor.json(&["audit", &id])["sound"], true);
    journalist.receive(&editor.handoff(&id, "approved.zip"));
    let audit = journalist.json(&["audit", &id]);
    assert_eq!((audit["sound"].as_bool(), audit["events"].as_u64()), (Some(true), Some(8)), "{audit}");
    assert_eq!(journalist.status(&id)["status"], "approved");

    // Editing the approved story keeps the approval on its revision and sends it back to review.
    journalist.edit(&id, |text| text.replace("ثلاثة في المئة", "ثلاثة ونصف في المئة"));
    let state = journalist.status(&id);
    assert_eq!(state["status"], "in-review");
    assert_eq!(state["edited_since_approval"], true);
    assert_eq!(state["approval"]["revision"], approved["revision"]);
    let text = String::from_utf8(journalist.run(&["status", &id]).stdout).unwrap();
    assert!(text.contains(&format!("approved at r{} by سامي نور, edited since", approved["revision"])), "{text}");
}

#[test]
fn the_rules_refuse_with_their_reason_and_exit_1() {
    let (journalist, editor, id) = newsroom();
    let refused = journalist.refused(&["approve", &id]);
    assert_eq!(refused["error"]["code"], "refused");
    assert!(refused["error"]["message"].as_str().unwrap().contains("only editors may approve"), "{refused}");
    journalist.json(&["submit", &id]);
    editor.receive(&journalist.handoff(&id, "h.zip"));
    assert!(editor.refused(&["withdraw", &id])["error"]["message"].as_str().unwrap().contains("author"));
    // An editor approving a submitted story starts its review in the same step; approving it
    // again is refused with the state it is in.
    let approved = editor.json(&["approve", &id]);
    assert_eq!((approved["from"].as_str(), approved["to"].as_str()), (Some("submitted"), Some("approved")));
    assert!(editor.refused(&["approve", &id])["error"]["message"].as_str().unwrap().contains("approved"));
    // Arabic, too.
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(["--library", journalist.env.library().to_str().unwrap(), "--lang", "ar", "start-review", &id])
        .env("QALAM_KEY_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("بدء المراجعة للمحررين وحدهم"));
    // A quote that is not there, or there twice, is refused plainly.
    assert_eq!(
        editor.refused(&["comment", &id, "--quote", "غير موجود", "--text", "x"])["error"]["code"],
        "quote-not-found"
    );
    // A request for changes needs its note (usage: exit 2).
    assert_eq!(editor.run(&["request-changes", &id]).status.code(), Some(2));
    // A wrong passphrase is said as such.
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(["--library", editor.env.library().to_str().unwrap(), "--json", "start-review", &id])
        .env("QALAM_KEY_PASSPHRASE", "wrong")
        .env("QALAM_LANG", "en")
        .output()
        .unwrap();
    let error: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "wrong-passphrase", "{error}");
}

#[test]
fn when_both_sides_changed_the_text_both_are_kept_and_the_story_is_in_conflict() {
    let (journalist, editor, id) = newsroom();
    journalist.json(&["submit", &id]);
    editor.receive(&journalist.handoff(&id, "first.zip"));
    editor.edit(&id, |t| t.replace("مشروع الميزانية العامة", "مشروع الموازنة العامة"));
    journalist.edit(&id, |t| t.replace("نموًا بنسبة", "نموًا اقتصاديًا بنسبة"));
    let ours = String::from_utf8(editor.run(&["show", &id, "--format", "md"]).stdout).unwrap();
    let arrived = editor.receive(&journalist.handoff(&id, "second.zip"));
    assert_eq!(arrived["text"], "conflict", "{arrived}");
    assert_eq!(
        String::from_utf8(editor.run(&["show", &id, "--format", "md"]).stdout).unwrap(),
        ours,
        "nothing overwritten"
    );
    assert_eq!(editor.status(&id)["in_conflict"], true);
    // Not approved while two versions are kept: the approved text is the one both agreed on.
    let held = editor.refused(&["approve", &id]);
    assert!(held["error"]["message"].as_str().unwrap().contains("merge them before approving"), "{held}");
    let kinds: Vec<String> = editor
        .json(&["revisions", &id])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds[0], "incoming", "{kinds:?}");
}

fn verify(env: &Env, package: &Path, roster: Option<&Path>) -> Value {
    let mut args = vec!["verify".to_string(), package.display().to_string(), "--json".into()];
    if let Some(r) = roster {
        args.extend(["--roster".into(), r.display().to_string()]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_qalam"))
        .args(&args)
        .env("QALAM_LANG", "en")
        .env("QALAM_LIBRARY", env.dir.path().join("none.sqlite3"))
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = if value["approved"] == true { 0 } else { 1 };
    assert_eq!(out.status.code(), Some(expected), "{value}");
    assert!(!env.dir.path().join("none.sqlite3").exists(), "verify needs no library and makes none");
    value
}

fn zip_file(path: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

/// Every file of a package, in archive order.
fn read_files(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

fn write_files(path: &Path, files: Vec<(String, Vec<u8>)>) {
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// Rewrites a package with `change` applied to its files, and the manifest's listing made to
/// match (as a careful forger would), so that only the approval can tell.
fn tampered(from: &Path, to: &Path, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut files: Vec<(String, Vec<u8>)> = read_files(from)
        .into_iter()
        .map(|(name, bytes)| {
            let bytes = change(&name, bytes);
            (name, bytes)
        })
        .collect();
    let mut manifest: Value = serde_json::from_slice(&files[0].1).unwrap();
    for listed in manifest["files"].as_array_mut().unwrap() {
        let path = listed["path"].as_str().unwrap().to_string();
        let bytes = &files.iter().find(|(p, _)| *p == path).unwrap().1;
        listed["size"] = bytes.len().into();
        listed["sha256"] = qalam_core::hash::sha256_hex(bytes).into();
    }
    manifest["article"]["sha256"] = manifest["files"][0]["sha256"].clone();
    files[0].1 = serde_json::to_vec_pretty(&manifest).unwrap();
    write_files(to, files);
}

/// The editor approves story `id` and exports it: the approved package's path.
fn approved_package(editor: &Desk, id: &str) -> PathBuf {
    editor.json(&["start-review", id]);
    editor.json(&["approve", id]);
    let package = editor.path("approved.zip");
    editor.json(&["export", id, "--out", package.to_str().unwrap(), "--accept-warnings"]);
    package
}

#[test]
fn verify_says_exactly_why_a_package_is_not_approved() {
    let (journalist, editor, id) = newsroom();
    journalist.json(&["submit", &id]);
    editor.receive(&journalist.handoff(&id, "h.zip"));
    let package = approved_package(&editor, &id);
    let roster = journalist.roster();
    let anywhere = Env::new();
    let problem = |v: &Value| v["problem"]["problem"].as_str().unwrap_or("").to_string();
    assert_eq!(verify(&anywhere, &package, Some(&roster))["approved"], true);

    // No roster, no library: the key is unknown.
    assert_eq!(problem(&verify(&anywhere, &package, None)), "unknown-key");

    // The text changed after approval, listing and all.
    let forged = anywhere.dir.path().join("text.zip");
    tampered(&package, &forged, |path, bytes| match path {
        "article.md" => String::from_utf8(bytes).unwrap().replace("ثلاثة", "عشرة").into_bytes(),
        _ => bytes,
    });
    let v = verify(&anywhere, &forged, Some(&roster));
    assert_eq!((problem(&v), v["problem"]["path"].as_str()), ("text-changed".into(), Some("article.md")), "{v}");

    // A picture changed after approval.
    let forged = anywhere.dir.path().join("picture.zip");
    tampered(&package, &forged, |path, mut bytes| {
        if path.starts_with("images/") {
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
        }
        bytes
    });
    assert_eq!(problem(&verify(&anywhere, &forged, Some(&roster))), "picture-changed");

    // The approval itself altered (its note), re-listed: the signature no longer matches.
    let forged = anywhere.dir.path().join("signature.zip");
    tampered(&package, &forged, |path, bytes| match path {
        "approval.json" => {
            String::from_utf8(bytes).unwrap().replace("\\\"revision\\\":", "\\\"revision\\\": ").into_bytes()
        }
        _ => bytes,
    });
    assert_eq!(problem(&verify(&anywhere, &forged, Some(&roster))), "bad-signature");

    // A file changed without re-listing: the package's own check names it.
    let forged = anywhere.dir.path().join("unlisted.zip");
    let mut files = read_files(&package);
    files
        .iter_mut()
        .filter(|(name, _)| name == "article.md")
        .for_each(|(_, bytes)| bytes.extend_from_slice("\nسطر مدسوس\n".as_bytes()));
    write_files(&forged, files);
    let v = verify(&anywhere, &forged, Some(&roster));
    assert_eq!(problem(&v), "damaged");

    // An approval of an older revision carried by a newer package.
    editor.edit(&id, |t| t.replace("اليوم", "مساء اليوم"));
    assert_eq!(editor.status(&id)["status"], "in-review", "an edit takes the approval away");
    let later = editor.path("later.zip");
    editor.json(&["export", &id, "--out", later.to_str().unwrap(), "--accept-warnings"]);
    assert_eq!(problem(&verify(&anywhere, &later, Some(&roster))), "no-approval");
    let approval = zip_file(&package, "approval.json");
    let forged = anywhere.dir.path().join("older.zip");
    let with_approval = anywhere.dir.path().join("later-with-approval.zip");
    add_file(&later, &with_approval, "approval.json", &approval);
    tampered(&with_approval, &forged, |_, bytes| bytes);
    assert_eq!(problem(&verify(&anywhere, &forged, Some(&roster))), "older-revision");
}

/// Copies a package with one more file, listed in its manifest (size and hash left for
/// [`tampered`] to fill in).
fn add_file(from: &Path, to: &Path, name: &str, bytes: &[u8]) {
    let mut files = read_files(from);
    let mut manifest: Value = serde_json::from_slice(&files[0].1).unwrap();
    manifest["files"].as_array_mut().unwrap().push(serde_json::json!({ "path": name, "size": 0, "sha256": "" }));
    files[0].1 = serde_json::to_vec(&manifest).unwrap();
    files.push((name.to_string(), bytes.to_vec()));
    write_files(to, files);
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The seed's bytes as raw bytes, base64 and hex: none may appear in a file Qalam wrote.
pub fn assert_secret_nowhere(seed: &[u8], dirs: &[&Path]) {
    let forms: Vec<Vec<u8>> = vec![
        seed.to_vec(),
        base64::engine::general_purpose::STANDARD.encode(seed).into_bytes(),
        seed.iter().map(|b| format!("{b:02x}")).collect::<String>().into_bytes(),
    ];
    for dir in dirs {
        for file in files_under(dir) {
            let bytes = std::fs::read(&file).unwrap();
            for form in &forms {
                assert!(
                    !bytes.windows(form.len()).any(|w| w == form.as_slice()),
                    "the private key is in {}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn private_keys_appear_in_no_file_qalam_wrote() {
    let (journalist, editor, id) = newsroom();
    journalist.json(&["submit", &id]);
    editor.receive(&journalist.handoff(&id, "h.zip"));
    editor.json(&["start-review", &id]);
    editor.json(&["comment", &id, "--quote", "العجز سينخفض", "--text", "المصدر؟"]);
    editor.json(&["approve", &id]);
    let package = editor.path("p.zip");
    editor.json(&["export", &id, "--out", package.to_str().unwrap(), "--accept-warnings"]);
    journalist.receive(&editor.handoff(&id, "back.zip"));
    editor.json(&["backup"]);
    for desk in [&journalist, &editor] {
        let text = std::fs::read_to_string(desk.key_file()).unwrap();
        let seed = qalam_core::identity::key_file::open(&text, PASSPHRASE).unwrap().seed();
        assert_secret_nowhere(seed.as_ref(), &[journalist.env.dir.path(), editor.env.dir.path()]);
    }
}

#[test]
fn a_roster_signed_by_a_chief_vouches_for_the_approver_where_only_the_chief_is_known() {
    let (journalist, editor, id) = newsroom();
    let chief = Desk::new("رئيسة التحرير", "chief");
    // The chief's roster before she knew the editor: only herself. That is all a reader has.
    let chief_only = chief.path("chief-only.json");
    chief.json(&["roster", "export", "--out", chief_only.to_str().unwrap()]);
    chief.json(&["roster", "import", editor.roster().to_str().unwrap()]);
    let chief_and_editor = chief.path("chief-and-editor.json");
    chief.json(&["roster", "export", "--out", chief_and_editor.to_str().unwrap()]);
    editor.json(&["roster", "import", chief_and_editor.to_str().unwrap()]);

    journalist.json(&["submit", &id]);
    editor.receive(&journalist.handoff(&id, "h.zip"));
    editor.json(&["start-review", &id]);
    editor.json(&["approve", &id]);
    let package = editor.path("p.zip");
    editor.json(&["export", &id, "--out", package.to_str().unwrap(), "--accept-warnings"]);

    let anywhere = Env::new();
    let verified = verify(&anywhere, &package, Some(&chief_only));
    assert_eq!(verified["approved"], true, "the chief's roster in the package vouches for the editor: {verified}");
    // A roster that knows neither the chief nor the editor trusts nobody in the package.
    let stranger = Desk::new("غريب", "editor");
    let v = verify(&anywhere, &package, Some(&stranger.roster()));
    assert_eq!(v["problem"]["problem"], "unknown-key");
}

/// A review package with `extra` events appended to its record, re-listed as a careful forger
/// would, so that only the one rule can refuse it.
/// The hand-off at `from` with `extra` events appended to its record, written to `to` and sealed
/// again by `sealer` (as whoever made the change can; the receiver then knows it by that key).
fn with_events(from: &Path, to: &Path, extra: &[qalam_core::workflow::Event], sealer: (&KeyPair, &str)) {
    tampered(from, to, |path, bytes| {
        if path != "review/events.json" {
            return bytes;
        }
        let mut part: Value = serde_json::from_slice(&bytes).unwrap();
        for e in extra {
            part["events"].as_array_mut().unwrap().push(serde_json::to_value(e).unwrap());
        }
        serde_json::to_vec(&part).unwrap()
    });
    resealed(to, sealer.0, sealer.1);
}

/// Seals the hand-off at `path` again, with `keys` under the name `name`.
fn resealed(path: &Path, keys: &KeyPair, name: &str) {
    use qalam_core::identity::SecretStore;
    use qalam_core::library::{Profile, Signer};
    use qalam_core::package::seal::{seal, SEAL_PATH};
    let mut files = read_files(path);
    let manifest: Value = serde_json::from_slice(&files[0].1).unwrap();
    let id = manifest["article"]["id"].as_str().unwrap().to_string();
    let person = qalam_core::workflow::Person {
        name: name.into(),
        role: qalam_core::workflow::Role::Journalist,
        public_key: keys.public(),
        fingerprint: keys.fingerprint(),
    };
    let keys = KeyPair::from_seed(keys.seed().as_ref()).unwrap();
    let signer = Signer { profile: Profile { person, store: SecretStore::Keychain, created_at: 0 }, keys };
    let sealed = seal(&files[0].1, &id, &signer);
    files.iter_mut().find(|(p, _)| p == SEAL_PATH).unwrap().1 = sealed;
    write_files(path, files);
}

/// The last event of a review package's record, and the text hash its events name.
fn last_event(package: &Path) -> (qalam_core::workflow::Event, qalam_core::workflow::EventBody) {
    let part: Value = serde_json::from_slice(&zip_file(package, "review/events.json")).unwrap();
    let event: qalam_core::workflow::Event =
        serde_json::from_value(part["events"].as_array().unwrap().last().unwrap().clone()).unwrap();
    let body = event.read().unwrap();
    (event, body)
}

fn signed_after(
    after: &(qalam_core::workflow::Event, qalam_core::workflow::EventBody),
    keys: &qalam_core::identity::KeyPair,
    name: &str,
    action: qalam_core::workflow::Action,
    from: qalam_core::workflow::ArticleStatus,
    to: qalam_core::workflow::ArticleStatus,
) -> qalam_core::workflow::Event {
    let approve = action == qalam_core::workflow::Action::Approve;
    let body = qalam_core::workflow::EventBody {
        kind: qalam_core::workflow::EventKind::Transition(action),
        from,
        to,
        actor: keys.fingerprint(),
        actor_key: keys.public(),
        actor_name: name.into(),
        time: after.1.time + 1,
        prev: Some(after.0.hash()),
        package_hash: approve.then(|| "0".repeat(64)),
        package_files: approve.then(Vec::new),
        note: None,
        ..after.1.clone()
    };
    qalam_core::workflow::Event::sign(&body, keys)
}

#[test]
fn forged_handoffs_a_rewritten_ninjs_and_a_roster_that_changes_keys_are_refused_with_the_reason() {
    use qalam_core::workflow::{Action, ArticleStatus};
    let (journalist, editor, id) = newsroom();
    journalist.json(&["submit", &id]);
    let sent = journalist.handoff(&id, "h.zip");

    // An impostor's key, named as the trusted editor, starts a review and approves.
    let impostor = qalam_core::identity::KeyPair::generate();
    let submitted = last_event(&sent);
    let review = signed_after(
        &submitted,
        &impostor,
        "سامي نور",
        Action::StartReview,
        ArticleStatus::Submitted,
        ArticleStatus::InReview,
    );
    let approve = signed_after(
        &(review.clone(), review.read().unwrap()),
        &impostor,
        "سامي نور",
        Action::Approve,
        ArticleStatus::InReview,
        ArticleStatus::Approved,
    );
    let forged = journalist.path("forged.zip");
    // Changed on the way and not sealed again: refused whole, saying why.
    tampered(&sent, &forged, |path, bytes| match path {
        "article.md" => String::from_utf8(bytes).unwrap().replace("البرلمان", "الحكومة").into_bytes(),
        _ => bytes,
    });
    let out = journalist.run(&["import-package", forged.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains("the hand-off's seal does not hold: the package was changed after its sender sealed it"),
        "{said}"
    );
    std::fs::remove_file(&forged).unwrap();
    // The impostor seals what they made with their own key.
    with_events(&sent, &forged, &[review, approve], (&impostor, "سامي نور"));
    let out = journalist.run(&["import-package", forged.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let taken: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(taken["not_counting"].as_array().unwrap().len(), 2, "{taken}");
    assert_eq!(taken["not_counting"][0]["why"]["why"], "unknown-key");
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("event 2 does not count here") && said.contains("claims to be «سامي نور»"), "{said}");
    let state = journalist.status(&id);
    assert_eq!(state["status"], "submitted");
    assert!(state["approval"].is_null());
    let audit = journalist.expect(&["audit", &id], 1);
    assert_eq!(audit["sound"], false);
    let text = String::from_utf8(journalist.run(&["status", &id]).stdout).unwrap();
    assert!(text.contains("«سامي نور»?") && text.contains("does not count: signed by a key not known here"), "{text}");

    // A comment claiming a state, signed by the journalist herself, in a hand-off to the editor.
    let mut comment = signed_after(
        &submitted,
        &journalist_keys(&journalist),
        "ليلى حسن",
        Action::Submit,
        ArticleStatus::Submitted,
        ArticleStatus::Published,
    );
    let mut body = comment.read().unwrap();
    body.kind = qalam_core::workflow::EventKind::Comment(qalam_core::workflow::event::CommentChange {
        op: qalam_core::workflow::event::CommentOp::Reply,
        thread: "x".into(),
        anchor: None,
        text: Some("نشرتها".into()),
    });
    comment = qalam_core::workflow::Event::sign(&body, &journalist_keys(&journalist));
    let forged = journalist.path("comment.zip");
    with_events(&sent, &forged, &[comment], (&journalist_keys(&journalist), "ليلى حسن"));
    let taken = editor.receive(&forged);
    assert_eq!(taken["not_counting"][0]["why"]["why"], "comment-with-state", "{taken}");
    assert_eq!(editor.status(&id)["status"], "submitted");

    // An approved package whose ninjs document was rewritten, or which carries one more listed
    // file: not approved, and verify names the file.
    let package = approved_package(&editor, &id);
    let roster = journalist.roster();
    let anywhere = Env::new();
    assert_eq!(verify(&anywhere, &package, Some(&roster))["approved"], true);
    let rewritten = anywhere.dir.path().join("ninjs.zip");
    tampered(&package, &rewritten, |path, bytes| match path {
        "article.ninjs.json" => String::from_utf8(bytes).unwrap().replace("البرلمان", "الحكومة").into_bytes(),
        _ => bytes,
    });
    let v = verify(&anywhere, &rewritten, Some(&roster));
    assert_eq!(
        (v["problem"]["problem"].as_str(), v["problem"]["path"].as_str()),
        (Some("text-changed"), Some("article.ninjs.json")),
        "{v}"
    );
    let extra = anywhere.dir.path().join("extra.zip");
    let with_extra = anywhere.dir.path().join("extra-listed.zip");
    add_file(&package, &with_extra, "notes.txt", b"not approved");
    tampered(&with_extra, &extra, |_, bytes| bytes);
    let v = verify(&anywhere, &extra, Some(&roster));
    assert_eq!(
        (v["problem"]["problem"].as_str(), v["problem"]["path"].as_str()),
        (Some("other-file-changed"), Some("notes.txt")),
        "{v}"
    );

    // A roster that gives the trusted editor another key: refused until the user accepts it.
    let other = Desk::new("سامي نور", "chief");
    let refused = journalist.refused(&["roster", "import", other.roster().to_str().unwrap()]);
    assert_eq!(refused["error"]["code"], "roster-changes", "{refused}");
    let text =
        String::from_utf8(journalist.run(&["roster", "import", other.roster().to_str().unwrap()]).stderr).unwrap();
    assert!(text.contains("--accept-changes") && text.contains("another key"), "{text}");
    journalist.json(&["roster", "import", other.roster().to_str().unwrap(), "--accept-changes"]);
}

/// The journalist's key, read back from her sealed key file.
fn journalist_keys(desk: &Desk) -> qalam_core::identity::KeyPair {
    let lib = qalam_core::library::Library::open(&desk.env.library()).unwrap();
    lib.signer(Some(PASSPHRASE)).unwrap().keys
}
