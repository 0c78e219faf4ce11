//! Deliveries: each is a row holding the exact package to deliver, so it survives a restart, a
//! kill or an edit made meanwhile. A sender *claims* a row with a short lease before working on
//! it — at most one row per target is claimed at a time, across every process using the library
//! (the app and the CLI), so a target never has two requests from here in flight. A killed
//! sender's lease runs out and the row is taken up again; what the target already has is in
//! [`super::remote_ids`], so taking it up again never makes a second post or picture.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::error::LibraryError;
use super::targets::PostStatus;
use super::Library;

/// How long a claim holds without news from its sender (each step renews it).
pub const LEASE_MS: i64 = 120_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum DeliveryState {
    /// Waiting for its next attempt (or being sent).
    Queued,
    /// On the target.
    Delivered,
    /// Stopped for a reason a retry alone would not fix (a refusal, a wrong password): the user
    /// fixes it and retries.
    Failed,
    Cancelled,
}

impl DeliveryState {
    fn parse(s: &str) -> DeliveryState {
        match s {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            "cancelled" => DeliveryState::Cancelled,
            _ => DeliveryState::Queued,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Delivery {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub article_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    pub title: String,
    pub target: String,
    pub status: PostStatus,
    /// The revision carried an editor's approval of exactly this content.
    pub approved: bool,
    /// The package's content hash (what an approval signs).
    pub content_hash: String,
    pub state: DeliveryState,
    /// What the sender is doing now, e.g. `media 2/3` (while queued and claimed).
    pub step: Option<String>,
    /// A sender holds it now.
    pub sending: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub attempts: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub next_attempt_at: i64,
    /// The last failure, stored with its code and both languages' words.
    pub last_error: Option<String>,
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub done_at: Option<i64>,
    /// Scheduled: the site publishes it at this time (ms since the epoch), not before.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    #[serde(default)]
    pub publish_at: Option<i64>,
    /// How many public corrections its package shows.
    #[serde(default)]
    pub corrections: u32,
    /// When the story was taken down from this target after this delivery (ms since the epoch).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    #[serde(default)]
    pub taken_down_at: Option<i64>,
}

/// Where a delivered story stands on its target, for readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PublicState {
    /// The site publishes it at `publish_at`, not before.
    Scheduled,
    Published,
    /// Published, showing one correction or more.
    Corrected,
    /// Taken down since: its post is a draft again.
    TakenDown,
}

impl PublicState {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicState::Scheduled => "scheduled",
            PublicState::Published => "published",
            PublicState::Corrected => "corrected",
            PublicState::TakenDown => "taken-down",
        }
    }

    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            PublicState::Scheduled => lang.pick("مجدولة", "scheduled"),
            PublicState::Published => lang.pick("منشورة", "published"),
            PublicState::Corrected => lang.pick("منشورة مصحّحة", "corrected"),
            PublicState::TakenDown => lang.pick("سُحبت من النشر", "taken down"),
        }
    }
}

impl Delivery {
    /// What readers of its target see of this delivery at `now`: nothing for one not delivered,
    /// or delivered as a draft or pending.
    pub fn public_state(&self, now: i64) -> Option<PublicState> {
        if self.state != DeliveryState::Delivered {
            return None;
        }
        if self.taken_down_at.is_some() {
            return Some(PublicState::TakenDown);
        }
        if self.status != PostStatus::Publish {
            return None;
        }
        Some(match (self.publish_at, self.corrections) {
            (Some(at), _) if at > now => PublicState::Scheduled,
            (_, 0) => PublicState::Published,
            _ => PublicState::Corrected,
        })
    }
}

/// What readers see of each delivery of `listed` (newest first): only the newest delivered one of
/// a story to a target stands for what that site shows now; older ones are history (none).
pub fn public_states(listed: &[Delivery], now: i64) -> Vec<Option<PublicState>> {
    let mut seen = std::collections::HashSet::new();
    listed
        .iter()
        .map(|d| {
            let newest = d.state == DeliveryState::Delivered && seen.insert((d.article_id.as_str(), d.target.as_str()));
            if newest {
                d.public_state(now)
            } else {
                None
            }
        })
        .collect()
}

