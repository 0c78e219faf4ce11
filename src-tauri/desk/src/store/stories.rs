//! Stories on the desk: a push takes a laptop's copy of one article in one transaction —
//! its new events checked by the same workflow rules the app runs (here they decide), its text
//! accepted only if it was based on the desk's head (compare-and-swap) — and a pull pages through
//! what a device may see that changed since its cursor.

use chrono::{DateTime, Utc};
use deadpool_postgres::{Client, GenericClient, Transaction};
use qalam_core::article::images::image_uses;
use qalam_core::identity::Signed;
use qalam_core::library::assets::asset_hash;
use qalam_core::package::handoff::text_hash;
use qalam_core::workflow::{decide, ArticleStatus, Event, EventKind, Role};
use qalam_desk_api::{DeskStory, PullPage, PushOutcome, PushRequest, PushResponse, WireEvent, WireStory};

use super::people::{person_of_key, Caller};
use super::visibility::{is_editor, may_see, visible_sql};
use crate::error::DeskError;

/// The largest article text the desk takes (a long feature is a few hundred kilobytes).
pub const MAX_MARKDOWN_BYTES: usize = 4 * 1024 * 1024;
pub const MAX_EVENTS: usize = 20_000;

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
        "SELECT author_person, status, section, head FROM articles WHERE id = $1 FOR UPDATE",
        &[&story.id],
    )
    .await?;
    let mut current = ArticleRow { author: row.get(0), status: row.get(1), section: row.get(2), head: row.get(3) };
    let is_new = current.head.is_none();
    let known: Vec<String> = super::cached::query(&tx, "SELECT hash FROM events WHERE article_id = $1", &[&story.id])
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if is_new && known.is_empty() {
        // A story arrives with its first event (a submission, a share): a draft nobody acted on
        // never leaves its laptop.
        let first = events.first().ok_or_else(|| DeskError::BadInput {
            what: "story".into(),
            why: "it has no record: drafts stay on the laptop until submitted".into(),
        })?;
        let author = person_of_key(&tx, &first.1.actor.0, &first.1.actor_key.0)
            .await?
            .ok_or_else(|| unknown_signer(&first.1.actor_name))?;
        if author.id != caller.person.id && !is_editor(&caller.person) {
            return Err(forbidden_story());
        }
        current.author = Some(author.id);
        super::cached::execute(
            &tx,
            "UPDATE articles SET author_person = $2, author_name = $3 WHERE id = $1",
            &[&story.id, &author.id, &author.name],
        )
        .await?;
    } else if !may_see(&caller.person, current.author, &current.status, current.section.as_deref()) {
        return Err(forbidden_story());
    }

    let mut last = super::cached::query_opt(
        &tx,
        "SELECT hash FROM events WHERE article_id = $1 ORDER BY position DESC LIMIT 1",
        &[&story.id],
    )
    .await?
    .map(|r| r.get::<_, String>(0));
    let mut seen: Vec<String> = known.clone();
    let mut added = 0usize;
    for (event, body) in &events {
        let hash = event.hash();
        if seen.contains(&hash) {
            continue;
        }
        match &body.prev {
            None if last.is_none() => {}
            Some(prev) if seen.contains(prev) => {}
            _ => {
                return Err(DeskError::BadInput {
                    what: "record".into(),
                    why: format!("event {hash} follows an event the desk does not have"),
                })
            }
        }
        let actor = person_of_key(&tx, &body.actor.0, &body.actor_key.0)
            .await?
            .ok_or_else(|| unknown_signer(&body.actor_name))?;
        if let EventKind::Transition(action) = body.kind {
            let state = ArticleStatus::parse(&current.status).unwrap_or(ArticleStatus::Draft);
            if body.from != state {
                return Err(DeskError::MovedOn { status: current.status.clone() });
            }
            let role = Role::parse(&actor.role).unwrap_or(Role::Journalist);
            let to = decide(state, role, action, current.author == Some(actor.id)).map_err(DeskError::refused)?;
            if to != body.to {
                return Err(DeskError::BadInput {
                    what: "event".into(),
                    why: format!("{hash} names a state the rules do not lead to"),
                });
            }
            current.status = to.as_str().to_string();
        }
        super::cached::execute(
            &tx,
            "INSERT INTO events (hash, article_id, position, body, signature)
             VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM events WHERE article_id = $2), $3, $4)",
            &[&hash, &story.id, &event.0.body, &event.0.signature],
        )
        .await?;
        seen.push(hash.clone());
        last = Some(hash);
        added += 1;
    }

    check_pictures(&tx, &article).await?;
    let outcome = if current.head.as_deref() == Some(hash.as_str()) {
        PushOutcome::Unchanged
    } else if request.based_on == current.head {
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
        PushOutcome::Accepted
    } else {
        return Err(DeskError::Conflict { head: current.head.clone().unwrap_or_default() });
    };
    if outcome == PushOutcome::Unchanged && added == 0 {
        // Nothing changed: no new number, nothing for anyone to pull.
        let seq: i64 =
            super::cached::query_one(&tx, "SELECT seq FROM articles WHERE id = $1", &[&story.id]).await?.get(0);
        let response = PushResponse { outcome, head: hash, events_added: 0, seq };
        remember(&tx, caller, &request.client_id, &response).await?;
        tx.commit().await?;
        return Ok(response);
    }
    let seq = next_seq(&tx).await?;
    let (title_terms, body_terms) = search_terms(&article);
    super::cached::execute(
        &tx,
        "UPDATE articles SET status = $2, section = $3, head = $4, seq = $5, updated_at = $6, title = $7,
                search = setweight(to_tsvector('simple', $8), 'A') || setweight(to_tsvector('simple', $9), 'B')
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
        ],
    )
    .await?;
    let response = PushResponse { outcome, head: hash, events_added: added, seq };
    remember(&tx, caller, &request.client_id, &response).await?;
    super::cached::execute(&tx, "SELECT pg_notify('qalam_desk', $1)", &[&seq.to_string()]).await?;
    tx.commit().await?;
    Ok(response)
}

