//! Qalam's benchmarks, each side by side with the bare baseline it is judged against, measured in
//! the same run. Run: `cargo bench -p qalam-core --bench qalam_bench`.
//! `QALAM_BENCH_ARTICLES` overrides the size of the generated search library (default 100000).

use std::time::{Duration, Instant};

use pulldown_cmark::{html::push_html, Parser};
use qalam_core::article::html::render_body;
use qalam_core::article::parse::parse_body;
use qalam_core::article::{parse, Article, Block, FrontMatter, Inline};
use qalam_core::library::articles::SaveKind;
use qalam_core::library::Library;
use qalam_core::search::{fts_match_expression, query_terms, shadow};
use qalam_core::Lang;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Connection};

fn main() {
    let vocabulary = Vocabulary::from_seed();
    println!(
        "Qalam benchmarks (vocabulary of {} words, Zipf-distributed, fixed random seed)\n",
        vocabulary.words.len()
    );
    bench_save(&vocabulary);
    bench_render(&vocabulary);
    bench_search(&vocabulary);
}

/// The seed article's words, drawn with a Zipf-like distribution so that text looks like news.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// The seed's words first (the most frequent), then 40,000 made-up Arabic words: a real news
    /// archive has tens of thousands of distinct words, and a vocabulary of only the seed's 600
    /// would make every word match most articles.
    fn from_seed() -> Vocabulary {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../assets/sample-article.md");
        let text = std::fs::read_to_string(path).expect("the seed fixture");
        let mut words: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (_, w) in qalam_core::search::words(&text) {
            if seen.insert(w.to_string()) {
                words.push(w.to_string());
            }
        }
        let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        while words.len() < 40_000 {
            let n = rng.random_range(3..8);
            let w: String = (0..n).map(|_| letters[rng.random_range(0..letters.len())]).collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut ChaCha8Rng) -> &str {
        let x = rng.random::<f64>() * self.cumulative.last().unwrap();
        &self.words[self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1)]
    }

    fn sentence(&self, rng: &mut ChaCha8Rng, n: usize) -> String {
        (0..n).map(|_| self.word(rng)).collect::<Vec<_>>().join(" ")
    }

    /// An article of about `words` words, with a heading every few paragraphs.
    fn article(&self, rng: &mut ChaCha8Rng, words: usize) -> Article {
        let mut body = Vec::new();
        let mut written = 0;
        while written < words {
            let n = rng.random_range(30..70).min(words - written).max(1);
            if body.len() % 6 == 5 {
                body.push(Block::Heading { level: 2, content: vec![Inline::text(self.sentence(rng, 3))] });
            }
            body.push(Block::Paragraph { content: vec![Inline::text(self.sentence(rng, n) + ".")] });
            written += n;
        }
        Article {
            meta: FrontMatter {
                title: self.sentence(rng, 8),
                standfirst: Some(self.sentence(rng, 20)),
                category: Some("سياسة".into()),
                tags: vec![self.word(rng).to_string(), self.word(rng).to_string()],
                ..FrontMatter::default()
            },
            body,
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(a: Duration, b: Duration) -> String {
    format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64())
}

fn timed(samples: &mut Vec<Duration>, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    samples.push(start.elapsed());
}

/// Prints both sides' percentiles and their ratio.
fn compare(ours_label: &str, ours: &mut [Duration], bare_label: &str, bare: &mut [Duration]) {
    let (o50, o99) = summary(ours_label, ours);
    let (b50, b99) = summary(bare_label, bare);
    println!(
        "  ratio Qalam / bare                            p50 {:>10}   p99 {:>10}",
        ratio(o50, b50),
        ratio(o99, b99)
    );
}

fn summary(label: &str, samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let (p50, p99) = (percentile(samples, 0.5), percentile(samples, 0.99));
    println!("  {label:<44} p50 {:>10}   p99 {:>10}", ms(p50), ms(p99));
    (p50, p99)
}

/// Save of a 5,000-word article (working copy + search index) against a bare upsert of the same
/// bytes into a one-table WAL database.
fn bench_save(vocabulary: &Vocabulary) {
    const ROUNDS: usize = 400;
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let base = vocabulary.article(&mut rng, 5000);
    let (id, _) = lib.import(&base).unwrap();
    // Every round changes one word, so every save really writes.
    let variants: Vec<Article> = (0..2)
        .map(|i| {
            let mut a = base.clone();
            a.body[0] = Block::Paragraph { content: vec![Inline::text(format!("نسخة {i}"))] };
            a
        })
        .collect();
    let markdowns: Vec<String> = variants.iter().map(qalam_core::article::print).collect();
    let words: usize = qalam_core::search::words(&markdowns[0]).count();

    let bare = Connection::open(dir.path().join("bare.sqlite3")).unwrap();
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "NORMAL").unwrap();
    bare.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)", []).unwrap();

    let mut ours = Vec::with_capacity(ROUNDS);
    let mut baseline = Vec::with_capacity(ROUNDS);
    let mut version = lib.load(&id).unwrap().version;
    for round in 0..ROUNDS {
        let i = round % 2;
        timed(&mut ours, || {
            version = lib.save(&id, &variants[i], version, SaveKind::Autosave).unwrap().version;
        });
        timed(&mut baseline, || {
            bare.execute(
                "INSERT INTO t (id, body) VALUES ('a', ?1) ON CONFLICT(id) DO UPDATE SET body = excluded.body",
                params![markdowns[i]],
            )
            .unwrap();
        });
    }
    println!("Save of a {words}-word Arabic article ({} KB), {ROUNDS} rounds", markdowns[0].len() / 1024);
    compare(
        "Qalam save (working copy + search index)",
        &mut ours,
        "bare rusqlite upsert, one-table WAL",
        &mut baseline,
    );
    println!();
}