/// SQL: the row `d` of `deliveries` is what its target shows of its story now — the newest
/// delivered there, published, not taken down since. (The rows' side of [`public_states`].)
pub(super) const PUBLIC_ON_ITS_SITE: &str = "d.state = 'delivered' AND d.post_status = 'publish'
    AND d.taken_down_at IS NULL
    AND d.id = (SELECT max(e.id) FROM deliveries e
                WHERE e.article_id = d.article_id AND e.target = d.target AND e.state = 'delivered')";

/// SQL: the address readers find story `article` (an SQL expression) at now (`now`, an SQL
/// parameter), if a site of this library shows it.
pub(super) fn live_url_sql(article: &str, now: &str) -> String {
    format!(
        "(SELECT d.remote_url FROM deliveries d WHERE d.article_id = {article} AND {PUBLIC_ON_ITS_SITE}
          AND (d.publish_at IS NULL OR d.publish_at <= {now}) ORDER BY d.id DESC LIMIT 1)"
    )
}

/// A delivery to queue.
pub struct NewDelivery<'a> {
    pub article_id: &'a str,
    pub revision: i64,
    pub title: &'a str,
    pub target: &'a str,
    pub status: PostStatus,
    pub approved: bool,
    pub package: &'a [u8],
    pub content_hash: &'a str,
    pub publish_at: Option<i64>,
    pub corrections: u32,
}

const COLUMNS: &str = "id, article_id, revision, title, target, post_status, approved, content_hash, state, step,
     lease_until, attempts, next_attempt_at, last_error, remote_id, remote_url, created_at, done_at, publish_at,
     corrections, taken_down_at";

fn delivery(now: i64) -> impl Fn(&rusqlite::Row) -> rusqlite::Result<Delivery> {
    move |r| {
        Ok(Delivery {
            id: r.get(0)?,
            article_id: r.get(1)?,
            revision: r.get(2)?,
            title: r.get(3)?,
            target: r.get(4)?,
            status: PostStatus::parse(&r.get::<_, String>(5)?).unwrap_or(PostStatus::Draft),
            approved: r.get(6)?,
            content_hash: r.get(7)?,
            state: DeliveryState::parse(&r.get::<_, String>(8)?),
            step: r.get(9)?,
            sending: r.get::<_, Option<i64>>(10)?.is_some_and(|until| until >= now),
            attempts: r.get(11)?,
            next_attempt_at: r.get(12)?,
            last_error: r.get(13)?,
            remote_id: r.get(14)?,
            remote_url: r.get(15)?,
            created_at: r.get(16)?,
            done_at: r.get(17)?,
            publish_at: r.get(18)?,
            corrections: r.get(19)?,
            taken_down_at: r.get(20)?,
        })
    }
}

