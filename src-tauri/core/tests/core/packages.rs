//! Packages exported from the seed article with real photographs: every file checked (manifest
//! hashes, ninjs against the IPTC schema, HTML with the Nu checker, pictures read back with an EXIF
//! reader), byte-identical re-export, and the way back in.

use std::io::Cursor;
use std::sync::atomic::AtomicBool;

use qalam_core::article::{parse, Block, Hero};
use qalam_core::check::Finding;
use qalam_core::hash::sha256_hex;
use qalam_core::library::{IfExists, Library};
use qalam_core::package::{export_package, read_package, ExportControl, ExportOptions, Package, PackageError};

use crate::photo::{photo_jpeg, CAMERA_MAKE};
use crate::support::{seed_article, temp_library};

pub fn no_progress() -> impl Fn(usize, usize) + Sync {
    |_, _| {}
}

pub fn export(lib: &mut Library, id: &str, options: &ExportOptions) -> Result<Package, PackageError> {
    let cancel = AtomicBool::new(false);
    export_package(lib, id, options, &ExportControl { progress: &no_progress(), cancel: &cancel })
}

pub fn accepting() -> ExportOptions {
    ExportOptions { accept_warnings: true, ..ExportOptions::default() }
}

/// The seed article in a new library with a lead photo (3000×2000 stored, EXIF orientation 6:
/// shown 2000×3000) and a body photo after the first paragraph; returns its id and the photos.
pub fn seed_with_photos(lib: &mut Library) -> (String, Vec<u8>, Vec<u8>) {
    static PHOTOS: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    let (hero_bytes, body_bytes) =
        PHOTOS.get_or_init(|| (photo_jpeg(3000, 2000, 6, true), photo_jpeg(1200, 800, 1, false))).clone();
    let hero = lib.add_image(&hero_bytes, "hero.jpg").unwrap();
    let body = lib.add_image(&body_bytes, "street.jpg").unwrap();
    let mut article = seed_article();
    article.meta.hero = Some(Hero {
        src: hero.src,
        alt: Some("رتل عسكري على طريق صحراوي".into()),
        caption: Some("رتل أميركي قرب الحدود".into()),
        credit: Some("انفوبلس".into()),
    });
    article.body.insert(
        1,
        Block::Image {
            alt: "شارع في الأنبار".into(),
            src: body.src,
            caption: "الأنبار، نيسان 2025".into(),
            credit: "رويترز".into(),
        },
    );
    let (id, _) = lib.import(&article).unwrap();
    (id, hero_bytes, body_bytes)
}

fn file<'p>(package: &'p Package, path: &str) -> &'p [u8] {
    &package.files.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("{path} in the package")).1
}

/// The chroma sampling of a baseline JPEG, per component, from its SOF0 segment.
fn sampling_factors(jpeg: &[u8]) -> Vec<u8> {
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline JPEG");
    let components = jpeg[sof + 9] as usize;
    (0..components).map(|c| jpeg[sof + 11 + 3 * c]).collect()
}

#[test]
fn the_test_photo_really_carries_gps_and_orientation() {
    let photo = photo_jpeg(300, 200, 6, true);
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&photo)).expect("EXIF present");
    assert!(exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY).is_some());
    assert!(exif.get_field(exif::Tag::Make, exif::In::PRIMARY).is_some());
    let orientation = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY).unwrap();
    assert_eq!(orientation.value.get_uint(0), Some(6));
}