/// Markdown body → HTML, against pulldown-cmark's own push_html on the same body.
fn bench_render(vocabulary: &Vocabulary) {
    const ROUNDS: usize = 300;
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let article = vocabulary.article(&mut rng, 5000);
    let printed = qalam_core::article::print(&article);
    let body = printed.split_once("\n---\n").map(|(_, b)| b).unwrap();
    let mut ours = Vec::with_capacity(ROUNDS);
    let mut baseline = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        timed(&mut ours, || {
            std::hint::black_box(render_body(&parse_body(body).expect("the bench body parses"), Lang::Ar));
        });
        timed(&mut baseline, || {
            let mut html = String::new();
            push_html(&mut html, Parser::new(body));
            std::hint::black_box(html);
        });
    }
    println!("Render a 5,000-word body to HTML, {ROUNDS} rounds");
    compare("Qalam parse to model + safe render", &mut ours, "bare pulldown_cmark::html::push_html", &mut baseline);
    println!();
    // The model must be a faithful one: the benchmark's body reads back as the article.
    assert_eq!(parse(&printed).unwrap().body, article.body);
}

/// Search over a generated library against a bare FTS5 MATCH on already-normalized text.
fn bench_search(vocabulary: &Vocabulary) {
    let count: usize = std::env::var("QALAM_BENCH_ARTICLES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    const BATCH: usize = 1000;
    const QUERIES: usize = 300;
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    let bare = Connection::open(dir.path().join("bare.sqlite3")).unwrap();
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "NORMAL").unwrap();
    bare.execute_batch("CREATE VIRTUAL TABLE fts USING fts5(title, standfirst, body, tags, tokenize = 'unicode61 remove_diacritics 0')")
        .unwrap();

    let mut build = Duration::ZERO;
    let mut generated = 0;
    while generated < count {
        let n = BATCH.min(count - generated);
        let batch: Vec<Article> = (0..n).map(|_| vocabulary.article(&mut rng, 300)).collect();
        let start = Instant::now();
        lib.import_all(&batch).unwrap();
        build += start.elapsed();
        // The baseline stores text that is already normalized: its cost is not counted.
        let shadows: Vec<[String; 4]> = batch
            .iter()
            .map(|a| {
                [
                    shadow(&a.meta.title),
                    shadow(a.meta.standfirst.as_deref().unwrap_or("")),
                    shadow(&qalam_core::article::inline_text::blocks_plain_text(&a.body)),
                    shadow(&a.meta.tags.join("\n")),
                ]
            })
            .collect();
        let tx = bare.unchecked_transaction().unwrap();
        for s in &shadows {
            tx.execute(
                "INSERT INTO fts (title, standfirst, body, tags) VALUES (?1, ?2, ?3, ?4)",
                params![s[0], s[1], s[2], s[3]],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        generated += n;
    }
    println!("Search over {count} generated Arabic articles of ~300 words");
    println!("  index build (import with search index)       {:.0} articles/s", count as f64 / build.as_secs_f64());

    for words in [1, 2] {
        let queries: Vec<String> = (0..QUERIES).map(|_| vocabulary.sentence(&mut rng, words)).collect();
        let mut ours = Vec::with_capacity(QUERIES);
        let mut baseline = Vec::with_capacity(QUERIES);
        let mut hits = 0;
        let mut stmt = bare
            .prepare("SELECT rowid, bm25(fts, 10.0, 4.0, 1.0, 3.0) AS score FROM fts WHERE fts MATCH ?1 ORDER BY score LIMIT 10")
            .unwrap();
        for q in &queries {
            timed(&mut ours, || hits += lib.search(q, 10).unwrap().len());
            let expression = fts_match_expression(&query_terms(q));
            timed(&mut baseline, || {
                if !expression.is_empty() {
                    let rows: Vec<i64> =
                        stmt.query_map([&expression], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
                    std::hint::black_box(rows);
                }
            });
        }
        println!("  {words}-word queries ({QUERIES}, {:.1} hits each on average)", hits as f64 / QUERIES as f64);
        compare(
            "Qalam search (normalize, rank, snippet)",
            &mut ours,
            "bare FTS5 MATCH on normalized text",
            &mut baseline,
        );
    }
}
