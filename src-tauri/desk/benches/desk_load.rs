//! The desk under a newsroom's day, compressed: 200 journalists and 30 editors, each a real
//! client over HTTP on loopback, against a real `qalam-desk local` and its PostgreSQL.
//!
//! Each journalist pushes 20 revisions of a 5 KB article and submits twice (with the first and
//! the last); the editors pull
//! whenever the desk says something changed, start reviewing what arrives in their section,
//! comment and ask for changes the first time, approve the second. Printed: push latency p50
//! and p99, the p99 time from a submission's acknowledgement until its editor sees it, total
//! throughput, the desk service's peak RSS and its CPU, PostgreSQL's size, and what was lost or
//! duplicated (checked by counting on the desk). Then, in the same run, one writer's revisions
//! pushed through the desk and the same rows written as bare INSERTs through the same
//! PostgreSQL client, and the ratio.
//!
//! `cargo bench -p qalam-desk --bench desk_load` (QALAM_LOAD_JOURNALISTS / _EDITORS to scale;
//! QALAM_LOAD_THINK_MS=0 for the ceiling: every journalist pushing as fast as acknowledged).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use qalam_core::hash::text_hash;
use qalam_core::identity::KeyPair;
use qalam_core::workflow::event::{Anchor, AnchorField, CommentChange, CommentOp, EVENT_FORMAT};
use qalam_core::workflow::{Action, ArticleStatus, Event, EventBody, EventKind};
use qalam_desk_api::{enrollment_statement, EnrollRequest, PushRequest, WireEvent, WireStory};
use qalam_sync::client::{DeskClient, Pushed};

const SECTIONS: usize = 10;
const REVISIONS: usize = 20;
/// Time between a journalist's revisions: THINK_MS plus up to THINK_SPREAD_MS.
const THINK_MS: u64 = 1_500;
const THINK_SPREAD_MS: u64 = 3_000;