/// The story's words as the app's search analyzer makes them: the title's, and the rest's.
fn search_terms(article: &qalam_core::Article) -> (String, String) {
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
    if story.markdown.len() > MAX_MARKDOWN_BYTES || story.events.len() > MAX_EVENTS {
        return Err(DeskError::BadInput { what: "story".into(), why: "too large".into() });
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

/// Every picture the text uses was uploaded first.
async fn check_pictures(tx: &Transaction<'_>, article: &qalam_core::Article) -> Result<(), DeskError> {
    for image in image_uses(article) {
        let Some(hash) = asset_hash(&image.src) else {
            return Err(DeskError::BadInput {
                what: "picture".into(),
                why: format!("{} is not a picture by hash", image.src),
            });
        };
        if super::cached::query_opt(tx, "SELECT 1 FROM blobs WHERE hash = $1", &[&hash]).await?.is_none() {
            return Err(DeskError::BadInput { what: "picture".into(), why: format!("{} was not uploaded", image.src) });
        }
    }
    Ok(())
}

fn unknown_signer(name: &str) -> DeskError {
    DeskError::Forbidden {
        why: format!("{name}'s signing key is not enrolled at this desk"),
        why_ar: format!("مفتاح توقيع {name} غير مسجّل في هذا المكتب"),
    }
}

fn forbidden_story() -> DeskError {
    DeskError::Forbidden {
        why: "this story is not yours to change".into(),
        why_ar: "ليست هذه القصة مما يحق لك تغييره".into(),
    }
}

/// The most stories one page of a pull holds.
pub const MAX_PAGE: i64 = 200;

pub async fn pull(db: &impl GenericClient, caller: &Caller, after: i64, limit: i64) -> Result<PullPage, DeskError> {
    let limit = limit.clamp(1, MAX_PAGE);
    let sql = format!(
        "SELECT a.id, a.head, a.status, a.author_name, a.section, a.seq FROM articles a
         WHERE a.seq > $1 AND a.head IS NOT NULL AND {} ORDER BY a.seq LIMIT $5",
        visible_sql(2, 3, 4)
    );
    let rows = super::cached::query(
        &*db,
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
        "SELECT article_id, body, signature FROM events WHERE article_id = ANY($1) ORDER BY article_id, position",
        &[&ids],
    )
    .await?
    {
        records.entry(r.get(0)).or_default().push(WireEvent { body: r.get(1), signature: r.get(2) });
    }
    let mut stories = Vec::with_capacity(rows.len());
    for r in rows {
        let id: String = r.get(0);
        let markdown = texts.remove(&id).unwrap_or_default();
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
