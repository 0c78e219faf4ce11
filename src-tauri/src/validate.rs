//! Checks on what the webview sends, before any of it reaches the library: the webview is not
//! trusted to be well-formed, only to be the user's.

use qalam_core::article::model::{is_plausible_language_tag, is_valid_id};
use qalam_core::article::{Article, Block};
use qalam_core::Lang;

use crate::ipc_error::IpcError;

/// More text than any news article holds; a payload beyond it is a fault, not a story.
const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;
/// Blocks nested deeper than the format allows cannot be stored (the library prints and parses
/// every model before writing it, with the parser's limit); refusing them here only keeps such a
/// model from being walked at all.
const MAX_DEPTH: usize = qalam_core::article::parse::MAX_NESTING;

pub fn id(id: &str, lang: Lang) -> Result<(), IpcError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(IpcError::invalid(lang, "معرّف المقال غير صالح", "the article id is not valid"))
    }
}

/// A value typed into a form, refused past `max` bytes (no field of a form is longer).
pub fn short(value: &str, max: usize, lang: Lang) -> Result<(), IpcError> {
    if value.len() <= max {
        Ok(())
    } else {
        Err(IpcError::invalid(lang, "قيمة أطول من المسموح", "a value is too long"))
    }
}

pub fn language(tag: &str, lang: Lang) -> Result<(), IpcError> {
    if is_plausible_language_tag(tag) {
        Ok(())
    } else {
        Err(IpcError::invalid(lang, "رمز لغة غير صالح", "not a language tag"))
    }
}

pub fn article(article: &Article, lang: Lang) -> Result<(), IpcError> {
    let meta = &article.meta;
    if let Some(own) = &meta.id {
        id(own, lang)?;
    }
    if !is_plausible_language_tag(&meta.language) {
        return Err(IpcError::invalid(lang, "رمز لغة المقال غير صالح", "the article's language tag is not valid"));
    }
    let json_size = serde_json::to_vec(article).map(|v| v.len()).unwrap_or(usize::MAX);
    if json_size > MAX_TEXT_BYTES {
        return Err(IpcError::invalid(lang, "المقال أكبر من الحد المسموح", "the article is larger than allowed"));
    }
    blocks(&article.body, 0, lang)
}

fn blocks(body: &[Block], depth: usize, lang: Lang) -> Result<(), IpcError> {
    if depth > MAX_DEPTH {
        return Err(IpcError::invalid(lang, "تداخل الكتل أعمق من المسموح", "blocks are nested too deeply"));
    }
    for block in body {
        match block {
            Block::Heading { level, .. } if !(1..=6).contains(level) => {
                return Err(IpcError::invalid(lang, "مستوى عنوان غير صالح", "a heading level is not valid"))
            }
            Block::List { items, .. } => {
                for item in items {
                    blocks(item, depth + 1, lang)?;
                }
            }
            Block::Quote { blocks: inner } => blocks(inner, depth + 1, lang)?,
            _ => {}
        }
    }
    Ok(())
}
