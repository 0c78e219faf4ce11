//! Stories on the desk: a push takes a laptop's copy of one article in one transaction —
//! its new events checked by the same workflow rules the app runs (here they decide), its text
//! accepted only if it was based on the desk's head (compare-and-swap) — and a pull pages through
//! what a device may see that changed since its cursor.

use chrono::{DateTime, Utc};
use deadpool_postgres::{Client, GenericClient, Transaction};
use qalam_core::article::images::image_uses;
use qalam_core::article::picture_file::asset_hash;
use qalam_core::hash::text_hash;
use qalam_core::identity::Signed;
use qalam_core::workflow::authority::{RecordState, MAX_EVENT_BYTES, MAX_RECORD_EVENTS};
use qalam_core::workflow::Event;
use qalam_desk_api::{DeskStory, PullPage, PushOutcome, PushRequest, PushResponse, WireEvent, WireStory};

use super::people::Caller;
use super::record;
use super::visibility::{is_editor, may_see, visible_sql};
use crate::error::DeskError;

/// The largest article text the desk takes (a long feature is a few hundred kilobytes).
pub const MAX_MARKDOWN_BYTES: usize = 4 * 1024 * 1024;

struct ArticleRow {
    author: Option<i64>,
    status: String,
    section: Option<String>,
    head: Option<String>,
}

