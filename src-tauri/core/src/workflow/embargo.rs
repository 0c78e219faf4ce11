//! An embargo: "not before T" on a story, set by an editor as a signed event of its record. Until
//! T nobody publishes it — the publish step is refused wherever the event arrives (a laptop, the
//! desk), and a delivery goes to the site as scheduled for T. An editor may set it or move it
//! later; lifting it before T (clearing it, or moving it earlier) is breaking it, which only a chief
//! does, saying why. Times are judged at the moment an event reached its receiver, never by the
//! time the event claims.

use serde::{Deserialize, Serialize};

use super::authority::Known;
use super::Role;
use crate::lang::{Lang, Localized};

/// What an embargo event says: the time (ms since the epoch, UTC) the story may be published
/// from, or none to lift it; and the zone the editor meant it in, to show it back the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EmbargoChange {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub until: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// The embargo a record holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embargo {
    pub until: i64,
    pub zone: Option<String>,
    pub by: Known,
    /// The event that set it.
    pub event: String,
}

impl Embargo {
    /// The time it holds the story back until, if it still does at `now`.
    pub fn holding_at(&self, now: i64) -> Option<i64> {
        (self.until > now).then_some(self.until)
    }
}

/// Why an embargo event does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum EmbargoProblem {
    /// Only editors set or move an embargo.
    EditorsOnly,
    /// Lifting it before its time (clearing it, or moving it earlier) is breaking it: a chief's
    /// step, with the reason written in its note.
    OnlyAChiefBreaks,
    /// A time already past holds nothing back: a mistake, not an embargo.
    Passed,
    /// More than ten years ahead: a mistyped year.
    TooFar,
    /// Lifting an embargo the story does not have (asked here, before anything is signed: an
    /// event saying so would change nothing).
    NoneToLift,
}

/// The furthest ahead an embargo or a schedule may be: ten years.
pub const MAX_AHEAD_MS: i64 = 10 * 366 * 24 * 3_600_000;

/// Whether `until` is a time an editor can mean: still ahead of `now`, and within ten years.
pub fn plausible(until: i64, now: i64) -> Result<(), EmbargoProblem> {
    if until <= now {
        return Err(EmbargoProblem::Passed);
    }
    if until > now.saturating_add(MAX_AHEAD_MS) {
        return Err(EmbargoProblem::TooFar);
    }
    Ok(())
}

/// Whether `change`, signed by someone in `role` (with a note saying why or not) at `now` (when
/// it reached the receiver), may change the embargo `held`.
pub fn judge(
    held: Option<&Embargo>,
    change: &EmbargoChange,
    role: Role,
    says_why: bool,
    now: i64,
) -> Result<(), EmbargoProblem> {
    if !role.is_editor() {
        return Err(EmbargoProblem::EditorsOnly);
    }
    let in_force = held.and_then(|e| e.holding_at(now));
    let lifts_early = in_force.is_some_and(|held| change.until.is_none_or(|until| until < held));
    if lifts_early && !(role == Role::Chief && says_why) {
        return Err(EmbargoProblem::OnlyAChiefBreaks);
    }
    Ok(())
}

impl Localized for EmbargoProblem {
    fn message(&self, lang: Lang) -> String {
        match self {
            EmbargoProblem::EditorsOnly => {
                lang.pick("يضع الحظر الزمني المحررون وحدهم", "only editors set an embargo").into()
            }
            EmbargoProblem::OnlyAChiefBreaks => lang
                .pick(
                    "رفع الحظر قبل موعده كسرٌ له: يفعله رئيس التحرير وحده، مع سببٍ مكتوب في الملاحظة",
                    "lifting an embargo before its time breaks it: only a chief does, with the reason in the note",
                )
                .into(),
            EmbargoProblem::Passed => lang
                .pick(
                    "هذا الوقت مضى: الحظر لا يمنع شيئًا قبله، فلم يُسجَّل",
                    "that time has passed: it would hold nothing back, so it was not recorded",
                )
                .into(),
            EmbargoProblem::TooFar => lang
                .pick(
                    "الوقت بعد أكثر من عشر سنوات: تحقّق من السنة",
                    "that time is more than ten years ahead: check the year",
                )
                .into(),
            EmbargoProblem::NoneToLift => lang
                .pick(
                    "القصة بلا حظر زمني: لا شيء يُرفع، فلم يُسجَّل",
                    "the story has no embargo: nothing to lift, so nothing was recorded",
                )
                .into(),
        }
    }
}
