//! Package benchmarks, each measured side by side with its baseline in the same run.
//! Run: `cargo bench -p qalam-core --bench package_bench` (needs `vipsthumbnail`, from
//! libvips-tools). `QALAM_BENCH_PHOTO=path.jpg` uses a real photograph instead of the generated one.
//!
//! 1. Three renditions (1600, 800, 400 px wide) of a 6000×4000 JPEG: Qalam's `make_renditions`
//!    against `vipsthumbnail` making the same three sizes at the same quality, metadata stripped.
//!    Goal: ≤ 0.8× vipsthumbnail's wall time, files ≤ 1.15× its sizes.
//! 2. Export of an article with five such photos. Goal: ≤ 3 s on 2 cores, using both (CPU time
//!    over wall time is printed).

#[path = "../tests/core/photo.rs"]
mod photo;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use qalam_core::article::{Article, Block, Hero};
use qalam_core::library::Library;
use qalam_core::package::renditions::{make_renditions, JPEG_QUALITY, RENDITION_WIDTHS};
use qalam_core::package::{export_package, ExportControl, ExportOptions};

const ROUNDS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let photo = match std::env::var_os("QALAM_BENCH_PHOTO") {
        Some(path) => std::fs::read(path).expect("QALAM_BENCH_PHOTO is readable"),
        None => photo::photo_jpeg(6000, 4000, 1, false),
    };
    let source = dir.path().join("photo.jpg");
    std::fs::write(&source, &photo).unwrap();
    println!("Package benchmarks ({} rounds, median; source JPEG {:.1} MB)\n", ROUNDS, photo.len() as f64 / 1e6);
    bench_renditions(&photo, &source, dir.path());
    bench_export(dir.path());
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn bench_renditions(photo: &[u8], source: &Path, dir: &Path) {
    let mut ours = Vec::new();
    let mut our_sizes = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let made = make_renditions(photo, &RENDITION_WIDTHS, JPEG_QUALITY).unwrap();
        ours.push(start.elapsed());
        our_sizes = made.iter().map(|r| (r.width, r.height, r.jpeg.len())).collect();
    }
    let mut vips = Vec::new();
    let mut vips_sizes = Vec::new();
    for _ in 0..ROUNDS {
        vips_sizes.clear();
        let start = Instant::now();
        for width in RENDITION_WIDTHS {
            let out = dir.join(format!("vips-{width}.jpg"));
            let status = Command::new("vipsthumbnail")
                .arg(source)
                .args(["--size", &format!("{width}x")])
                .arg("-o")
                .arg(format!("{}[Q={JPEG_QUALITY},strip]", out.display()))
                .status()
                .expect("vipsthumbnail runs (apt: libvips-tools)");
            assert!(status.success());
        }
        vips.push(start.elapsed());
        for width in RENDITION_WIDTHS {
            vips_sizes.push(std::fs::metadata(dir.join(format!("vips-{width}.jpg"))).unwrap().len() as usize);
        }
    }
    let (ours, vips) = (median(ours), median(vips));
    println!("Three renditions of a 6000×4000 JPEG (quality {JPEG_QUALITY}, 4:2:0):");
    println!("  qalam make_renditions   {:>8.1} ms", ours.as_secs_f64() * 1e3);
    println!("  vipsthumbnail ×3        {:>8.1} ms", vips.as_secs_f64() * 1e3);
    println!("  ratio qalam/vips        {:>8.2}×  (goal ≤ 0.8×)", ours.as_secs_f64() / vips.as_secs_f64());
    for ((w, h, ours), vips) in our_sizes.iter().zip(&vips_sizes) {
        println!(
            "  {w}×{h}: qalam {:>7} bytes, vips {:>7} bytes, ratio {:.2}× (goal ≤ 1.15×)",
            ours,
            vips,
            *ours as f64 / *vips as f64
        );
    }
    println!();
}

/// CPU time of this process so far (user + system).
#[cfg(unix)]
fn cpu_time() -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Elsewhere the CPU figure is not measured (the wall time still is).
#[cfg(not(unix))]
fn cpu_time() -> Duration {
    Duration::ZERO
}

fn bench_export(dir: &Path) {
    let mut lib = Library::open(&dir.join("bench.sqlite3")).unwrap();
    let mut article = Article::default();
    article.meta.title = "خبر بخمس صور".into();
    article.meta.category = Some("سياسة".into());
    for i in 0..5u32 {
        // Five different photographs (a different crop of the light each time).
        let photo = photo::photo_jpeg(6000 - i * 2, 4000, 1, i % 2 == 0);
        let stored = lib.add_image(&photo, &format!("photo-{i}.jpg")).unwrap();
        if i == 0 {
            let alt = Some("صورة رئيسية".to_string());
            article.meta.hero = Some(Hero { src: stored.src, alt, caption: None, credit: None });
        } else {
            let alt = format!("صورة {i}");
            article.body.push(Block::Image { alt, src: stored.src, caption: String::new(), credit: String::new() });
        }
    }
    let (id, _) = lib.import(&article).unwrap();
    let cancel = AtomicBool::new(false);
    let options = ExportOptions { accept_warnings: true, ..ExportOptions::default() };
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    for _ in 0..3 {
        let (start, cpu_start) = (Instant::now(), cpu_time());
        let package =
            export_package(&mut lib, &id, &options, &ExportControl { progress: &|_, _| {}, cancel: &cancel }).unwrap();
        let zip = package.zip_bytes().unwrap();
        walls.push(start.elapsed());
        cpus.push(cpu_time() - cpu_start);
        assert!(zip.len() > 100_000);
    }
    let (wall, cpu) = (median(walls), median(cpus));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("Export of an article with five 6000×4000 photos ({cores} cores):");
    println!("  wall time               {:>8.2} s  (goal ≤ 3 s)", wall.as_secs_f64());
    println!(
        "  CPU time                {:>8.2} s  ({:.2} cores busy on average)",
        cpu.as_secs_f64(),
        cpu.as_secs_f64() / wall.as_secs_f64()
    );
}
