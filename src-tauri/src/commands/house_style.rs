//! The house style in the window: the rules and publication settings this library checks and
//! publishes with, a chief's draft tried on a text before it is issued, and issuing it — signed by
//! the chief's key through the library's one entry, then carried to the desk by the next sync.

use qalam_core::dates::display_local_time;
use qalam_core::library::house_style::StyleError;
use qalam_core::library::Library;
use qalam_core::style::{find_hits, HouseStyle};
use qalam_core::workflow::Role;
use qalam_core::Lang;
use serde::{Deserialize, Serialize};
use tauri::State;

use super::review::signer;
use crate::desk_sync::DeskSync;
use crate::interface_language::ShellLang;
use crate::ipc_error::{ErrorCode, IpcError};
use crate::state::{AppState, OrIpc};
use crate::validate;

/// The house style as this library has it.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HouseStyleRow {
    pub style: HouseStyle,
    /// Who issued the kept sheet and when, in the window's words; none before any sheet.
    pub issued_by: Option<String>,
    pub issued_label: Option<String>,
    /// This library's profile is a chief's: the rules may be edited and issued here.
    pub can_issue: bool,
    /// The publication's time zone as the window's language names it («بغداد»): where scheduled
    /// and embargo times are meant.
    pub zone_label: String,
}

fn row(lib: &Library, lang: Lang) -> Result<HouseStyleRow, IpcError> {
    let style = lib.house_style().or_ipc(lang)?;
    let body = lib.style_sheet().or_ipc(lang)?.and_then(|sheet| sheet.verified().ok());
    let can_issue = lib.profile().or_ipc(lang)?.is_some_and(|p| p.person.role == Role::Chief);
    Ok(HouseStyleRow {
        style: style.clone(),
        issued_by: body.as_ref().map(|b| b.signer.name.clone()),
        issued_label: body.as_ref().map(|b| display_local_time(b.issued_at, lang)),
        can_issue,
        zone_label: qalam_core::zoned::zone_name(style.zone(), lang).to_string(),
    })
}

#[tauri::command]
pub fn get_house_style(state: State<'_, AppState>, lang: ShellLang) -> Result<HouseStyleRow, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| row(lib, lang))
}

fn style_error(e: StyleError, lang: Lang) -> IpcError {
    use qalam_core::lang::Localized;
    let code = match e {
        StyleError::Review(review) => return IpcError::review(review, lang),
        StyleError::Rules(_) => ErrorCode::InvalidInput,
        _ => ErrorCode::Failed,
    };
    IpcError::new(code, e.message(lang))
}

/// What `issue_house_style` is given: the whole new house style.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct IssueHouseStyleArgs {
    pub style: HouseStyle,
    pub passphrase: Option<String>,
}

/// Signs `style` with the chief's key and makes it the library's; the desk gets it next sync.
#[tauri::command]
pub fn issue_house_style(
    state: State<'_, AppState>,
    sync: State<'_, DeskSync>,
    args: IssueHouseStyleArgs,
    lang: ShellLang,
) -> Result<HouseStyleRow, IpcError> {
    let IssueHouseStyleArgs { style, passphrase } = args;
    let lang = lang.into();
    let answer = state.with_library(lang, |lib| {
        // Asked first, so a wrong passphrase is said as for any other signed step.
        signer(lib, passphrase.clone(), lang)?;
        lib.issue_style(&style, passphrase.as_deref().filter(|p| !p.is_empty())).map_err(|e| style_error(e, lang))?;
        row(lib, lang)
    })?;
    sync.control.wake();
    Ok(answer)
}

/// What `try_house_style` is given: a draft of the rules and a text to try them on.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct TryHouseStyleArgs {
    pub style: HouseStyle,
    pub text: String,
}

/// Where a rule meets the text tried.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct StyleHitRow {
    pub rule: String,
    pub found: String,
    pub replacement: Option<String>,
    pub message: String,
}

/// The longest text a chief tries rules on at once.
const MAX_TRY_CHARS: usize = 20_000;

#[tauri::command]
pub fn try_house_style(args: TryHouseStyleArgs, lang: ShellLang) -> Result<Vec<StyleHitRow>, IpcError> {
    let TryHouseStyleArgs { style, text } = args;
    let lang = lang.into();
    validate::short(&text, MAX_TRY_CHARS, lang)?;
    style.check().map_err(|e| style_error(StyleError::Rules(e), lang))?;
    Ok(find_hits(&text, &style)
        .into_iter()
        .map(|hit| StyleHitRow {
            rule: hit.rule.id.clone(),
            message: hit.rule.message(lang).to_string(),
            found: hit.found,
            replacement: hit.replacement,
        })
        .collect())
}