struct Who {
    name: String,
    keys: KeyPair,
    client: DeskClient,
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn article_text(id: &str, section: usize, revision: usize) -> String {
    // About 5 KB of Arabic: the same paragraphs, the revision number changing the first.
    let paragraph = "قال مسؤولون في وزارة الزراعة إن موسم القمح هذا العام جاء أفضل من المتوقع رغم قلة الأمطار، وإن المزارعين في السهول الشمالية سلموا كميات أكبر إلى مراكز الاستلام. ";
    let mut body = format!("المراجعة {revision}: ");
    while body.len() < 5_000 {
        body.push_str(paragraph);
    }
    format!("---\nid: {id}\ntitle: موسم القمح في القسم {section}\ncategory: قسم {section}\n---\n\n{body}\n")
}

#[allow(clippy::too_many_arguments)] // one signed event, every field the bench varies
fn sign(
    who: &Who,
    id: &str,
    revision: i64,
    markdown: &str,
    from: ArticleStatus,
    to: ArticleStatus,
    kind: EventKind,
    prev: Option<String>,
) -> Event {
    let note = matches!(kind, EventKind::Transition(a) if a.needs_note()).then(|| "المصدر".to_string());
    let body = EventBody {
        format: EVENT_FORMAT.into(),
        article: id.into(),
        revision,
        content_hash: text_hash(markdown),
        from,
        to,
        kind,
        package_hash: kind_action(&to).then(|| "0".repeat(64)),
        package_files: None,
        web_text_hash: None,
        actor: who.keys.fingerprint(),
        actor_key: who.keys.public(),
        actor_name: who.name.clone(),
        time: 0,
        note,
        prev,
    };
    Event::sign(&body, &who.keys)
}

fn kind_action(to: &ArticleStatus) -> bool {
    *to == ArticleStatus::Approved
}

fn wire(e: &Event) -> WireEvent {
    WireEvent { body: e.0.body.clone(), signature: e.0.signature.clone(), received_at: None }
}

fn ulid() -> String {
    ulid::Ulid::new().to_string()
}

#[derive(Default)]
struct Figures {
    push_ms: Vec<f64>,
    visible_ms: Vec<f64>,
    /// When each story's submission was acknowledged (round → instant), for time-to-visible.
    submitted_at: HashMap<(String, usize), Instant>,
    errors: Vec<String>,
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

async fn timed_push(who: &Who, request: &PushRequest, figures: &Mutex<Figures>) -> Pushed {
    // A push is retried with its client id until acknowledged (nothing here should need it).
    for attempt in 0..20 {
        let start = Instant::now();
        match who.client.push(request).await {
            Ok(done) => {
                figures.lock().unwrap().push_ms.push(start.elapsed().as_secs_f64() * 1000.0);
                return done;
            }
            Err(e) => {
                figures.lock().unwrap().errors.push(format!("{}: {e:?}", who.name));
                tokio::time::sleep(Duration::from_millis(50 * (attempt + 1))).await;
            }
        }
    }
    panic!("{} could not push", who.name);
}

fn rss_and_cpu(pid: u32) -> (u64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss_kb = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0);
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse::<f64>().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (rss_kb, ticks / 100.0)
}

fn main() {
    let journalists = env_usize("QALAM_LOAD_JOURNALISTS", 200);
    let editors = env_usize("QALAM_LOAD_EDITORS", 30).max(SECTIONS.min(journalists));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("desk");
    let binary = env!("CARGO_BIN_EXE_qalam-desk");
    let mut child = Command::new(binary)
        .args(["local", "--json", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let said: serde_json::Value = serde_json::from_str(&line).unwrap();
    let url = said["listening"].as_str().unwrap().to_string();
    let pid = child.id();

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let result = runtime.block_on(run(&url, binary, &data, journalists, editors, pid));
    // SAFETY: signalling our own child by its pid.
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let _ = child.wait();
    let _ = qalam_desk::cluster::Cluster::at(&data).stop();
    if let Err(e) = result {
        eprintln!("desk_load: {e}");
        std::process::exit(1);
    }
}

async fn enroll(
    url: &str,
    binary: &str,
    data: &std::path::Path,
    name: &str,
    role: &str,
    section: Option<usize>,
) -> Who {
    let mut args = vec![
        "person".to_string(),
        "add".into(),
        "--name".into(),
        name.into(),
        "--role".into(),
        role.into(),
        "--data".into(),
        data.display().to_string(),
    ];
    if let Some(s) = section {
        args.extend(["--section".into(), format!("قسم {s}")]);
    }
    let out = tokio::process::Command::new(binary).args(&args).output().await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let code = String::from_utf8(out.stdout).unwrap().lines().last().unwrap().to_string();
    let keys = KeyPair::generate();
    let client = DeskClient::new(url, None, None).unwrap();
    let challenge = client.enroll_challenge().await.unwrap().challenge;
    let statement = enrollment_statement(&challenge, &keys.fingerprint().0, "load");
    let enrolled = client
        .enroll(&EnrollRequest {
            code,
            public_key: keys.public().0,
            fingerprint: keys.fingerprint().0,
            device_name: "load".into(),
            signature: keys.sign(statement.as_bytes()),
            challenge,
        })
        .await
        .unwrap();
    Who { name: name.into(), keys, client: DeskClient::new(url, None, Some(enrolled.token)).unwrap() }
}

async fn run(
    url: &str,
    binary: &str,
    data: &std::path::Path,
    journalists: usize,
    editors: usize,
    pid: u32,
) -> Result<(), String> {
    eprintln!("desk_load: enrolling {journalists} journalists and {editors} editors…");
    let mut js = Vec::new();
    for j in 0..journalists {
        js.push(Arc::new(enroll(url, binary, data, &format!("صحفي {j}"), "journalist", None).await));
    }
    let mut es = Vec::new();
    for e in 0..editors {
        es.push(Arc::new(enroll(url, binary, data, &format!("محرر {e}"), "editor", Some(e % SECTIONS)).await));
    }
    let figures = Arc::new(Mutex::new(Figures::default()));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (rss_peak, cpu_start) = (Arc::new(Mutex::new(0u64)), rss_and_cpu(pid).1);
    let sampler = {
        let (rss_peak, done) = (rss_peak.clone(), done.clone());
        tokio::spawn(async move {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let (rss, _) = rss_and_cpu(pid);
                {
                    let mut peak = rss_peak.lock().unwrap();
                    *peak = (*peak).max(rss);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let started = Instant::now();
    let editors_per_section = (editors / SECTIONS).max(1);

    // Editors: woken by the desk's change events, they pull and act on their stories.
    let mut editor_tasks = Vec::new();
    for (e, editor) in es.iter().enumerate() {
        let (editor, figures, done) = (editor.clone(), figures.clone(), done.clone());
        let wake = Arc::new(tokio::sync::Notify::new());
        let listener = {
            let (wake, editor) = (wake.clone(), editor.clone());
            tokio::spawn(async move {
                let _ = editor.client.changes(|_| wake.notify_one()).await;
            })
        };
        editor_tasks.push(tokio::spawn(async move {
            let mut cursor = 0;
            let section = e % SECTIONS;
            let slot = e / SECTIONS;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = tokio::time::timeout(Duration::from_millis(500), wake.notified()).await;
                // Changes come in bursts: one pull a moment later covers them all.
                tokio::time::sleep(Duration::from_millis(50)).await;
                let Ok(page) = editor.client.pull(cursor, 200).await else { continue };
                cursor = page.cursor;
                for story in page.stories {
                    // Each story has one editor: the slot its journalist's number falls to.
                    let owner: usize = story.story.id.bytes().map(|b| b as usize).sum::<usize>() % editors_per_section;
                    if story.status != "submitted"
                        || owner != slot
                        || story.section.as_deref() != Some(&format!("قسم {section}"))
                    {
                        continue;
                    }
                    let round = story.story.events.iter().filter(|e| e.body.contains("\"submit\"")).count();
                    {
                        let mut f = figures.lock().unwrap();
                        if let Some(at) = f.submitted_at.remove(&(story.story.id.clone(), round)) {
                            f.visible_ms.push(at.elapsed().as_secs_f64() * 1000.0);
                        }
                    }
                    let last = story.story.events.last().map(|w| {
                        Event(qalam_core::identity::Signed { body: w.body.clone(), signature: w.signature.clone() })
                            .hash()
                    });
                    let md = &story.story.markdown;
                    let rev = story.story.revision_hashes.len() as i64;
                    let review = sign(
                        &editor,
                        &story.story.id,
                        rev,
                        md,
                        ArticleStatus::Submitted,
                        ArticleStatus::InReview,
                        EventKind::Transition(Action::StartReview),
                        last,
                    );
                    let mut new = vec![review.clone()];
                    if round == 1 {
                        let anchor = Anchor {
                            field: AnchorField::Body,
                            revision: rev,
                            exact: "موسم القمح".into(),
                            prefix: String::new(),
                            suffix: String::new(),
                            start: 0,
                            end: 0,
                        };
                        let comment = sign(
                            &editor,
                            &story.story.id,
                            rev,
                            md,
                            ArticleStatus::InReview,
                            ArticleStatus::InReview,
                            EventKind::Comment(CommentChange {
                                op: CommentOp::Add,
                                thread: ulid(),
                                anchor: Some(anchor),
                                text: Some("ما المصدر؟".into()),
                            }),
                            Some(review.hash()),
                        );
                        let changes = sign(
                            &editor,
                            &story.story.id,
                            rev,
                            md,
                            ArticleStatus::InReview,
                            ArticleStatus::ChangesRequested,
                            EventKind::Transition(Action::RequestChanges),
                            Some(comment.hash()),
                        );
                        new.extend([comment, changes]);
                    } else {
                        new.push(sign(
                            &editor,
                            &story.story.id,
                            rev,
                            md,
                            ArticleStatus::InReview,
                            ArticleStatus::Approved,
                            EventKind::Transition(Action::Approve),
                            Some(review.hash()),
                        ));
                    }
                    // As laptops do: only the events the desk does not hold yet.
                    let mut wire_story: WireStory = story.story.clone();
                    wire_story.events = new.iter().map(wire).collect();
                    let request =
                        PushRequest { client_id: ulid(), based_on: Some(story.head.clone()), story: wire_story };
                    timed_push(&editor, &request, &figures).await;
                }
            }
            listener.abort();
        }));
    }

    // Journalists: a submission and 9 more revisions, wait for changes, 10 more ending with a
    // resubmission, wait for the approval.
    let mut journalist_tasks = Vec::new();
    for (j, journalist) in js.iter().enumerate() {
        let (journalist, figures) = (journalist.clone(), figures.clone());
        // QALAM_LOAD_THINK_MS=0 sends as fast as acknowledged: the desk's ceiling, not a day.
        let think_ms = env_usize("QALAM_LOAD_THINK_MS", THINK_MS as usize) as u64;
        let think_spread = if think_ms == 0 { 1 } else { THINK_SPREAD_MS };
        journalist_tasks.push(tokio::spawn(async move {
            let id = ulid();
            let section = j % SECTIONS;
            let mut events: Vec<Event> = Vec::new();
            // How many of `events` the desk holds: a push carries only the rest, as laptops do.
            let mut on_desk = 0usize;
            let mut head: Option<String> = None;
            let mut revisions = 0i64;
            for round in 1..=2usize {
                for r in 0..REVISIONS / 2 {
                    // A working day compressed about 500 times: a revision every 1.5 to 4.5 seconds.
                    tokio::time::sleep(Duration::from_millis(
                        think_ms + (j as u64 * 7919 + r as u64 * 104_729) % think_spread,
                    ))
                    .await;
                    revisions += 1;
                    let markdown = article_text(&id, section, revisions as usize);
                    // Submitted with its first revision, resubmitted with its last.
                    let submit = if round == 1 { r == 0 } else { r == REVISIONS / 2 - 1 };
                    if submit {
                        let from = if round == 1 { ArticleStatus::Draft } else { ArticleStatus::ChangesRequested };
                        let prev = events.last().map(|e| e.hash());
                        events.push(sign(
                            &journalist,
                            &id,
                            revisions,
                            &markdown,
                            from,
                            ArticleStatus::Submitted,
                            EventKind::Transition(Action::Submit),
                            prev,
                        ));
                    }
                    let story = WireStory {
                        id: id.clone(),
                        markdown: markdown.clone(),
                        events: events[on_desk..].iter().map(wire).collect(),
                        revision_hashes: vec![],
                        pictures: vec![],
                    };
                    let request = PushRequest { client_id: ulid(), based_on: head.clone(), story };
                    match timed_push(&journalist, &request, &figures).await {
                        Pushed::Done(done) => {
                            head = Some(done.head);
                            on_desk = events.len();
                        }
                        Pushed::Conflict { head: h } => panic!("{id}: conflict with {h}"),
                    }
                    if submit {
                        figures.lock().unwrap().submitted_at.insert((id.clone(), round), Instant::now());
                    }
                }
                // Wait for the editor's answer, reading it from the desk.
                let wanted = if round == 1 { "changes-requested" } else { "approved" };
                let deadline = Instant::now() + Duration::from_secs(120);
                loop {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let page = journalist.client.pull(0, 10).await.expect("pull");
                    if let Some(s) = page.stories.iter().find(|s| s.story.id == id && s.status == wanted) {
                        events = s
                            .story
                            .events
                            .iter()
                            .map(|w| {
                                Event(qalam_core::identity::Signed {
                                    body: w.body.clone(),
                                    signature: w.signature.clone(),
                                })
                            })
                            .collect();
                        on_desk = events.len();
                        head = Some(s.head.clone());
                        break;
                    }
                    assert!(Instant::now() < deadline, "{id}: no {wanted} within two minutes");
                }
            }
            (id, events.len())
        }));
    }
    let mut expected_events = 0;
    let mut ids = Vec::new();
    for t in journalist_tasks {
        let (id, n) = t.await.map_err(|e| e.to_string())?;
        expected_events += n;
        ids.push(id);
    }
    let wall = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for t in editor_tasks {
        let _ = t.await;
    }
    let _ = sampler.await;
    let cpu = rss_and_cpu(pid).1 - cpu_start;

    // What the desk holds: every acknowledged change, once.
    let psql = |sql: &str| -> String {
        let out = Command::new("psql")
            .arg("-h")
            .arg(data.join("run"))
            .args(["-U", "qalam", "-d", "qalam_desk", "-At", "-c", sql])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let revisions: usize = psql("SELECT count(*) FROM revisions").parse().unwrap();
    let events: usize = psql("SELECT count(*) FROM events").parse().unwrap();
    let db_size: u64 = psql("SELECT pg_database_size('qalam_desk')").parse().unwrap();
    // The figures' lock ends before the baseline awaits anything.
    let (lost, duplicated) = {
        let mut f = figures.lock().unwrap();
        let pushes = f.push_ms.len();
        let (p50, p99) = (percentile(&mut f.push_ms, 0.5), percentile(&mut f.push_ms, 0.99));
        let visible_p99 = percentile(&mut f.visible_ms, 0.99);
        let visible_p50 = percentile(&mut f.visible_ms, 0.5);
        let lost = (journalists * REVISIONS).saturating_sub(revisions) + expected_events.saturating_sub(events);
        let duplicated = revisions.saturating_sub(journalists * REVISIONS) + events.saturating_sub(expected_events);
        println!(
            "desk load: {journalists} journalists, {editors} editors, {pushes} pushes in {:.1} s",
            wall.as_secs_f64()
        );
        println!("  push latency          p50 {p50:.1} ms   p99 {p99:.1} ms   (goal p99 ≤ 50 ms)");
        println!(
            "  submission → editor   p50 {visible_p50:.0} ms   p99 {visible_p99:.0} ms   (goal p99 ≤ 1000 ms; {} seen)",
            f.visible_ms.len()
        );
        println!("  throughput            {:.0} pushes/s", pushes as f64 / wall.as_secs_f64());
        println!(
            "  desk service          peak RSS {:.1} MB (goal ≤ 150)   CPU {:.1} s ({:.0}% of one core)",
            *rss_peak.lock().unwrap() as f64 / 1024.0,
            cpu,
            cpu / wall.as_secs_f64() * 100.0
        );
        println!(
            "  PostgreSQL            {:.1} MB for {revisions} revisions and {events} events",
            db_size as f64 / 1_048_576.0
        );
        println!("  lost {lost}, duplicated {duplicated}; retried pushes {}", f.errors.len());
        (lost, duplicated)
    };

    // Baseline, in the same run: one writer, the same rows either way — a push of a new revision
    // through the desk, against the INSERT of that revision row alone through the same client.
    let writer = js[0].clone();
    let id = ulid();
    let mut markdown = article_text(&id, 0, 0);
    let first = sign(
        &writer,
        &id,
        1,
        &markdown,
        ArticleStatus::Draft,
        ArticleStatus::Submitted,
        EventKind::Transition(Action::Submit),
        None,
    );
    let story = |markdown: &str| WireStory {
        id: id.clone(),
        markdown: markdown.to_string(),
        events: vec![wire(&first)],
        revision_hashes: vec![],
        pictures: vec![],
    };
    let Pushed::Done(done) = writer
        .client
        .push(&PushRequest { client_id: ulid(), based_on: None, story: story(&markdown) })
        .await
        .map_err(|e| format!("{e:?}"))?
    else {
        return Err("the baseline's first push conflicted".into());
    };
    let mut head = done.head;
    const ONE_WRITER: usize = 300;
    let mut desk_ms = Vec::with_capacity(ONE_WRITER);
    let mut rows = Vec::with_capacity(ONE_WRITER);
    for n in 0..ONE_WRITER {
        markdown = article_text(&id, 0, n + 1);
        let request = PushRequest { client_id: ulid(), based_on: Some(head.clone()), story: story(&markdown) };
        let start = Instant::now();
        let Pushed::Done(done) = writer.client.push(&request).await.map_err(|e| format!("{e:?}"))? else {
            return Err("a baseline push conflicted".into());
        };
        desk_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        head = done.head;
        rows.push((n as i32, head.clone(), markdown.clone()));
    }
    let config = qalam_desk::cluster::Cluster::at(data).config();
    let (client, connection) = config.connect(tokio_postgres::NoTls).await.map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    client
        .batch_execute("CREATE TABLE bare_revisions (article_id TEXT, number INT, hash TEXT, based_on TEXT, markdown TEXT, PRIMARY KEY (article_id, number))")
        .await
        .map_err(|e| e.to_string())?;
    let insert =
        client.prepare("INSERT INTO bare_revisions VALUES ($1, $2, $3, $4, $5)").await.map_err(|e| e.to_string())?;
    let mut bare_ms = Vec::with_capacity(ONE_WRITER);
    let mut previous: Option<String> = None;
    for (n, hash, markdown) in &rows {
        let start = Instant::now();
        client.execute(&insert, &[&id, n, hash, &previous, markdown]).await.map_err(|e| e.to_string())?;
        bare_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        previous = Some(hash.clone());
    }
    let (d50, d99) = (percentile(&mut desk_ms, 0.5), percentile(&mut desk_ms, 0.99));
    let (b50, b99) = (percentile(&mut bare_ms, 0.5), percentile(&mut bare_ms, 0.99));
    println!("one writer, {ONE_WRITER} revisions of 5 KB, same run:");
    println!("  through the desk (HTTP, checks, compare-and-swap, record)   p50 {d50:.2} ms   p99 {d99:.2} ms");
    println!("  bare INSERT of the revision row (tokio-postgres)             p50 {b50:.2} ms   p99 {b99:.2} ms");
    println!(
        "  ratio (desk push / bare insert)                              p50 {:.1}×   p99 {:.1}×",
        d50 / b50,
        d99 / b99
    );
    if lost > 0 || duplicated > 0 {
        return Err(format!("{lost} lost and {duplicated} duplicated"));
    }
    Ok(())
}
