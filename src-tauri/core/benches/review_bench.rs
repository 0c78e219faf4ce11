//! The review workflow's speed goals, each beside its bare baseline in the same run:
//! - the word diff of two 5,000-word revisions (goal: p99 ≤ 20 ms, ≤ 1.5× `similar`'s own word diff
//!   of the same texts);
//! - verifying an approved package (goal: ≤ 2 ms beyond hashing its bytes with SHA-256).
//!
//! Run: `cargo bench -p qalam-core --bench review_bench`.

use std::time::{Duration, Instant};

use qalam_core::article::parse;
use qalam_core::diff::diff_words;
use qalam_core::hash::sha256_hex;
use qalam_core::identity::SecretStore;
use qalam_core::library::Library;
use qalam_core::package::{approve, export_package, verify_package, ExportControl, ExportOptions};
use qalam_core::workflow::{Action, Role};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use similar::{Algorithm, TextDiff};

fn main() {
    println!("Qalam review benchmarks (fixed random seed)\n");
    bench_diff();
    bench_verify();
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    for _ in 0..3 {
        std::hint::black_box(f());
    }
    let samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    (percentile(samples.clone(), 0.5), percentile(samples, 0.99))
}

/// Two revisions of a 5,000-word Arabic article: the second with about one word in twenty
/// changed — replaced, inserted, deleted, or given harakat.
fn revisions() -> (String, String) {
    let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/sample-article.md")).unwrap();
    let words: Vec<&str> = qalam_core::search::words(&seed).map(|(_, w)| w).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let old: Vec<String> = (0..5000).map(|_| words[rng.random_range(0..words.len())].to_string()).collect();
    let mut new = Vec::with_capacity(old.len());
    for w in &old {
        match rng.random_range(0..80) {
            0 => new.push(words[rng.random_range(0..words.len())].to_string()),
            1 => {
                new.push(w.clone());
                new.push(words[rng.random_range(0..words.len())].to_string());
            }
            2 => {}
            3 => new.push(format!("{w}\u{064E}")),
            _ => new.push(w.clone()),
        }
    }
    let text = |ws: &[String]| ws.chunks(60).map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n");
    (text(&old), text(&new))
}

fn bench_diff() {
    let (a, b) = revisions();
    const ROUNDS: usize = 200;
    let (qp50, qp99) = time(ROUNDS, || diff_words(&a, &b).len());
    let (sp50, sp99) = time(ROUNDS, || {
        let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_words(&a, &b);
        diff.ops().len()
    });
    println!("Word diff of two 5,000-word revisions, {ROUNDS} rounds");
    println!("  Qalam (Arabic-aware)                         p50 {:>10}   p99 {:>10}", ms(qp50), ms(qp99));
    println!("  similar's own word diff (baseline)           p50 {:>10}   p99 {:>10}", ms(sp50), ms(sp99));
    println!(
        "  ratio p50 {:.2}×, p99 {:.2}×   (goals: p99 ≤ 20 ms, ≤ 1.5×)\n",
        qp50.as_secs_f64() / sp50.as_secs_f64(),
        qp99.as_secs_f64() / sp99.as_secs_f64()
    );
}

/// An approved package of the seed with a lead picture, and the editor who approved it.
fn approved_package() -> (Vec<u8>, qalam_core::workflow::Person) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("bench.sqlite3")).unwrap();
    lib.init_profile("محرر", Role::Editor, SecretStore::KeyFile { path: dir.path().join("key.json") }, Some("pw"))
        .unwrap();
    let signer = lib.signer(Some("pw")).unwrap();
    let picture = image::RgbImage::from_fn(1600, 1000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x + y) % 239) as u8])
    });
    let mut png = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let hero = lib.add_image(&png, "hero.png").unwrap().src;
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/sample-article.md")).unwrap();
    let mut article = parse(&text).unwrap();
    article.meta.hero =
        Some(qalam_core::article::model::Hero { src: hero, alt: Some("صورة".into()), caption: None, credit: None });
    let (id, _) = lib.import(&article).unwrap();
    lib.act(&id, Action::Submit, None, &signer).unwrap();
    lib.act(&id, Action::StartReview, None, &signer).unwrap();
    approve(&mut lib, &id, None, &signer, &Default::default()).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ExportOptions { accept_warnings: true, ..ExportOptions::default() };
    let package =
        export_package(&mut lib, &id, &options, &ExportControl { progress: &|_, _| {}, cancel: &cancel }).unwrap();
    (package.zip_bytes().unwrap(), signer.profile.person)
}

fn bench_verify() {
    let (bytes, editor) = approved_package();
    let trusted = [editor];
    assert!(verify_package(&bytes, &trusted).is_approved());
    const ROUNDS: usize = 200;
    let (vp50, vp99) = time(ROUNDS, || verify_package(&bytes, &trusted).is_approved());
    let (hp50, hp99) = time(ROUNDS, || sha256_hex(&bytes));
    println!("Verify an approved package ({} KB, a lead picture), {ROUNDS} rounds", bytes.len() / 1024);
    println!("  verify (unzip, check every file, approvals)  p50 {:>10}   p99 {:>10}", ms(vp50), ms(vp99));
    println!("  SHA-256 of its bytes (baseline)              p50 {:>10}   p99 {:>10}", ms(hp50), ms(hp99));
    println!(
        "  beyond hashing: p50 {}, p99 {}   (goal: ≤ 2 ms)\n",
        ms(vp50.saturating_sub(hp50)),
        ms(vp99.saturating_sub(hp99))
    );
}