pub async fn push(
    db: &mut Client,
    caller: &Caller,
    request: &PushRequest,
    now: DateTime<Utc>,
) -> Result<PushResponse, DeskError> {
    check_client_id(&request.client_id)?;
    let tx = db.transaction().await?;
    // Two pushes with one client id (two syncs of one library at once) are taken one after the
    // other: the second waits here, then finds the first's answer below.
    super::cached::execute(
        &tx,
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))",
        &[&format!("push:{}:{}", caller.device_id, request.client_id)],
    )
    .await?;
    if let Some(row) = super::cached::query_opt(
        &tx,
        "SELECT response FROM pushes WHERE device_id = $1 AND client_id = $2",
        &[&caller.device_id, &request.client_id],
    )
    .await?
    {
        let stored: serde_json::Value = row.get(0);
        return serde_json::from_value(stored)
            .map_err(|e| DeskError::BadInput { what: "stored push".into(), why: e.to_string() });
    }
    let story = &request.story;
    let (article, hash) = check_story(story)?;
    let events = read_events(&story.events, &story.id)?;

    super::cached::execute(&tx, "INSERT INTO articles (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", &[&story.id])
        .await?;
    let row = super::cached::query_one(
        &tx,
        "SELECT author_person, status, section, head, record,
                (SELECT count(*) FROM events WHERE article_id = $1) FROM articles WHERE id = $1 FOR UPDATE",
        &[&story.id],
    )
    .await?;
    let mut current = ArticleRow { author: row.get(0), status: row.get(1), section: row.get(2), head: row.get(3) };
    let stored_record: Option<serde_json::Value> = row.get(4);
    let stored_count: i64 = row.get(5);
    let is_new = current.head.is_none() && stored_count == 0;
    // A story the caller may not see answers exactly as one that does not exist.
    if !is_new && !may_see(&caller.person, current.author, &current.status, current.section.as_deref()) {
        return Err(DeskError::NotYours);
    }
    let known: std::collections::HashSet<String> =
        super::cached::query(&tx, "SELECT hash FROM events WHERE article_id = $1", &[&story.id])
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
    // The events the desk does not hold, each following one it holds or one before it.
    let mut placed = known.clone();
    let mut arriving = Vec::new();
    for (event, body) in &events {
        let hash = event.hash();
        if placed.contains(&hash) {
            continue;
        }
        let follows = match &body.prev {
            None => placed.is_empty(),
            Some(prev) => placed.contains(prev),
        };
        if !follows {
            return Err(DeskError::BadInput {
                what: "record".into(),
                why: format!("event {hash} follows an event the desk does not have"),
            });
        }
        placed.insert(hash.clone());
        arriving.push(record::Arriving { body, hash });
    }
    if is_new && arriving.is_empty() {
        // A draft nobody acted on never leaves its laptop.
        return Err(DeskError::NotYours);
    }
    if known.len() + arriving.len() > MAX_RECORD_EVENTS {
        return Err(DeskError::RecordFull { limit: MAX_RECORD_EVENTS });
    }
    let stored_state: Option<RecordState> = if known.is_empty() {
        Some(RecordState::default())
    } else {
        stored_record.and_then(|v| serde_json::from_value(v).ok())
    };
    let (record, judged) = if arriving.is_empty() {
        (stored_state.unwrap_or_default(), Vec::new())
    } else {
        record::check_new(&tx, &story.id, stored_state, &arriving, now).await?
    };
    if is_new {
        // The author is whoever signed the first event; only they, or an editor, bring it here.
        let author = record.author.as_ref().and_then(record::person_id);
        if author != Some(caller.person.id) && !is_editor(&caller.person) {
            return Err(DeskError::NotYours);
        }
        let name = record.author.as_ref().map(|a| a.name.clone());
        current.author = author;
        super::cached::execute(
            &tx,
            "UPDATE articles SET author_person = $2, author_name = $3 WHERE id = $1",
            &[&story.id, &author, &name],
        )
        .await?;
    }
    // An event counts only from someone who may see the story (as it stands after the push): an
    // editor of another section, or a colleague, does not act on it through its author's laptop.
    let state_after = record.with_text(&hash);
    for j in &judged {
        let Some(signer) = record::person_id(&j.known).filter(|id| Some(*id) != current.author) else { continue };
        let signer = super::people::person_info(&tx, signer).await?;
        if !may_see(&signer, current.author, state_after.as_str(), article.meta.category.as_deref()) {
            return Err(DeskError::EventRefused {
                hash: j.hash.clone(),
                why: format!(
                    "it is signed by {}, who may not see this story (another section, or a colleague's story)",
                    signer.name
                ),
                why_ar: format!("وقّعه {}، وليست هذه القصة مما يحق له رؤيته (قسم آخر أو قصة زميل)", signer.name),
            });
        }
    }
    for (a, j) in arriving.iter().zip(&judged) {
        let event = events.iter().find(|(e, _)| e.hash() == a.hash).map(|(e, _)| e).expect("arriving from events");
        super::cached::execute(
            &tx,
            "INSERT INTO events (hash, article_id, position, body, signature, received_at, person_id, role)
             VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM events WHERE article_id = $2), $3, $4, $5, $6, $7)",
            &[&j.hash, &story.id, &event.0.body, &event.0.signature, &now, &record::person_id(&j.known), &j.known.role.as_str()],
        )
        .await?;
    }
    let added = arriving.len();

    check_pictures(&tx, caller, &article).await?;
    let outcome = if current.head.as_deref() == Some(hash.as_str()) {
        PushOutcome::Unchanged
    } else if request.based_on == current.head || is_new {
        // (A story new to the desk is taken whatever head the laptop last saw: a desk restored
        // from a backup gets it again, and a push answers alike for ids it holds or not.)
        let number: i32 = super::cached::query_one(
            &tx,
            "SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE article_id = $1",
            &[&story.id],
        )
        .await?
        .get(0);
        super::cached::execute(&tx,
            "INSERT INTO revisions (article_id, number, hash, based_on, markdown, pushed_by) VALUES ($1, $2, $3, $4, $5, $6)",
            &[&story.id, &number, &hash, &request.based_on, &story.markdown, &caller.device_id],
        )
        .await?;
        use_pictures(&tx, &story.id, &article).await?;
        PushOutcome::Accepted
    } else {
        return Err(DeskError::Conflict { head: current.head.clone().unwrap_or_default() });
    };
    let received_at = now.timestamp_millis();
    let held: Vec<String> = events.iter().map(|(e, _)| e.hash()).collect();
    if outcome == PushOutcome::Unchanged && added == 0 {
        // Nothing changed: no new number, nothing for anyone to pull.
        let seq: i64 =
            super::cached::query_one(&tx, "SELECT seq FROM articles WHERE id = $1", &[&story.id]).await?.get(0);
        let response = PushResponse { outcome, head: hash, events_added: 0, seq, received_at, held };
        remember(&tx, caller, &request.client_id, &response).await?;
        tx.commit().await?;
        return Ok(response);
    }
    // The state is the record's, for the text the desk holds now: a text other than the approved
    // one is back in review, whoever pushed it.
    current.status = record.with_text(&hash).as_str().to_string();
    let record_json = serde_json::to_value(&record).expect("a record state serializes");
    let seq = next_seq(&tx).await?;
    let (title_terms, body_terms) = search_terms(&article);
    super::cached::execute(
        &tx,
        "UPDATE articles SET status = $2, section = $3, head = $4, seq = $5, updated_at = $6, title = $7,
                search = setweight(to_tsvector('simple', $8), 'A') || setweight(to_tsvector('simple', $9), 'B'),
                record = $10
         WHERE id = $1",
        &[
            &story.id,
            &current.status,
            &article.meta.category,
            &hash,
            &seq,
            &now,
            &article.meta.title,
            &title_terms,
            &body_terms,
            &record_json,
        ],
    )
    .await?;
    let response = PushResponse { outcome, head: hash, events_added: added, seq, received_at, held };
    remember(&tx, caller, &request.client_id, &response).await?;
    super::cached::execute(&tx, "SELECT pg_notify('qalam_desk', $1)", &[&seq.to_string()]).await?;
    tx.commit().await?;
    Ok(response)
}

