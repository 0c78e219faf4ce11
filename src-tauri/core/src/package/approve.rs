//! Approving: the package of the working copy is made (the checker must pass; the editor's
//! approval accepts its warnings), its content hashed, and the approval of exactly that revision
//! and content signed — so the approval binds the text and pictures the editor saw, and the
//! words its post will show on a site.

use std::sync::atomic::AtomicBool;

use super::approval::listing_hash;
use super::error::PackageError;
use super::export::{prepare, ExportControl, ExportOptions};
use crate::article::presented::presented;
use crate::check::CheckSettings;
use crate::library::workflow::Bound;
use crate::library::{Library, ReviewError, Signer, StepOutcome};
use crate::publish::post::approved_web_text_hash;
use crate::workflow::suggestion::SuggestionProblem;
use crate::workflow::{Action, Refusal as WorkflowRefusal};

/// A workflow step as every front end asks for it (the window, the CLI): an approval makes the
/// package and signs exactly it; editing is recorded by saving, never asked for; every other step
/// is recorded as the rules allow. The note goes to the library's steps as given: they trim it,
/// and the rules refuse a step that must say why with a note that shows nothing.
pub fn take_step(
    library: &mut Library,
    id: &str,
    action: Action,
    note: Option<&str>,
    signer: &Signer,
    settings: &CheckSettings,
) -> Result<StepOutcome, PackageError> {
    match action {
        Action::Approve => approve(library, id, note, signer, settings),
        Action::Correct => match note {
            Some(note) => super::correct::correct(library, id, note, signer, settings),
            None => {
                Err(ReviewError::Refused { id: id.into(), refusal: WorkflowRefusal::NoteRequired { action } }.into())
            }
        },
        Action::Edit => {
            Err(ReviewError::Refused { id: id.into(), refusal: WorkflowRefusal::NotAStep { action } }.into())
        }
        other => Ok(library.act(id, other, note, signer)?),
    }
}

pub fn approve(
    library: &mut Library,
    id: &str,
    note: Option<&str>,
    signer: &Signer,
    settings: &CheckSettings,
) -> Result<StepOutcome, PackageError> {
    // A refusal by the rules comes before the work of making the package. An editor approving a
    // story still only submitted starts the review with it, in one step.
    let start_review = match library.allowed(id, Action::Approve)? {
        Ok(_) => false,
        Err(_) if library.allowed_actions(id)?.contains(&Action::Approve) => true,
        Err(refusal) => return Err(ReviewError::Refused { id: id.into(), refusal }.into()),
    };
    // The approved text is the one everyone agreed on: not one of two versions kept after both
    // sides changed it, and no suggestion may still be open.
    if library.conflict(id)?.is_some() {
        return Err(ReviewError::InConflict { id: id.into() }.into());
    }
    let open = library.open_suggestions(id)?;
    if open > 0 {
        return Err(ReviewError::Suggestion(SuggestionProblem::StillOpen { count: open }).into());
    }
    let options = ExportOptions { accept_warnings: true, settings: settings.clone(), ..ExportOptions::default() };
    let bound = bind(library, id, &options, None)?;
    Ok(library.approve_bound(id, bound, note, signer, start_review)?)
}

/// Makes the package a signature will bind (an approval's, a correction's, signed at `time` when
/// the package shows it): its revision, the hash of every file and of the words its post shows.
pub(super) fn bind(
    library: &mut Library,
    id: &str,
    options: &ExportOptions,
    time: Option<i64>,
) -> Result<Bound, PackageError> {
    let job = prepare(library, id, options)?;
    let revision = job.revision();
    // The words as the site will show them: in the publication's digits, as delivery sends them.
    let presentation = &options.settings.style.publication;
    let web_text_hash = approved_web_text_hash(&presented(job.article(), presentation), job.life(), presentation);
    let cancel = AtomicBool::new(false);
    let package = job.run(&ExportControl { progress: &|_, _| {}, cancel: &cancel })?;
    let package_files = package.approvable;
    Ok(Bound { revision, package_hash: listing_hash(&package_files), package_files, web_text_hash, time })
}
