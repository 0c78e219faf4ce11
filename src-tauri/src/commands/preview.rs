//! The preview pane and the checker panel: both from the article as it is in the editor now.
//! (Not the editors' review: that is the workflow of submitting and approving.)

use qalam_core::article::html::render_article_as;
use qalam_core::article::inline_text::{blocks_plain_text, word_count};
use qalam_core::article::print;
use qalam_core::check::{check_source, CheckSettings, DEFAULT_SECTIONS};
use qalam_core::Article;

use crate::dto::{FindingRow, PreviewAndCheck};
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;
use serde::Deserialize;
use tauri::State;

const WORDS_PER_MINUTE: usize = 180;

/// What `preview_and_check` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PreviewAndCheckArgs {
    pub article: Article,
    pub sections: Vec<String>,
}

#[tauri::command]
pub async fn preview_and_check(
    state: State<'_, AppState>,
    args: PreviewAndCheckArgs,
    lang: ShellLang,
) -> Result<PreviewAndCheck, IpcError> {
    let PreviewAndCheckArgs { article, sections } = args;
    let lang = lang.into();
    validate::article(&article, lang)?;
    let sections =
        if sections.is_empty() { DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect() } else { sections };
    // The publication's house style as this library last received it.
    let settings = CheckSettings { sections, ..state.with_library(lang, |lib| lib.check_settings().or_ipc(lang))? };
    let findings = check_source(&print(&article), &settings).iter().map(|f| FindingRow::new(f, lang)).collect();
    let words = word_count(&blocks_plain_text(&article.body));
    // The preview shows the story as the publication will: its digits, its dates.
    let presentation = settings.style.publication;
    Ok(PreviewAndCheck {
        html: render_article_as(&article, &presentation),
        findings,
        words,
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE).max(1),
        date_label: article.meta.date.map(|d| presentation.date(d, lang)),
    })
}