/// The pictures the story's text uses, so those who may see the story may fetch them.
async fn use_pictures(tx: &Transaction<'_>, id: &str, article: &qalam_core::Article) -> Result<(), DeskError> {
    for image in image_uses(article) {
        if let Some(hash) = asset_hash(&image.src) {
            super::cached::execute(
                tx,
                "INSERT INTO blob_uses (hash, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&hash, &id],
            )
            .await?;
        }
    }
    Ok(())
}

/// The story's words as the app's search analyzer makes them: the title's, and the rest's.
pub(super) fn search_terms(article: &qalam_core::Article) -> (String, String) {
    use qalam_core::search::shadow;
    let meta = &article.meta;
    let rest = [meta.kicker.clone(), meta.standfirst.clone(), Some(meta.tags.join(" "))]
        .into_iter()
        .flatten()
        .chain(std::iter::once(qalam_core::article::inline_text::blocks_plain_text(&article.body)))
        .collect::<Vec<_>>()
        .join("\n");
    (shadow(&meta.title), shadow(&rest))
}

/// The next desk-wide number. The counter's row lock is held until commit, so numbers commit in
/// order: a pull that has read up to N never later misses a change numbered below N.
async fn next_seq(tx: &Transaction<'_>) -> Result<i64, DeskError> {
    Ok(super::cached::query_one(tx, "UPDATE desk_counter SET value = value + 1 RETURNING value", &[]).await?.get(0))
}

async fn remember(
    tx: &Transaction<'_>,
    caller: &Caller,
    client_id: &str,
    response: &PushResponse,
) -> Result<(), DeskError> {
    let json = serde_json::to_value(response).expect("a push response serializes");
    super::cached::execute(
        tx,
        "INSERT INTO pushes (device_id, client_id, response) VALUES ($1, $2, $3)",
        &[&caller.device_id, &client_id, &json],
    )
    .await?;
    Ok(())
}

fn check_client_id(id: &str) -> Result<(), DeskError> {
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(DeskError::BadInput { what: "client_id".into(), why: "1 to 64 letters, digits, - or _".into() });
    }
    Ok(())
}

/// The story's text parsed by the one article format, and its hash.
fn check_story(story: &WireStory) -> Result<(qalam_core::Article, String), DeskError> {
    if !qalam_core::article::model::is_valid_id(&story.id) {
        return Err(DeskError::BadInput { what: "id".into(), why: "not an article id".into() });
    }
    if story.markdown.len() > MAX_MARKDOWN_BYTES {
        return Err(DeskError::BadInput { what: "story".into(), why: "too large".into() });
    }
    if story.events.len() > MAX_RECORD_EVENTS {
        return Err(DeskError::RecordFull { limit: MAX_RECORD_EVENTS });
    }
    let article = qalam_core::article::parse(&story.markdown)
        .map_err(|e| DeskError::BadInput { what: "markdown".into(), why: e.to_string() })?;
    if article.meta.id.as_deref() != Some(story.id.as_str()) {
        return Err(DeskError::BadInput { what: "markdown".into(), why: "its id is not the story's".into() });
    }
    Ok((article, text_hash(&story.markdown)))
}

/// Each event read and authenticated, all about this story.
fn read_events(events: &[WireEvent], id: &str) -> Result<Vec<(Event, qalam_core::workflow::EventBody)>, DeskError> {
    events
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if w.body.len() > MAX_EVENT_BYTES {
                return Err(DeskError::BadInput {
                    what: "record".into(),
                    why: format!("event {} is larger than {} KiB", i + 1, MAX_EVENT_BYTES / 1024),
                });
            }
            let event = Event(Signed { body: w.body.clone(), signature: w.signature.clone() });
            match event.read() {
                Ok(body) if body.article == id && event.is_authentic(&body) => Ok((event, body)),
                _ => {
                    Err(DeskError::BadInput { what: "record".into(), why: format!("event {} is not authentic", i + 1) })
                }
            }
        })
        .collect()
}

