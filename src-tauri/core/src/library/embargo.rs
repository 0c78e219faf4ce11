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

    /// The embargo story `id`'s record holds (in force, or passed), if any.
    pub fn embargo(&self, id: &str) -> Result<Option<Embargo>, ReviewError> {
        Ok(super::standing::replayed(&self.conn, id)?.0.embargo)
    }
}