#[test]
fn a_package_of_the_seed_holds_every_part_and_no_metadata() {
    let (_dir, mut lib) = temp_library();
    let (id, _, _) = seed_with_photos(&mut lib);
    let package = export(&mut lib, &id, &accepting()).unwrap();

    let paths: Vec<&str> = package.files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "manifest.json",
            "article.md",
            "article.html",
            "article.ninjs.json",
            "images/hero-1600.jpg",
            "images/hero-400.jpg",
            "images/hero-800.jpg",
            "images/image-1-1200.jpg",
            "images/image-1-400.jpg",
            "images/image-1-800.jpg",
        ]
    );
    assert!(package.name.starts_with("قوات-أميركية-تغادر-سوريا") && package.name.ends_with("-r1"), "{}", package.name);

    // The manifest lists every other file with its true size and hash.
    let manifest: serde_json::Value = serde_json::from_slice(file(&package, "manifest.json")).unwrap();
    assert_eq!(manifest["format"], "qalam-package");
    assert_eq!(manifest["article"]["id"], id.as_str());
    assert_eq!(manifest["article"]["revision"], 1);
    assert_eq!(manifest["article"]["sha256"], sha256_hex(file(&package, "article.md")));
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len(), package.files.len() - 1);
    for entry in listed {
        let bytes = file(&package, entry["path"].as_str().unwrap());
        assert_eq!(entry["size"], bytes.len() as u64);
        assert_eq!(entry["sha256"], sha256_hex(bytes));
    }
    assert_eq!(manifest["images"][0]["credit"], "انفوبلس");
    assert_eq!(manifest["images"][1]["caption"], "الأنبار، نيسان 2025");
    assert_eq!(manifest["images"][1]["credit"], "رويترز", "a body picture's credit travels too");

    // article.md: the seed with its pictures pointing inside the package.
    let exported = parse(std::str::from_utf8(file(&package, "article.md")).unwrap()).unwrap();
    let mut expected = seed_article();
    expected.meta.id = Some(id.clone());
    assert_eq!(exported.meta.hero.as_ref().unwrap().src, "images/hero-1600.jpg");
    assert!(matches!(&exported.body[1], Block::Image { src, .. } if src == "images/image-1-1200.jpg"));
    let mut without_pictures = exported.clone();
    without_pictures.meta.hero = None;
    without_pictures.body.remove(1);
    assert_eq!(without_pictures, expected, "every part of the seed is in the package");

    // Renditions: the right sizes, rotated as shown, 4:2:0, and not a byte of metadata.
    for (path, want) in [
        ("images/hero-1600.jpg", (1600, 2400)),
        ("images/hero-800.jpg", (800, 1200)),
        ("images/hero-400.jpg", (400, 600)),
        ("images/image-1-1200.jpg", (1200, 800)),
        ("images/image-1-800.jpg", (800, 533)),
        ("images/image-1-400.jpg", (400, 267)),
    ] {
        let bytes = file(&package, path);
        let picture = image::load_from_memory(bytes).unwrap().into_rgb8();
        assert_eq!(picture.dimensions(), want, "{path}");
        assert_eq!(sampling_factors(bytes), [0x22, 0x11, 0x11], "{path} is 4:2:0");
        assert!(exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).is_err(), "{path} has EXIF");
        let raw = String::from_utf8_lossy(bytes);
        assert!(!raw.contains("Exif") && !raw.contains(CAMERA_MAKE), "{path} carries metadata");
        if path.starts_with("images/hero") {
            // Stored top-left red, orientation 6 (turn 90° clockwise): red is now top-right.
            let (w, h) = picture.dimensions();
            let top_right = picture.get_pixel(w * 3 / 4, h / 4);
            let top_left = picture.get_pixel(w / 4, h / 4);
            assert!(top_right[0] > 200 && top_right[1] < 60, "{path}: top-right is {top_right:?}");
            assert!(top_left[1] > 60, "{path}: top-left is {top_left:?}");
        }
    }

    // The same article and revision export to the same bytes.
    let again = export(&mut lib, &id, &accepting()).unwrap();
    assert_eq!(again.zip_bytes().unwrap(), package.zip_bytes().unwrap());
    assert_eq!(lib.revision_count(&id).unwrap(), 1, "an unchanged article adds no revision");
}

/// The ninjs schema refers to the GeoJSON schema on the web for `places[].geometry`, which
/// Qalam never writes; with no network here, that one reference resolves to an empty schema.
struct GeoJsonOffline;

impl jsonschema::Retrieve for GeoJsonOffline {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().starts_with("https://geojson.org/") {
            Ok(serde_json::json!({}))
        } else {
            Err(format!("no offline copy of {}", uri.as_str()).into())
        }
    }
}

fn validator_without_formats(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::options().with_retriever(GeoJsonOffline).build(schema).unwrap()
}

