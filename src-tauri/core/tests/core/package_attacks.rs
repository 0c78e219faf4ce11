//! Hostile packages: each is refused with its own reason, before anything reaches the library.

use std::io::Write;

use qalam_core::library::{IfExists, Library, ListFilter};
use qalam_core::package::manifest::{FileEntry, Manifest};
use qalam_core::package::{read_package, PackageError, Refusal};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use crate::packages::{accepting, export, seed_with_photos};
use crate::support::{pixel_bomb, temp_library};

/// The files of a good package exported from the seed with its photos.
fn good_files() -> Vec<(String, Vec<u8>)> {
    static FILES: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    FILES
        .get_or_init(|| {
            let (_dir, mut lib) = temp_library();
            let (id, _, _) = seed_with_photos(&mut lib);
            export(&mut lib, &id, &accepting()).unwrap().files
        })
        .clone()
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in files {
        zip.start_file(path.as_str(), SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Rewrites manifest.json so that it lists `files` truly (the attack is then in what they are).
fn relist(files: &mut [(String, Vec<u8>)]) {
    let mut manifest: Manifest = serde_json::from_slice(&files[0].1).unwrap();
    manifest.files = files[1..].iter().map(|(p, b)| FileEntry::of(p, b)).collect();
    files[0].1 = serde_json::to_vec(&manifest).unwrap();
}

/// Sets the uncompressed size an archive declares for `name`, in its local header and its
/// central directory entry, leaving the data as it is.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let name = name.as_bytes();
    let mut patched = 0;
    for i in 0..zip.len().saturating_sub(46) {
        let (size_at, name_len_at, name_at) = match &zip[i..i + 4] {
            [0x50, 0x4B, 0x03, 0x04] => (i + 22, i + 26, i + 30),
            [0x50, 0x4B, 0x01, 0x02] => (i + 24, i + 28, i + 46),
            _ => continue,
        };
        let len = u16::from_le_bytes([zip[name_len_at], zip[name_len_at + 1]]) as usize;
        if zip.get(name_at..name_at + len) == Some(name) {
            zip[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "both headers of {name:?} patched");
}

/// Tries to import `bytes` into a new library and returns why it was refused, after checking
/// that nothing at all was written.
fn refusal(bytes: &[u8]) -> Refusal {
    let (dir, mut lib) = temp_library();
    let before = folder_listing(dir.path());
    let result =
        read_package(bytes).and_then(|p| Ok(qalam_core::package::import_package(&mut lib, &p, IfExists::KeepBoth)?));
    let err = result.expect_err("the package must be refused");
    assert!(nothing_in(&lib), "the library stays empty");
    drop(lib);
    assert_eq!(folder_listing(dir.path()), before, "no file was written");
    match err {
        PackageError::Refused(r) => r,
        other => panic!("refused for the wrong reason: {other}"),
    }
}

fn nothing_in(lib: &Library) -> bool {
    lib.list(ListFilter::Active).unwrap().is_empty() && lib.list(ListFilter::Trash).unwrap().is_empty()
}

fn folder_listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_good_package_itself_is_accepted() {
    assert!(read_package(&zip_of(&good_files())).is_ok());
}

#[test]
fn paths_that_leave_the_package_are_refused() {
    for evil in ["../evil.txt", "images/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt", "images\\..\\evil.txt"] {
        let mut files = good_files();
        files.push((evil.to_string(), b"pwned".to_vec()));
        relist(&mut files);
        assert_eq!(refusal(&zip_of(&files)), Refusal::BadPath(evil.to_string()), "{evil}");
    }
}

#[test]
fn links_are_refused() {
    let files = good_files();
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (path, bytes) in &files {
        zip.start_file(path.as_str(), SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.add_symlink("images/passwd.jpg", "/etc/passwd", SimpleFileOptions::default()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(refusal(&bytes), Refusal::Link("images/passwd.jpg".into()));
}

#[test]
fn a_zip_bomb_is_refused_from_its_declared_size_or_when_it_overflows_it() {
    // Declares 3.75 GiB: refused from the central directory, before inflating a byte.
    let mut files = good_files();
    files.push(("images/bomb.jpg".into(), vec![0; 1 << 20]));
    relist(&mut files);
    let mut zip = zip_of(&files);
    declare_size(&mut zip, "images/bomb.jpg", 0xF000_0000);
    assert!(matches!(refusal(&zip), Refusal::TooLarge { .. }));

    // Lies: declares 1 KiB but inflates to 32 MiB. Reading stops one byte past the declared size.
    let mut files = good_files();
    files.push(("images/bomb.jpg".into(), vec![0; 32 << 20]));
    relist(&mut files);
    let mut zip = zip_of(&files);
    declare_size(&mut zip, "images/bomb.jpg", 1024);
    let reason = refusal(&zip);
    assert!(
        matches!(reason, Refusal::SizeMismatch { listed: 1024, actual: 1025, .. } | Refusal::Unreadable { .. }),
        "{reason:?}"
    );
}

#[test]
fn too_many_files_are_refused_before_reading_them() {
    let mut files = good_files();
    files.extend((0..1000).map(|i| (format!("images/x{i}.txt"), Vec::new())));
    relist(&mut files);
    assert!(matches!(refusal(&zip_of(&files)), Refusal::TooManyFiles { count: 1010, max: 1000 }));
}

#[test]
fn a_pixel_bomb_is_refused_from_its_header() {
    let mut files = good_files();
    let hero = files.iter_mut().find(|(p, _)| p == "images/hero-1600.jpg").unwrap();
    hero.1 = pixel_bomb();
    relist(&mut files);
    let reason = refusal(&zip_of(&files));
    assert!(
        matches!(&reason, Refusal::BadImage { path, reason } if path == "images/hero-1600.jpg" && reason.contains("100000×100000")),
        "{reason:?}"
    );
}

#[test]
fn a_changed_file_a_missing_manifest_and_unlisted_or_missing_files_are_refused() {
    let mut files = good_files();
    let html = files.iter_mut().find(|(p, _)| p == "article.html").unwrap();
    html.1[100] ^= 0x20;
    assert_eq!(refusal(&zip_of(&files)), Refusal::HashMismatch { path: "article.html".into() });

    let files = good_files();
    assert_eq!(refusal(&zip_of(&files[1..])), Refusal::NoManifest);

    let mut files = good_files();
    files.push(("images/extra.jpg".into(), b"x".to_vec()));
    assert_eq!(refusal(&zip_of(&files)), Refusal::Unlisted("images/extra.jpg".into()));

    let mut files = good_files();
    files.retain(|(p, _)| p != "images/hero-400.jpg");
    assert_eq!(refusal(&zip_of(&files)), Refusal::Missing("images/hero-400.jpg".into()));

    assert!(matches!(refusal(b"PK\x03\x04 not really a zip"), Refusal::NotAZip(_)));
    let mut files = good_files();
    let mut manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    manifest["format_version"] = 99.into();
    files[0].1 = serde_json::to_vec(&manifest).unwrap();
    assert_eq!(refusal(&zip_of(&files)), Refusal::TooNew { found: 99, supported: 1 });
}

#[test]
fn a_name_that_appears_twice_in_the_archive_is_refused_whichever_comes_first() {
    // A tampered article.md before the real one: the zip reader keeps one of them, and another
    // program could read the other. Written under a name of the same length, then renamed in place.
    let mut files = good_files();
    let article = files.iter().position(|(p, _)| p == "article.md").unwrap();
    let tampered = (String::from("article.mX"), b"---\ntitle: text nobody approved\n---\n\nx\n".to_vec());
    files.insert(article, tampered);
    let mut zip = zip_of(&files);
    let (from, to) = (b"article.mX", b"article.md");
    let mut renamed = 0;
    for i in 0..zip.len() - from.len() {
        if &zip[i..i + from.len()] == from {
            zip[i..i + to.len()].copy_from_slice(to);
            renamed += 1;
        }
    }
    assert_eq!(renamed, 2, "its local header and its directory entry");
    match read_package(&zip) {
        Err(PackageError::Refused(Refusal::Duplicate(_) | Refusal::NamedTwice)) => {}
        other => panic!("a doubled name must be refused: {other:?}"),
    }
}

#[test]
fn a_public_life_with_too_many_corrections_or_an_empty_note_is_refused() {
    let many: Vec<serde_json::Value> =
        (0..=qalam_core::publish::life::MAX_CORRECTIONS).map(|i| serde_json::json!({"time": i, "note": "x"})).collect();
    for life in [
        serde_json::json!({ "corrections": many }),
        serde_json::json!({ "corrections": [{"time": 1, "note": " "}] }),
        serde_json::json!({ "corrections": [], "claims": "unknown field" }),
    ] {
        let mut files = good_files();
        files.push(("public-life.json".into(), serde_json::to_vec(&life).unwrap()));
        relist(&mut files);
        let refused = read_package(&zip_of(&files)).unwrap_err().to_string();
        assert!(refused.contains("public-life.json"), "{refused}");
    }
}