impl Library {
    pub fn queue_delivery(&mut self, d: &NewDelivery) -> Result<i64, LibraryError> {
        let now = self.now();
        self.conn.execute(
            "INSERT INTO deliveries (article_id, revision, title, target, post_status, approved, package, content_hash,
                                     next_attempt_at, created_at, publish_at, corrections)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
            params![
                d.article_id,
                d.revision,
                d.title,
                d.target,
                d.status.as_str(),
                d.approved,
                d.package,
                d.content_hash,
                now,
                d.publish_at,
                d.corrections
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn delivery(&self, id: i64) -> Result<Option<Delivery>, LibraryError> {
        let now = self.now();
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM deliveries WHERE id = ?1"), [id], delivery(now))
            .optional()?)
    }

    /// Deliveries newest first: of one article, or all.
    pub fn deliveries(&self, article: Option<&str>, limit: usize) -> Result<Vec<Delivery>, LibraryError> {
        let now = self.now();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM deliveries WHERE ?1 IS NULL OR article_id = ?1 ORDER BY id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![article, limit as i64], delivery(now))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The package a delivery carries.
    pub fn delivery_package(&self, id: i64) -> Result<Vec<u8>, LibraryError> {
        Ok(self.conn.query_row("SELECT package FROM deliveries WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// Claims the oldest due row of a target nobody is sending to (`only`: that row alone;
    /// `ignore_backoff`: whatever its time), for [`LEASE_MS`]. A claim whose process is gone (on
    /// Linux, its pid has left /proc: killed, crashed) holds no longer.
    pub fn claim_delivery(
        &mut self,
        only: Option<i64>,
        ignore_backoff: bool,
    ) -> Result<Option<Delivery>, LibraryError> {
        let now = self.now();
        let due_by = if ignore_backoff { i64::MAX } else { now };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let held: Vec<(i64, Option<i64>)> = {
            let mut stmt =
                tx.prepare("SELECT id, lease_pid FROM deliveries WHERE state = 'queued' AND lease_until >= ?1")?;
            let rows = stmt.query_map([now], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (id, pid) in held {
            if pid.is_some_and(|pid| !process_alive(pid)) {
                tx.execute("UPDATE deliveries SET lease_until = NULL, lease_pid = NULL, lease_pid = NULL, step = NULL WHERE id = ?1", [id])?;
            }
        }
        let id: Option<i64> = tx
            .query_row(
                "SELECT id FROM deliveries d
                 WHERE state = 'queued' AND next_attempt_at <= ?2 AND (?3 IS NULL OR id = ?3)
                   AND NOT EXISTS (SELECT 1 FROM deliveries o
                                   WHERE o.target = d.target AND o.state = 'queued' AND o.lease_until >= ?1)
                 ORDER BY id LIMIT 1",
                params![now, due_by, only],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        tx.execute(
            "UPDATE deliveries SET lease_until = ?2, lease_pid = ?3 WHERE id = ?1",
            params![id, now + LEASE_MS, std::process::id()],
        )?;
        let claimed = tx.query_row(&format!("SELECT {COLUMNS} FROM deliveries WHERE id = ?1"), [id], delivery(now))?;
        tx.commit()?;
        Ok(Some(claimed))
    }

    /// Gives a claimed row back untried, due at `at` (the per-hour ceiling was reached).
    pub fn delivery_wait(&mut self, id: i64, error: &str, at: i64) -> Result<(), LibraryError> {
        self.conn.execute(
            "UPDATE deliveries SET next_attempt_at = ?2, last_error = ?3, step = NULL, lease_until = NULL, lease_pid = NULL, lease_pid = NULL
             WHERE id = ?1 AND state = 'queued'",
            params![id, at, error],
        )?;
        Ok(())
    }

    /// Says what the sender is doing, and renews its claim.
    pub fn delivery_progress(&mut self, id: i64, step: &str) -> Result<(), LibraryError> {
        let now = self.now();
        self.conn.execute(
            "UPDATE deliveries SET step = ?2, lease_until = ?3 WHERE id = ?1 AND state = 'queued'",
            params![id, step, now + LEASE_MS],
        )?;
        Ok(())
    }

    /// On the target as `remote_id` (at `remote_url`).
    pub fn delivery_done(&mut self, id: i64, remote_id: &str, remote_url: Option<&str>) -> Result<(), LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE deliveries SET state = 'delivered', step = NULL, lease_until = NULL, lease_pid = NULL, last_error = NULL,
                    attempts = attempts + 1, remote_id = ?2, remote_url = ?3, done_at = ?4
             WHERE id = ?1",
            params![id, remote_id, remote_url, now],
        )?;
        record_attempt(&tx, id, now, None)?;
        tx.commit()?;
        Ok(())
    }

    /// A passing failure: try again at `retry_at`, saying why meanwhile.
    pub fn delivery_retry_later(&mut self, id: i64, error: &str, retry_at: i64) -> Result<(), LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3, step = NULL,
                    lease_until = NULL
             WHERE id = ?1 AND state = 'queued'",
            params![id, retry_at, error],
        )?;
        record_attempt(&tx, id, now, Some(error))?;
        tx.commit()?;
        Ok(())
    }

    /// A failure the user has to act on: the row stops until they retry it.
    pub fn delivery_failed(&mut self, id: i64, error: &str) -> Result<(), LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = ?2, step = NULL,
                    lease_until = NULL, lease_pid = NULL, done_at = ?3
             WHERE id = ?1 AND state = 'queued'",
            params![id, error, now],
        )?;
        record_attempt(&tx, id, now, Some(error))?;
        tx.commit()?;
        Ok(())
    }

    /// The user's retry: a failed, cancelled or waiting row is due now. False when it was
    /// delivered (nothing to retry) or does not exist. A row whose target was removed is never
    /// sent again — not even to a new target given the same name, which may be another place.
    pub fn retry_delivery(&mut self, id: i64) -> Result<bool, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction()?;
        let row: Option<(String, bool)> = tx
            .query_row(
                "SELECT d.target, EXISTS (SELECT 1 FROM targets t WHERE t.name = d.target AND t.created_at <= d.created_at)
                 FROM deliveries d WHERE d.id = ?1 AND d.state IN ('queued', 'failed', 'cancelled')",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((target, its_target_is_there)) = row else { return Ok(false) };
        if !its_target_is_there {
            return Err(LibraryError::TargetRemoved { delivery: id, target });
        }
        tx.execute(
            "UPDATE deliveries SET state = 'queued', next_attempt_at = ?2, done_at = NULL WHERE id = ?1",
            params![id, now],
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// The site holds delivery `id` to publish at `at` (a schedule, or the embargo's time).
    pub fn set_delivery_publish_at(&mut self, id: i64, at: i64) -> Result<(), LibraryError> {
        self.conn.execute("UPDATE deliveries SET publish_at = ?2 WHERE id = ?1", params![id, at])?;
        Ok(())
    }

    /// The story is no longer public on `target`: every delivery of it there is marked taken down.
    pub fn mark_taken_down(&mut self, article_id: &str, target: &str) -> Result<(), LibraryError> {
        let now = self.now();
        self.conn.execute(
            "UPDATE deliveries SET taken_down_at = ?3 WHERE article_id = ?1 AND target = ?2 AND taken_down_at IS NULL",
            params![article_id, target, now],
        )?;
        Ok(())
    }

    /// The targets where the story is public now: its latest delivery there published it and it
    /// was not taken down since (the sites a correction goes to).
    pub fn published_on(&self, article_id: &str) -> Result<Vec<String>, LibraryError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT target FROM deliveries d WHERE d.article_id = ?1 AND {PUBLIC_ON_ITS_SITE} ORDER BY target"
        ))?;
        let targets = stmt.query_map([article_id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(targets)
    }

    /// Where readers find story `article_id` now, if a site of this library shows it.
    pub fn live_url(&self, article_id: &str) -> Result<Option<String>, LibraryError> {
        let sql = format!("SELECT {}", live_url_sql("?1", "?2"));
        Ok(self.conn.query_row(&sql, params![article_id, self.now()], |r| r.get(0))?)
    }

    /// The user's cancel: a row not delivered stops (a send under way finishes its request, and
    /// its result is still recorded in the target map). False when delivered or unknown.
    pub fn cancel_delivery(&mut self, id: i64) -> Result<bool, LibraryError> {
        let now = self.now();
        Ok(self.conn.execute(
            "UPDATE deliveries SET state = 'cancelled', step = NULL, lease_until = NULL, lease_pid = NULL, done_at = ?2
             WHERE id = ?1 AND state IN ('queued', 'failed')",
            params![id, now],
        )? == 1)
    }

    /// Failed attempts at `target` in the hour before now, and when the oldest of them was.
    pub fn failures_in_last_hour(&self, target: &str) -> Result<(i64, Option<i64>), LibraryError> {
        let since = self.now() - 3_600_000;
        Ok(self.conn.query_row(
            "SELECT count(*), min(at) FROM delivery_attempts WHERE target = ?1 AND ok = 0 AND at > ?2",
            params![target, since],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// When the next waiting row is due (for the worker's sleep).
    pub fn next_delivery_attempt(&self) -> Result<Option<i64>, LibraryError> {
        Ok(self
            .conn
            .query_row("SELECT min(next_attempt_at) FROM deliveries WHERE state = 'queued'", [], |r| r.get(0))?)
    }

    pub fn deliveries_waiting(&self) -> Result<i64, LibraryError> {
        Ok(self.conn.query_row("SELECT count(*) FROM deliveries WHERE state = 'queued'", [], |r| r.get(0))?)
    }
}

/// Whether process `pid` of this machine still runs (where that can be told; elsewhere, a
/// claim holds until its lease runs out).
fn process_alive(pid: i64) -> bool {
    if cfg!(target_os = "linux") {
        pid as u32 == std::process::id() || std::path::Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

fn record_attempt(tx: &rusqlite::Transaction, id: i64, now: i64, error: Option<&str>) -> Result<(), LibraryError> {
    tx.execute(
        "INSERT INTO delivery_attempts (delivery_id, target, at, ok, error)
         SELECT id, target, ?2, ?3, ?4 FROM deliveries WHERE id = ?1",
        params![id, now, error.is_none(), error],
    )?;
    // The per-hour ceiling looks back an hour; older attempts are history nobody reads.
    tx.execute("DELETE FROM delivery_attempts WHERE at < ?1", [now - 86_400_000])?;
    Ok(())
}
