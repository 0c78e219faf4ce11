//! A story's record on the desk, judged by the one rule ([`qalam_core::workflow::authority`]):
//! the desk's people decide whom a key belongs to and what they may do — a key counts for what
//! reaches the desk while its device is active and its person present — and each stored event
//! keeps the person and role it was judged with, so a record replayed later judges every event as
//! it was judged when it arrived. A push's new events are checked before anything is written:
//! all of them count, and none overturns an event the desk already holds.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use deadpool_postgres::{GenericClient, Transaction};
use qalam_core::workflow::authority::{replay, Distrust, Entry, Known, Place, RecordState, Trust};
use qalam_core::workflow::{EventBody, Role};

use crate::error::DeskError;

/// A key as the desk's people know it now.
#[derive(Debug, Clone)]
struct KeyNow {
    public_key: String,
    known: Known,
    /// When it stopped counting (ms), if it did.
    revoked_since: Option<i64>,
}

/// Whom the desk holds each key for: stored events as they were judged, new ones as now.
pub struct DeskTrust {
    stored: HashMap<String, Known>,
    keys: HashMap<String, KeyNow>,
}

impl Trust for DeskTrust {
    fn known(&self, entry: &Entry) -> Result<Known, Distrust> {
        if let Some(known) = self.stored.get(entry.hash) {
            return Ok(known.clone());
        }
        match self.keys.get(&entry.body.actor.0) {
            Some(key) if key.public_key != entry.body.actor_key.0 => Err(Distrust::UnknownKey),
            Some(KeyNow { known, revoked_since: Some(since), .. }) if entry.received_at >= *since => {
                Err(Distrust::Revoked { name: known.name.clone(), since: *since })
            }
            Some(key) => Ok(key.known.clone()),
            None => Err(Distrust::UnknownKey),
        }
    }
}

/// The person the desk counts a key for, as the one rule names people.
pub fn person_key(id: i64) -> String {
    id.to_string()
}

/// The desk's people for the keys that signed `bodies`: a key registered by several devices of
/// one person counts while any of them is active; once all are revoked (or the person removed),
/// it stops counting from the latest of those times.
async fn keys_of(db: &impl GenericClient, bodies: &[&EventBody]) -> Result<HashMap<String, KeyNow>, DeskError> {
    let mut fingerprints: Vec<String> = bodies.iter().map(|b| b.actor.0.clone()).collect();
    fingerprints.sort();
    fingerprints.dedup();
    let rows = super::cached::query(
        db,
        "SELECT d.fingerprint, d.public_key, p.id, p.name, p.role, d.revoked_at, p.removed_at
         FROM devices d JOIN people p ON p.id = d.person_id WHERE d.fingerprint = ANY($1) ORDER BY d.id",
        &[&fingerprints],
    )
    .await?;
    let mut keys: HashMap<String, KeyNow> = HashMap::new();
    for r in rows {
        let fingerprint: String = r.get(0);
        let revoked: Option<DateTime<Utc>> = r.get(5);
        let removed: Option<DateTime<Utc>> = r.get(6);
        let ended = match (revoked, removed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        .map(|t| t.timestamp_millis());
        let known = Known {
            person: person_key(r.get(2)),
            name: r.get(3),
            role: Role::parse(&r.get::<_, String>(4)).unwrap_or(Role::Journalist),
        };
        let this = KeyNow { public_key: r.get(1), known, revoked_since: ended };
        let merged = match keys.remove(&fingerprint) {
            // The first device wins the key (a key belongs to one person); among its devices, the
            // key counts while any is active.
            Some(first) if first.known.person != this.known.person => first,
            Some(first) => KeyNow {
                revoked_since: match (first.revoked_since, this.revoked_since) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                },
                ..first
            },
            None => this,
        };
        keys.insert(fingerprint, merged);
    }
    Ok(keys)
}

/// An event a push brings.
pub struct Arriving<'a> {
    pub body: &'a EventBody,
    pub hash: String,
}

/// What the desk stores for one new event: the person and role it counted with.
pub struct Judged {
    pub hash: String,
    pub known: Known,
}

