//! A story's embargo in the library: set, moved or lifted as a signed step of its record (the one
//! rule decides who may), and read back from the record as it stands here.

use super::review_error::ReviewError;
use super::workflow::{Step, StepOutcome};
use super::{Library, Signer};
use crate::workflow::embargo::{Embargo, EmbargoChange};

impl Library {
    /// Sets story `id`'s embargo to `until` (ms since the epoch; none lifts it), meant in `zone`.
    /// Lifting it before its time needs a chief and a `note` saying why.
    pub fn set_embargo(
        &mut self,
        id: &str,
        until: Option<i64>,
        zone: Option<&str>,
        note: Option<&str>,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        match until {
            Some(until) => crate::workflow::embargo::plausible(until, self.now()).map_err(ReviewError::Embargo)?,
            None if self.embargo(id)?.is_none() => {
                return Err(ReviewError::Embargo(crate::workflow::embargo::EmbargoProblem::NoneToLift))
            }
            None => {}
        }
        let change = EmbargoChange { until, zone: zone.map(str::to_string) };
        self.step(id, Step::Embargo(change), note, signer, None)
    }

    /// The counted embargo step the record stands on (the last that set, moved or lifted it), as
    /// signed: a site takes a chief's early lift only from it.
    pub fn embargo_step(&self, id: &str) -> Result<Option<crate::workflow::Event>, ReviewError> {
        let counted = self
            .record(id)?
            .into_iter()
            .rev()
            .find(|l| l.refused.is_none() && matches!(l.body.kind, crate::workflow::EventKind::Embargo(_)));
        let Some(line) = counted else { return Ok(None) };
        Ok(self.events(id)?.into_iter().map(|(event, _)| event).find(|e| e.hash() == line.hash))
    }

    /// The embargo story `id`'s record holds (in force, or passed), if any.
    pub fn embargo(&self, id: &str) -> Result<Option<Embargo>, ReviewError> {
        Ok(super::standing::replayed(&self.conn, id)?.0.embargo)
    }
}
