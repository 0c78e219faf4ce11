//! The sample article offered on first run: the seed (Infoplus, 20 نيسان 2025), so that a new user
//! sees a real right-to-left article at once.

use qalam_core::article::parse;
use tauri::State;

use super::drafts::loaded;
use crate::dto::LoadedDraft;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};

const SAMPLE: &str = include_str!("../../assets/sample-article.md");

#[tauri::command]
pub fn import_sample(state: State<'_, AppState>, lang: ShellLang) -> Result<LoadedDraft, IpcError> {
    let lang = lang.into();
    let article = parse(SAMPLE).expect("the bundled sample is a valid article (tested in qalam-core)");
    state.with_library(lang, |lib| {
        let (id, _) = lib.import(&article).or_ipc(lang)?;
        Ok(loaded(lib.load(&id).or_ipc(lang)?, lang))
    })
}
