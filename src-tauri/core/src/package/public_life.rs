//! A story's public life read from its record, for the package of one revision: the first
//! publication of an earlier revision (so this one is an update), and every correction signed up
//! to this revision. Only events that count by the one rule are read; the same record gives the
//! same life on every machine, so an approval made here matches the package a delivery makes.

use crate::publish::life::{PublicCorrection, PublicLife, MAX_CORRECTIONS};
use crate::workflow::audit::RecordLine;
use crate::workflow::Action;

/// The package file that carries it (only when there is something to tell).
pub const PUBLIC_LIFE_PATH: &str = "public-life.json";

pub fn public_life(record: &[RecordLine], revision: i64, revision_created_at: i64) -> PublicLife {
    let counted = || record.iter().filter(|l| l.refused.is_none());
    let first_published = counted()
        .filter(|l| matches!(l.body.action(), Some(Action::Publish | Action::Correct)) && l.body.revision < revision)
        .map(|l| l.body.time)
        .min();
    let mut corrections: Vec<PublicCorrection> = counted()
        .filter(|l| l.body.action() == Some(Action::Correct) && l.body.revision <= revision)
        .filter_map(|l| Some(PublicCorrection { time: l.body.time, note: l.body.note.clone()? }))
        .collect();
    let keep_from = corrections.len().saturating_sub(MAX_CORRECTIONS);
    corrections.drain(..keep_from);
    PublicLife { first_published, updated: first_published.map(|_| revision_created_at), corrections }
}