/// Every picture the text uses was uploaded first — by the caller, or used by a story the caller
/// may see: naming a colleague's picture by its hash neither reaches it nor tells it exists.
async fn check_pictures(tx: &Transaction<'_>, caller: &Caller, article: &qalam_core::Article) -> Result<(), DeskError> {
    for image in image_uses(article) {
        let Some(hash) = asset_hash(&image.src) else {
            return Err(DeskError::BadInput {
                what: "picture".into(),
                why: format!("{} is not a picture by hash", image.src),
            });
        };
        if !super::blobs::may_fetch(tx, caller, &hash).await? {
            return Err(DeskError::BadInput { what: "picture".into(), why: format!("{} was not uploaded", image.src) });
        }
    }
    Ok(())
}

/// The most stories one page of a pull holds.
pub const MAX_PAGE: i64 = 200;
/// The most text and record one page holds, in bytes (a laptop reads a page whole).
pub const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;

pub async fn pull(db: &impl GenericClient, caller: &Caller, after: i64, limit: i64) -> Result<PullPage, DeskError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let sql = format!(
        "SELECT a.id, a.head, a.status, a.author_name, a.section, a.seq FROM articles a
         WHERE a.seq > $1 AND a.head IS NOT NULL AND {} ORDER BY a.seq LIMIT $5",
        visible_sql(2, 3, 4)
    );
    let rows = super::cached::query(
        db,
        &sql,
        &[&after, &caller.person.id, &is_editor(&caller.person), &caller.person.sections, &(limit + 1)],
    )
    .await?;
    let more = rows.len() as i64 > limit;
    let rows = &rows[..rows.len().min(limit as usize)];
    let ids: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    // Three queries for the whole page: revisions' hashes, head texts, records.
    let mut hashes: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for r in super::cached::query(
        db,
        "SELECT article_id, hash FROM revisions WHERE article_id = ANY($1) ORDER BY article_id, number",
        &[&ids],
    )
    .await?
    {
        hashes.entry(r.get(0)).or_default().push(r.get(1));
    }
    let mut texts: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for r in super::cached::query(
        db,
        "SELECT DISTINCT ON (r.article_id) r.article_id, r.markdown FROM revisions r JOIN articles a ON a.id = r.article_id AND r.hash = a.head
         WHERE r.article_id = ANY($1) ORDER BY r.article_id, r.number DESC",
        &[&ids],
    )
    .await?
    {
        texts.insert(r.get(0), r.get(1));
    }
    let mut records: std::collections::HashMap<String, Vec<WireEvent>> = std::collections::HashMap::new();
    for r in super::cached::query(
        db,
        "SELECT article_id, body, signature, received_at FROM events WHERE article_id = ANY($1) ORDER BY article_id, position",
        &[&ids],
    )
    .await?
    {
        let received: DateTime<Utc> = r.get(3);
        records.entry(r.get(0)).or_default().push(WireEvent {
            body: r.get(1),
            signature: r.get(2),
            received_at: Some(received.timestamp_millis()),
        });
    }
    let mut stories = Vec::with_capacity(rows.len());
    let mut bytes = 0usize;
    let mut more = more;
    for r in rows {
        let id: String = r.get(0);
        let markdown = texts.remove(&id).unwrap_or_default();
        // A page stays within what a laptop reads at once: past it, the rest is the next page's
        // (one story always fits: its text and record are bounded).
        let size =
            markdown.len() + records.get(&id).map_or(0, |r| r.iter().map(|e| e.body.len() + e.signature.len()).sum());
        if !stories.is_empty() && bytes + size > MAX_PAGE_BYTES {
            more = true;
            break;
        }
        bytes += size;
        let pictures = qalam_core::article::parse(&markdown)
            .map(|a| image_uses(&a).into_iter().map(|u| u.src).collect())
            .unwrap_or_default();
        stories.push(DeskStory {
            story: WireStory {
                id: id.clone(),
                markdown,
                events: records.remove(&id).unwrap_or_default(),
                revision_hashes: hashes.remove(&id).unwrap_or_default(),
                pictures,
            },
            head: r.get(1),
            status: r.get(2),
            author_name: r.get(3),
            section: r.get(4),
            seq: r.get(5),
        });
    }
    let cursor = stories.last().map_or(after, |s| s.seq);
    Ok(PullPage { stories, cursor, more })
}
