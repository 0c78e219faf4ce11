//! The house style between a library and its desk, once per sync pass (after the desk's people
//! are taken, so the signer is judged by whom the desk counts now): the desk's newer sheet is
//! taken by the library's own rule; a newer sheet of the library's (its chief just issued one) is
//! offered to the desk, which judges it by its own. A refusal either way is reported, never fatal:
//! stories still sync, and the library keeps checking with the last rules it took.

use qalam_core::identity::Signed;
use qalam_core::library::house_style::{StyleError, Taken};
use qalam_core::library::Library;
use qalam_core::workflow::StyleSheet;
use qalam_desk_api::WireStyleSheet;
use serde::Serialize;

use crate::client::DeskClient;
use crate::error::SyncError;
use crate::send::stored_error;

/// What the pass did with the house style.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state", content = "reason")]
pub enum StyleExchange {
    /// Both sides had the same sheet (or neither had one).
    #[default]
    Same,
    /// The desk's newer sheet is the library's now.
    Received,
    /// The library's newer sheet is the desk's now.
    Sent,
    /// One side refused the other's sheet: why, as a stored error.
    Refused(String),
}

pub async fn exchange_style(library: &mut Library, client: &DeskClient) -> Result<StyleExchange, SyncError> {
    let ours = library.style_issued_at()?;
    let desk = client.style(ours.unwrap_or(0)).await?;
    if let Some(wire) = desk.sheet {
        let sheet = StyleSheet(Signed { body: wire.body, signature: wire.signature });
        return match library.take_style_sheet(&sheet) {
            Ok(Taken::New) => Ok(StyleExchange::Received),
            Ok(Taken::AlreadyHad) => Ok(StyleExchange::Same),
            Err(StyleError::Review(e)) => Err(e.into()),
            Err(refusal) => Ok(StyleExchange::Refused(qalam_core::lang::stored_error(refusal.code(), &refusal))),
        };
    }
    let Some(mine) = ours else { return Ok(StyleExchange::Same) };
    if desk.issued_at.is_some_and(|theirs| theirs >= mine) {
        return Ok(StyleExchange::Same);
    }
    let Some(sheet) = library.style_sheet()? else { return Ok(StyleExchange::Same) };
    match client.offer_style(&WireStyleSheet { body: sheet.0.body, signature: sheet.0.signature }).await {
        Ok(_) => Ok(StyleExchange::Sent),
        Err(e) if e.is_passing() || e.is_unauthorized() => Err(e),
        Err(e @ SyncError::Desk { .. }) => Ok(StyleExchange::Refused(stored_error(&e))),
        Err(e) => Err(e),
    }
}
