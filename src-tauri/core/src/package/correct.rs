//! Correcting a published story in public: its corrected text was approved like any revision;
//! the correction adds the public note. The package is made with the note shown among the story's
//! corrections (page, ninjs, the words its post shows), and the editor signs exactly that package
//! with the note — so a correction carries an approval's authority for what readers will see, and
//! the record keeps every correction signed. Queuing the update to the sites it is published on
//! is the delivery's (`qalam_deliver::correct`).

use super::error::PackageError;
use super::export::ExportOptions;
use crate::check::CheckSettings;
use crate::library::{Library, ReviewError, Signer, StepOutcome};
use crate::publish::life::{PublicCorrection, MAX_NOTE_CHARS};
use crate::workflow::{says_why, Action, Refusal};

pub fn correct(
    library: &mut Library,
    id: &str,
    note: &str,
    signer: &Signer,
    settings: &CheckSettings,
) -> Result<StepOutcome, PackageError> {
    let refused = |refusal| PackageError::from(ReviewError::Refused { id: id.into(), refusal });
    // The rules first (an editor, an approved text), before the work of making the package.
    if let Err(refusal) = library.allowed(id, Action::Correct)? {
        return Err(refused(refusal));
    }
    let note = note.trim();
    if !says_why(Some(note)) {
        return Err(refused(Refusal::NoteRequired { action: Action::Correct }));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ReviewError::NoteTooLong { limit: MAX_NOTE_CHARS }.into());
    }
    // The time the event is signed with is the one the package prints.
    let time = library.now();
    let options = ExportOptions {
        accept_warnings: true,
        settings: settings.clone(),
        correction: Some(PublicCorrection { time, note: note.to_string() }),
        ..ExportOptions::default()
    };
    let bound = super::approve::bind(library, id, &options, Some(time))?;
    Ok(library.correct_bound(id, bound, note, signer)?)
}