/// Checks a push's new events (already authentic, of this story, each following an event the
/// desk holds or one before it) against the story's record. `stored_state`: what the desk kept of
/// the replay, if anything. Returns the record's state after them and each one's person.
pub async fn check_new(
    tx: &Transaction<'_>,
    article: &str,
    stored_state: Option<RecordState>,
    new: &[Arriving<'_>],
    now: DateTime<Utc>,
) -> Result<(RecordState, Vec<Judged>), DeskError> {
    let now_ms = now.timestamp_millis();
    let bodies: Vec<&EventBody> = new.iter().map(|a| a.body).collect();
    let keys = keys_of(tx, &bodies).await?;
    let extends = |state: &RecordState| {
        let mut last = state.last.clone();
        new.iter().all(|a| {
            let follows = a.body.prev == last && (last.is_some() || state.events == 0);
            last = Some(a.hash.clone());
            follows
        })
    };
    match stored_state {
        // The common case: the new events extend the record one after another from its last
        // event, so their canonical order is theirs, and the record need not be read again.
        Some(mut state) if extends(&state) => {
            let trust = DeskTrust { stored: HashMap::new(), keys };
            let mut judged = Vec::with_capacity(new.len());
            for a in new {
                let place = if state.events == 0 { Place::Start } else { Place::After };
                let entry = Entry { hash: &a.hash, body: a.body, received_at: now_ms, set_aside: None };
                let verdict = state.apply(&entry, place, &trust);
                match (verdict.refused, verdict.known) {
                    (None, Some(known)) => judged.push(Judged { hash: a.hash.clone(), known }),
                    (Some(why), _) => return Err(DeskError::event_refused(&a.hash, &why)),
                    (None, None) => unreachable!("an event that counts has a signer"),
                }
            }
            Ok((state, judged))
        }
        // A branch (people acting apart), or a record the desk never replayed: replay it whole.
        _ => replay_with(tx, article, new, keys, now_ms).await,
    }
}

async fn replay_with(
    tx: &Transaction<'_>,
    article: &str,
    new: &[Arriving<'_>],
    keys: HashMap<String, KeyNow>,
    now_ms: i64,
) -> Result<(RecordState, Vec<Judged>), DeskError> {
    let rows = super::cached::query(
        tx,
        "SELECT e.hash, e.body, e.received_at, e.person_id, p.name, e.role
         FROM events e LEFT JOIN people p ON p.id = e.person_id WHERE e.article_id = $1 ORDER BY e.position",
        &[&article],
    )
    .await?;
    let mut stored_known = HashMap::new();
    let mut stored: Vec<(String, EventBody, i64)> = Vec::with_capacity(rows.len());
    for r in &rows {
        let hash: String = r.get(0);
        let body: String = r.get(1);
        let Ok(body) = serde_json::from_str::<EventBody>(&body) else { continue };
        let received: DateTime<Utc> = r.get(2);
        if let (Some(id), Some(name), Some(role)) =
            (r.get::<_, Option<i64>>(3), r.get::<_, Option<String>>(4), r.get::<_, Option<String>>(5))
        {
            let role = Role::parse(&role).unwrap_or(Role::Journalist);
            stored_known.insert(hash.clone(), Known { person: person_key(id), name, role });
        }
        stored.push((hash, body, received.timestamp_millis()));
    }
    let trust = DeskTrust { stored: stored_known, keys };
    let mut entries: Vec<Entry> =
        stored.iter().map(|(h, b, at)| Entry { hash: h, body: b, received_at: *at, set_aside: None }).collect();
    let before = replay(&entries, &trust);
    let first_new = entries.len();
    for a in new {
        entries.push(Entry { hash: &a.hash, body: a.body, received_at: now_ms, set_aside: None });
    }
    let after = replay(&entries, &trust);
    // Nothing the desk holds may stop counting because of what arrives late.
    for (i, verdict) in &before.verdicts {
        if verdict.counts() && !after.verdict_of(*i).is_some_and(|v| v.counts()) {
            let overturned = &entries[*i];
            let culprit = new.first().map_or("", |a| a.hash.as_str());
            return Err(DeskError::EventRefused {
                hash: culprit.to_string(),
                why: format!(
                    "it was taken apart from a step the desk already holds ({}) and would undo it: the story moved on",
                    &overturned.hash[..overturned.hash.len().min(12)]
                ),
                why_ar: format!(
                    "اتُّخذ بمعزل عن خطوة يحملها المكتب ({}) وكان سيلغيها: سبقه تغيير آخر",
                    &overturned.hash[..overturned.hash.len().min(12)]
                ),
            });
        }
    }
    let mut judged = Vec::with_capacity(new.len());
    for (k, a) in new.iter().enumerate() {
        let verdict = after.verdict_of(first_new + k).cloned().unwrap_or(qalam_core::workflow::authority::Verdict {
            known: None,
            refused: Some(qalam_core::workflow::authority::Why::MissingPrevious),
        });
        match (verdict.refused, verdict.known) {
            (None, Some(known)) => judged.push(Judged { hash: a.hash.clone(), known }),
            (Some(why), _) => return Err(DeskError::event_refused(&a.hash, &why)),
            (None, None) => unreachable!("an event that counts has a signer"),
        }
    }
    Ok((after.record, judged))
}

/// The desk's person number behind a [`Known`] of this desk.
pub fn person_id(known: &Known) -> Option<i64> {
    known.person.parse().ok()
}