#[test]
fn the_ninjs_document_is_valid_ninjs_3_1_and_says_what_the_article_says() {
    let (_dir, mut lib) = temp_library();
    let (id, _, _) = seed_with_photos(&mut lib);
    let package = export(&mut lib, &id, &accepting()).unwrap();
    let ninjs: serde_json::Value = serde_json::from_slice(file(&package, "article.ninjs.json")).unwrap();
    let schema_path = crate::support::repo_path("tests/schemas/ninjs-schema_3.1.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator =
        jsonschema::options().should_validate_formats(true).with_retriever(GeoJsonOffline).build(&schema).unwrap();
    // Formats are asserted too, with one exception by design: a rendition's `href` is a path
    // inside the package (relative, hence not an absolute "uri"), as the package asks for. In
    // JSON Schema 2020-12 `format` is an annotation, so the document is valid as it stands.
    assert!(validator_without_formats(&schema).is_valid(&ninjs));
    let errors: Vec<String> = validator
        .iter_errors(&ninjs)
        .filter(|e| {
            let at = e.instance_path().to_string();
            let inside = ninjs.pointer(&at).and_then(|v| v.as_str()).is_some_and(|v| v.starts_with("images/"));
            !(at.contains("/renditions/") && at.ends_with("/href") && inside)
        })
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    assert_eq!(ninjs["uri"], format!("urn:qalam:article:{id}"));
    assert_eq!(ninjs["type"], "text");
    assert_eq!(ninjs["language"], "ar");
    assert_eq!(ninjs["headlines"][0]["value"], seed_article().meta.title);
    assert_eq!(ninjs["located"], "انفوبلس/..");
    let subjects: Vec<&str> =
        ninjs["subjects"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(subjects, ["سياسة", "العراق", "سوريا", "عين الأسد"]);
    let bodies = ninjs["bodies"].as_array().unwrap();
    assert_eq!(bodies[0]["contentType"], "text/html");
    assert_eq!(bodies[1]["contentType"], "text/plain");
    assert!(bodies[1]["wordCount"].as_u64().unwrap() > 500);
    let hero = &ninjs["associations"][0];
    assert_eq!(hero["type"], "picture");
    assert_eq!(hero["by"], "انفوبلس");
    for r in hero["renditions"].as_array().unwrap() {
        let bytes = file(&package, r["href"].as_str().unwrap());
        assert_eq!(r["sizeInBytes"], bytes.len() as u64);
        assert_eq!(r["contentType"], "image/jpeg");
    }
}

/// The Nu HTML Checker (the `vnu-jar` package the UI's npm install brings) finds no error.
#[test]
fn the_html_page_passes_the_nu_checker_and_shows_the_parts_in_order() {
    let (dir, mut lib) = temp_library();
    let (id, _, _) = seed_with_photos(&mut lib);
    let package = export(&mut lib, &id, &accepting()).unwrap();
    let html = std::str::from_utf8(file(&package, "article.html")).unwrap();
    let mut at = 0;
    for part in [
        "<html lang=\"ar\" dir=\"rtl\">",
        "<p class=\"kicker\">تجاهل اتفاقات الانسحاب</p>",
        "<h1>قوات أميركية",
        "<time datetime=\"2025-04-20\">20 نيسان 2025</time>",
        "انفوبلس/..",
        "<img src=\"images/hero-1600.jpg\" alt=\"رتل عسكري على طريق صحراوي\">",
        "<span class=\"credit\">انفوبلس</span>",
        "<img src=\"images/image-1-1200.jpg\"",
        "<h2 dir=\"auto\">تمركُز مفاجئ</h2>",
        "class=\"pullquote\"",
        "class=\"related-stories\"",
        "مرشح رئاسي يعرض ولاءه لواشنطن",
    ] {
        let found = html[at..].find(part).unwrap_or_else(|| panic!("`{part}` after byte {at}"));
        at += found + part.len();
    }
    assert!(!html.contains("http://") || !html.contains("<link"), "no remote resources");
    assert!(!html.contains("<script"), "no script");

    let vnu = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(vnu.exists(), "{} is missing: run npm ci in ui/", vnu.display());
    let page = dir.path().join("article.html");
    std::fs::write(&page, html).unwrap();
    let out = std::process::Command::new("java")
        .args(["-jar", vnu.to_str().unwrap(), "--errors-only", "--format", "text", page.to_str().unwrap()])
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the Nu checker found errors:\n{report}");
}

#[test]
fn originals_travel_only_when_asked() {
    let (_dir, mut lib) = temp_library();
    let (id, hero, _) = seed_with_photos(&mut lib);
    let package = export(&mut lib, &id, &ExportOptions { include_originals: true, ..accepting() }).unwrap();
    assert_eq!(file(&package, "images/hero-original.jpg"), hero.as_slice());
    let manifest = &package.manifest.images[0];
    assert_eq!(manifest.original.as_ref().unwrap().path, "images/hero-original.jpg");
}

fn codes(findings: &[Finding]) -> Vec<(usize, &'static str)> {
    findings.iter().map(|f| (f.line, f.kind.code())).collect()
}

#[test]
fn errors_block_the_export_with_their_place_and_warnings_must_be_accepted() {
    let (_dir, mut lib) = temp_library();
    let src =
        "---\ntitle: خبر\nhero:\n  src: images/missing.jpg\n---\n\nنص الخبر.\n\n![صورة](https://example.org/x.jpg)\n";
    let (id, _) = lib.import(&parse(src).unwrap()).unwrap();
    let err = export(&mut lib, &id, &accepting()).unwrap_err();
    assert_eq!(lib.revision_count(&id).unwrap(), 1, "a refused export records no revision");
    let PackageError::NotReady(findings) = &err else { panic!("{err}") };
    let codes = codes(findings);
    for expected in ["missing-category", "hero-alt", "missing-image"] {
        assert!(codes.iter().any(|(_, c)| *c == expected), "{expected} not in {codes:?}");
    }
    // Each missing picture is pointed out on the line of the stored text that names it.
    let stored = lib.load(&id).unwrap().markdown;
    let line = |n: usize| stored.lines().nth(n - 1).unwrap_or_default().to_string();
    let missing: Vec<String> = codes.iter().filter(|(_, c)| *c == "missing-image").map(|(n, _)| line(*n)).collect();
    assert_eq!(missing.len(), 2, "{codes:?}");
    assert!(
        missing[0].contains("images/missing.jpg") && missing[1].contains("https://example.org/x.jpg"),
        "{missing:?}"
    );
    assert!(findings.iter().any(|f| f.field.as_deref() == Some("hero")), "the hero's field is named");

    let (id, _) = lib.import(&parse("---\ntitle: خبر\ncategory: سياسة\n---\n\nنص  الخبر.\n").unwrap()).unwrap();
    let err = export(&mut lib, &id, &ExportOptions::default()).unwrap_err();
    assert!(matches!(&err, PackageError::UnacceptedWarnings(w) if w[0].kind.code() == "double-space"), "{err}");
    assert!(export(&mut lib, &id, &accepting()).is_ok(), "accepted warnings do not block");
}

#[test]
fn a_cancelled_export_stops_with_nothing_made() {
    let (_dir, mut lib) = temp_library();
    let (id, _, _) = seed_with_photos(&mut lib);
    let cancel = AtomicBool::new(false);
    let progress = |done: usize, _total: usize| {
        if done >= 1 {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let result = export_package(&mut lib, &id, &accepting(), &ExportControl { progress: &progress, cancel: &cancel });
    assert!(matches!(result, Err(PackageError::Cancelled)), "{result:?}");
}

#[test]
fn writing_a_zip_or_a_folder_never_overwrites() {
    let (dir, mut lib) = temp_library();
    let (id, _, _) = seed_with_photos(&mut lib);
    let package = export(&mut lib, &id, &accepting()).unwrap();
    let zip_path = dir.path().join(format!("{}.zip", package.name));
    let hash = package.write_zip(&zip_path).unwrap();
    assert_eq!(hash, sha256_hex(&std::fs::read(&zip_path).unwrap()));
    assert!(matches!(package.write_zip(&zip_path), Err(PackageError::Exists { .. })));

    let folder = dir.path().join("tree");
    package.write_folder(&folder).unwrap();
    for (path, bytes) in &package.files {
        assert_eq!(&std::fs::read(folder.join(path)).unwrap(), bytes, "{path}");
    }
    assert!(matches!(package.write_folder(&folder), Err(PackageError::Exists { .. })));
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains(".partial-")), "no partial files left: {names:?}");
}

#[test]
fn a_package_comes_back_whole_and_an_existing_article_is_never_overwritten_silently() {
    let (_a, mut from) = temp_library();
    let (id, hero, _) = seed_with_photos(&mut from);
    let zip =
        export(&mut from, &id, &ExportOptions { include_originals: true, ..accepting() }).unwrap().zip_bytes().unwrap();

    let (_b, mut to) = temp_library();
    let package = read_package(&zip).unwrap();
    let imported = qalam_core::package::import_package(&mut to, &package, IfExists::Ask).unwrap();
    assert_eq!(imported.id, id, "the article keeps its id");
    let stored = to.load(&id).unwrap();
    let hero_src = &stored.article.meta.hero.as_ref().unwrap().src;
    assert!(hero_src.starts_with("assets/"), "{hero_src}");
    assert_eq!(to.image(hero_src).unwrap().0, hero, "the original came back byte for byte");
    let Block::Image { src, .. } = &stored.article.body[1] else { panic!("body image kept") };
    assert!(to.image(src).is_ok(), "the body picture is in the library");
    let mut expected = seed_article();
    let mut got = stored.article.clone();
    got.meta.hero = None;
    got.body.remove(1);
    expected.meta.id = None;
    got.meta.id = None;
    assert_eq!(got, expected);

    let err = qalam_core::package::import_package(&mut to, &package, IfExists::Ask).unwrap_err();
    assert_eq!(err.code(), "already-exists", "{err}");
    let both = qalam_core::package::import_package(&mut to, &package, IfExists::KeepBoth).unwrap();
    assert_ne!(both.id, id);
    assert_eq!(to.list(qalam_core::library::ListFilter::Active).unwrap().len(), 2);
    let revisions_before = to.revision_count(&id).unwrap();
    qalam_core::package::import_package(&mut to, &package, IfExists::Replace).unwrap();
    assert_eq!(to.revision_count(&id).unwrap(), revisions_before, "replacing with the same text adds nothing");
}
