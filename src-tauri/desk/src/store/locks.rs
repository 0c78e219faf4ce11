//! Soft locks: an editor who opens a submitted story holds its lock for a while (renewed while
//! they keep it open); others see "being edited by …". Taking over someone's lock is allowed and
//! logged with a note. A lock past its time is nobody's.

use chrono::{DateTime, Duration, Utc};
use deadpool_postgres::Client;
use qalam_desk_api::{LockInfo, LockRequest};

use super::people::Caller;
use super::visibility::{is_editor, may_see, visible_sql};
use crate::error::DeskError;

/// How long a lock lasts unless renewed.
pub const LOCK_FOR: Duration = Duration::minutes(10);
const MAX_NOTE_CHARS: usize = 500;

pub enum Taken {
    Held(LockInfo),
    /// Someone else holds it (and `take_over` was not asked).
    ByOther(LockInfo),
}

fn info(r: &tokio_postgres::Row) -> LockInfo {
    LockInfo {
        article_id: r.get(0),
        person_id: r.get(1),
        person_name: r.get(2),
        since: r.get::<_, DateTime<Utc>>(3).to_rfc3339(),
        expires_at: r.get::<_, DateTime<Utc>>(4).to_rfc3339(),
    }
}

pub async fn take(
    db: &mut Client,
    caller: &Caller,
    id: &str,
    request: &LockRequest,
    now: DateTime<Utc>,
) -> Result<Taken, DeskError> {
    if request
        .note
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS || n.chars().any(|c| c.is_control() && c != '\n'))
    {
        return Err(DeskError::BadInput { what: "note".into(), why: "too long or with control characters".into() });
    }
    let tx = db.transaction().await?;
    let row = super::cached::query_opt(
        &tx,
        "SELECT author_person, status, section FROM articles WHERE id = $1 AND head IS NOT NULL FOR UPDATE",
        &[&id],
    )
    .await?
    .ok_or(DeskError::NoSuchArticle)?;
    if !may_see(&caller.person, row.get(0), &row.get::<_, String>(1), row.get::<_, Option<String>>(2).as_deref()) {
        // Said exactly as for a story that does not exist: a refusal tells nothing.
        return Err(DeskError::NoSuchArticle);
    }
    let current = super::cached::query_opt(&tx,
            "SELECT article_id, person_id, person_name, since, expires_at FROM locks WHERE article_id = $1 AND expires_at > $2",
            &[&id, &now],
        )
        .await?
        .map(|r| info(&r));
    let (action, since, taken_from) = match &current {
        Some(lock) if lock.person_id == caller.person.id => ("renew", lock.since.clone(), None),
        Some(lock) if !request.take_over => return Ok(Taken::ByOther(lock.clone())),
        Some(lock) => ("take-over", now.to_rfc3339(), Some(lock.person_name.clone())),
        None => ("take", now.to_rfc3339(), None),
    };
    let since: DateTime<Utc> = DateTime::parse_from_rfc3339(&since).map(|d| d.with_timezone(&Utc)).unwrap_or(now);
    let expires = now + LOCK_FOR;
    let row = super::cached::query_one(
        &tx,
        "INSERT INTO locks (article_id, person_id, person_name, since, expires_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (article_id) DO UPDATE SET person_id = excluded.person_id, person_name = excluded.person_name,
                 since = excluded.since, expires_at = excluded.expires_at
             RETURNING article_id, person_id, person_name, since, expires_at",
        &[&id, &caller.person.id, &caller.person.name, &since, &expires],
    )
    .await?;
    if action != "renew" {
        super::cached::execute(
            &tx,
            "INSERT INTO lock_log (article_id, person_id, action, taken_from, note) VALUES ($1, $2, $3, $4, $5)",
            &[&id, &caller.person.id, &action, &taken_from, &request.note],
        )
        .await?;
        super::cached::execute(&tx, "SELECT pg_notify('qalam_desk', '0')", &[]).await?;
    }
    tx.commit().await?;
    Ok(Taken::Held(info(&row)))
}

/// Gives the caller's lock back (nothing happens if it is not theirs).
pub async fn release(db: &mut Client, caller: &Caller, id: &str) -> Result<(), DeskError> {
    let tx = db.transaction().await?;
    let n = super::cached::execute(
        &tx,
        "DELETE FROM locks WHERE article_id = $1 AND person_id = $2",
        &[&id, &caller.person.id],
    )
    .await?;
    if n > 0 {
        super::cached::execute(
            &tx,
            "INSERT INTO lock_log (article_id, person_id, action) VALUES ($1, $2, 'release')",
            &[&id, &caller.person.id],
        )
        .await?;
        super::cached::execute(&tx, "SELECT pg_notify('qalam_desk', '0')", &[]).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The live locks on stories the caller may see.
pub async fn list(db: &Client, caller: &Caller, now: DateTime<Utc>) -> Result<Vec<LockInfo>, DeskError> {
    let sql = format!(
        "SELECT l.article_id, l.person_id, l.person_name, l.since, l.expires_at FROM locks l JOIN articles a ON a.id = l.article_id
         WHERE l.expires_at > $1 AND {} ORDER BY l.since",
        visible_sql(2, 3, 4)
    );
    let rows =
        super::cached::query(db, &sql, &[&now, &caller.person.id, &is_editor(&caller.person), &caller.person.sections])
            .await?;
    Ok(rows.iter().map(info).collect())
}
