//! Delivering 50 articles with three pictures each to a real WordPress on loopback
//! (tests/wordpress/site.sh), against the same uploads and post made by reqwest alone, in the
//! same run, article by article in turn: p50 and p99 per article on each side, and their ratio
//! (goal ≤ 1.3×). Prints its figures; run with `cargo bench -p qalam-deliver`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use qalam_core::check::CheckSettings;
use qalam_core::library::{Destination, LibraryLocation, PostStatus, Target};
use qalam_core::package::deliverable::open_deliverable;
use qalam_core::publish::gutenberg::Media;
use qalam_core::publish::post::post_fields;
use qalam_deliver::queue::queue;
use qalam_deliver::wordpress::client::WpClient;
use qalam_deliver::wordpress::deliver::{deliver, Site};
use serde_json::{json, Value};

const ARTICLES: usize = 50;

fn site_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/wordpress/site.sh")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn picture(seed: usize, shade: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(1600, 1000, |x, y| {
        image::Rgb([((x + seed as u32 * 7) % 256) as u8, ((y * 3 + seed as u32) % 256) as u8, shade])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("site");
    let started = Command::new("bash").arg(site_script()).arg("start").arg(&site_dir).output().unwrap();
    assert!(started.status.success(), "{}", String::from_utf8_lossy(&started.stderr));
    let env = std::fs::read_to_string(site_dir.join("site.env")).unwrap();
    let get = |key: &str| {
        env.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap().trim_matches('\'').to_string()
    };
    let (url, password) = (get("WP_URL"), get("WP_ADMIN_PASSWORD"));
    let result = std::panic::catch_unwind(|| run(dir.path(), &url, &password));
    Command::new("bash").arg(site_script()).arg("stop").arg(&site_dir).output().unwrap();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

fn run(dir: &std::path::Path, url: &str, password: &str) {
    let mut library = LibraryLocation::Named(dir.join("lib.sqlite3")).open_or_create().unwrap();
    let target = Target {
        name: "bench".into(),
        destination: Destination::Wordpress { url: url.into(), user: "admin".into() },
        default_status: PostStatus::Draft,
        categories: Default::default(),
        created_at: 0,
    };
    library.add_target(&target).unwrap();
    let mut ids = Vec::new();
    for i in 0..ARTICLES {
        let pictures: Vec<String> =
            (0..3).map(|k| library.add_image(&picture(i * 3 + k, 40 * k as u8), "p.png").unwrap().src).collect();
        let text = format!(
            "---\ntitle: خبر رقم {i} عن الميزانية\nstandfirst: مقدمة الخبر {i}.\ncategory: سياسة\ntags: [برلمان]\nhero:\n  src: {}\n  alt: صورة رئيسية\n---\n\nفقرة أولى من الخبر {i} تشرح ما جرى في الجلسة.\n\n![صورة ثانية]({} \"شرح\")\n\n## عنوان فرعي\n\nفقرة ثانية.\n\n![صورة ثالثة]({} \"شرح آخر\")\n",
            pictures[0], pictures[1], pictures[2]
        );
        let article = qalam_core::article::parse(&text).unwrap();
        ids.push(library.import(&article).unwrap().0);
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut client =
        WpClient::new(url, "admin", zeroize::Zeroizing::new(password.into()), Duration::from_secs(60)).unwrap();
    rt.block_on(client.discover()).unwrap();
    let bare = reqwest::Client::new();
    let mut terms = HashMap::new();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for (i, id) in ids.iter().enumerate() {
        // Qalam: the package made, queued, read back and delivered exactly once.
        let start = Instant::now();
        let delivery = queue(&mut library, id, "bench", None, None, &CheckSettings::default()).unwrap();
        let opened = open_deliverable(&library.delivery_package(delivery.id).unwrap()).unwrap();
        let mut site = Site { client: &client, has_plugin: true, terms: &mut terms, progress: &|_| {} };
        let done = rt.block_on(deliver(&mut library, &target, &mut site, &delivery, &opened)).unwrap();
        library.delivery_done(delivery.id, &done.post_id.to_string(), Some(&done.link)).unwrap();
        ours.push(start.elapsed());

        // The bare client: the same renditions uploaded and the same post made, nothing else.
        let start = Instant::now();
        let mut media = HashMap::new();
        for (k, (src, bytes)) in opened.package.pictures.iter().enumerate() {
            let item: Value = rt
                .block_on(async {
                    bare.post(format!("{url}/wp-json/wp/v2/media"))
                        .basic_auth("admin", Some(password))
                        .header("Content-Type", "image/jpeg")
                        .header("Content-Disposition", format!("attachment; filename=\"bare-{i}-{k}.jpg\""))
                        .body(bytes.clone())
                        .send()
                        .await?
                        .json()
                        .await
                })
                .unwrap();
            media.insert(
                src.clone(),
                Media { id: item["id"].as_u64().unwrap(), url: item["source_url"].as_str().unwrap().into() },
            );
        }
        let fields = post_fields(
            &opened.package.article,
            &|src| media.get(src).cloned(),
            &opened.package.life,
            &Default::default(),
        );
        let hero = opened.package.article.meta.hero.as_ref().and_then(|h| media.get(&h.src)).map_or(0, |m| m.id);
        let body = json!({ "title": fields.title, "content": fields.content, "excerpt": fields.excerpt, "status": "draft", "featured_media": hero, "slug": format!("bare-{i}") });
        let post: Value = rt
            .block_on(async {
                bare.post(format!("{url}/wp-json/wp/v2/posts"))
                    .basic_auth("admin", Some(password))
                    .json(&body)
                    .send()
                    .await?
                    .json()
                    .await
            })
            .unwrap();
        assert!(post["id"].as_u64().is_some(), "{post}");
        theirs.push(start.elapsed());
    }
    ours.sort();
    theirs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (o50, o99, t50, t99) =
        (percentile(&ours, 0.5), percentile(&ours, 0.99), percentile(&theirs, 0.5), percentile(&theirs, 0.99));
    println!("deliver {ARTICLES} articles × 3 pictures to WordPress on loopback");
    println!("  qalam (package, queue, exactly-once delivery): p50 {:.0} ms  p99 {:.0} ms", ms(o50), ms(o99));
    println!("  bare reqwest (same uploads and post):          p50 {:.0} ms  p99 {:.0} ms", ms(t50), ms(t99));
    println!("  ratio: p50 {:.2}×  p99 {:.2}×  (goal ≤ 1.3×)", ms(o50) / ms(t50), ms(o99) / ms(t99));
}
