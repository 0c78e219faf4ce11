//! Where a story stands in review, as `qalam status` and the app show it: its state, who wrote
//! and who reviews it, its latest approval and whether the text changed since, and its record.
//! Also the desk: every story with what its card shows.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::review_error::ReviewError;
use super::{Library, LibraryError};
use crate::hash::text_hash;
use crate::identity::Fingerprint;
use crate::workflow::audit::RecordLine;
use crate::workflow::{Action, ArticleStatus};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApprovalInfo {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    pub by: String,
    pub fingerprint: Fingerprint,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub time: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewState {
    pub id: String,
    pub title: String,
    pub status: ArticleStatus,
    pub approval: Option<ApprovalInfo>,
    /// The text changed after the latest approval ("approved at r7 by …, edited since").
    pub edited_since_approval: bool,
    pub in_conflict: bool,
    /// "Not before": the embargo the record holds (in force or passed).
    pub embargo: Option<crate::workflow::embargo::Embargo>,
    /// The record in the order it is replayed: each event, the person this library holds for its
    /// key, and why it does not count if it does not.
    pub history: Vec<RecordLine>,
}

/// One card of the desk.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DeskCard {
    pub id: String,
    pub title: String,
    pub status: ArticleStatus,
    pub section: Option<String>,
    pub author: Option<String>,
    pub reviewer: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated_at: i64,
    pub in_conflict: bool,
    /// A site of this library holds it to publish at this time (ms since the epoch).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub scheduled_at: Option<i64>,
    /// Where readers find it now: its latest delivery published, not taken down since.
    pub live_url: Option<String>,
}

impl Library {
    pub fn review_state(&self, id: &str) -> Result<ReviewState, ReviewError> {
        let (title, status, markdown, conflict): (String, ArticleStatus, String, Option<i64>) = self
            .conn
            .query_row("SELECT title, status, markdown, conflict_theirs FROM articles WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?
            .ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
        let history = self.record(id)?;
        // The approval the story stands on: the latest that counts, unless a step since took the
        // story away from it (changes requested, spiked, withdrawn…); publishing and editing keep
        // it (an edit is shown as "edited since"). Names are this library's for the key.
        let approval = history
            .iter()
            .rev()
            .filter(|l| l.refused.is_none())
            .filter_map(|l| l.body.action().map(|action| (l, action)))
            .find(|(_, action)| !matches!(action, Action::Publish | Action::Edit | Action::Correct))
            .and_then(|(l, action)| (action == Action::Approve).then_some(l));
        let edited_since_approval = approval.is_some_and(|a| a.body.content_hash != text_hash(&markdown));
        let approval = approval.map(|a| ApprovalInfo {
            revision: a.body.revision,
            by: a.known.as_ref().map_or_else(|| a.body.actor_name.clone(), |k| k.name.clone()),
            fingerprint: a.body.actor.clone(),
            time: a.body.time,
        });
        Ok(ReviewState {
            id: id.into(),
            title,
            status,
            approval,
            edited_since_approval,
            in_conflict: conflict.is_some(),
            embargo: self.embargo(id)?,
            history,
        })
    }

    /// Every story not in the trash, newest change first, as the desk shows it. Names come from
    /// the people this library trusts, else from the events themselves.
    pub fn desk(&self) -> Result<Vec<DeskCard>, ReviewError> {
        // Scheduled and live: what this library's deliveries left on sites (a desk card of a
        // story delivered from another laptop says neither).
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.id, a.title, a.status, a.section, coalesce(pa.name, a.author_name), coalesce(pr.name, a.reviewer_name),
                    a.updated_at, a.conflict_theirs IS NOT NULL,
                    (SELECT min(d.publish_at) FROM deliveries d
                      WHERE d.article_id = a.id AND {public} AND d.publish_at > ?1),
                    {live}
             FROM articles a
             LEFT JOIN people pa ON pa.fingerprint = a.author
             LEFT JOIN people pr ON pr.fingerprint = a.reviewer
             WHERE a.trashed_at IS NULL
             ORDER BY a.updated_at DESC, a.seq DESC",
            public = super::deliveries::PUBLIC_ON_ITS_SITE,
            live = super::deliveries::live_url_sql("a.id", "?1"),
        ))?;
        let rows = stmt.query_map([self.now()], |r| {
            Ok(DeskCard {
                id: r.get(0)?,
                title: r.get(1)?,
                status: r.get(2)?,
                section: r.get(3)?,
                author: r.get(4)?,
                reviewer: r.get(5)?,
                updated_at: r.get(6)?,
                in_conflict: r.get(7)?,
                scheduled_at: r.get(8)?,
                live_url: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
