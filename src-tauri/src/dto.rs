//! What crosses IPC besides the core's own model types: small transport shapes, one per need.
//! Their TypeScript twins in ui/src/bindings/ are generated from here by ts-rs.

use qalam_core::article::Article;
use qalam_core::library::handoff::{HandedBy, TextOutcome, UnknownSigner};
use qalam_core::library::{ArrivalOutcome, ArticleStatus, SaveKind};
use serde::{Deserialize, Serialize};

/// One row of the drafts list.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    pub status: ArticleStatus,
    /// The last change in local time, the publication's way («20 نيسان 2025، 14:05»).
    pub updated_label: String,
    /// An extract with the search match marked, when the list answers a search.
    pub snippet: Option<String>,
}

/// An article opened in the editor.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct LoadedDraft {
    pub id: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub version: i64,
    pub article: Article,
    pub updated_label: String,
}

/// The result of a save.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SaveResult {
    #[cfg_attr(test, ts(type = "number"))]
    pub version: i64,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub revision: Option<i64>,
    pub written: bool,
    pub updated_label: String,
}

/// One revision in the history panel.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RevisionRow {
    #[cfg_attr(test, ts(type = "number"))]
    pub number: i64,
    pub kind: SaveKind,
    pub title: String,
    pub created_label: String,
}

/// One checker finding, worded in the UI's language, with where to jump.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct FindingRow {
    pub line: usize,
    pub severity: String,
    pub code: String,
    pub message: String,
    pub block: Option<usize>,
    pub field: Option<String>,
    /// A house-style rule's hit: the words as written, and what the rule would make of them (the
    /// window offers it as a one-click replacement).
    pub found: Option<String>,
    pub replacement: Option<String>,
}

impl FindingRow {
    pub fn new(f: &qalam_core::check::Finding, lang: qalam_core::Lang) -> FindingRow {
        use qalam_core::lang::Localized;
        FindingRow {
            line: f.line,
            severity: match f.severity {
                qalam_core::check::Severity::Error => "error".into(),
                qalam_core::check::Severity::Warning => "warning".into(),
            },
            code: f.kind.code().into(),
            message: f.kind.message(lang),
            block: f.block,
            field: f.field.clone(),
            found: f.house_rule().map(|hit| hit.found.clone()),
            replacement: f.house_rule().and_then(|hit| hit.replacement.clone()),
        }
    }
}

/// The preview pane and the checker panel, computed together from one article.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct PreviewAndCheck {
    pub html: String,
    pub findings: Vec<FindingRow>,
    pub words: usize,
    /// Minutes at a reading pace of 180 words a minute (Arabic news), at least 1.
    pub reading_minutes: usize,
    /// The article's date the publication's way («20 نيسان 2025»), if it has one.
    pub date_label: Option<String>,
}

/// The language the UI speaks; messages from the core follow it.
#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    Ar,
    En,
}

impl From<UiLang> for qalam_core::Lang {
    fn from(l: UiLang) -> Self {
        match l {
            UiLang::Ar => qalam_core::Lang::Ar,
            UiLang::En => qalam_core::Lang::En,
        }
    }
}

/// An image just added to the library, ready to be placed in the article.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddedImage {
    /// The article's `src` for it: `assets/<sha256>.<ext>`.
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// How an export ended: the package written, or the findings that stopped it.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ExportReport {
    Exported {
        /// The zip file written.
        path: String,
        sha256: String,
        #[cfg_attr(test, ts(type = "number"))]
        revision: i64,
    },
    /// Errors to fix first (export is blocked).
    NotReady {
        findings: Vec<FindingRow>,
    },
    /// Only warnings: the user may accept them and export.
    Warnings {
        findings: Vec<FindingRow>,
    },
    Cancelled,
}

/// Progress of a running export, sent as the `export-progress` event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
}

/// A package taken into the library.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ImportedPackageRow {
    pub id: String,
    pub title: String,
    pub outcome: ArrivalOutcome,
    /// For a review package: what became of the text (taken, kept, or both kept in conflict).
    pub handoff: Option<TextOutcome>,
    /// For a review package: how many of its new events do not count here (an unknown or removed
    /// key, a step its signer may not take): kept in the record with why, never applied.
    pub not_counting: u32,
    /// The keys among them this library does not know, for the user to trust after checking
    /// (a hand-off's sender this library does not know is the first of them).
    pub unknown_signers: Vec<UnknownSigner>,
    /// For a hand-off: who sealed it, and whether their key counts here.
    pub handed_by: Option<HandedBy>,
}

/// Core types some commands return as they are (comments, notes, diffs): ts-rs writes their
/// TypeScript here too, with everything they refer to.
#[cfg(test)]
mod core_replies {
    use qalam_core::diff::RevisionDiff;
    use qalam_core::library::comments::CommentThread;
    use qalam_core::library::notes::Note;
    use ts_rs::TS;

    #[test]
    fn core_replies_have_typescript_types() {
        let config = ts_rs::Config::from_env();
        CommentThread::export_all(&config).unwrap();
        Note::export_all(&config).unwrap();
        qalam_core::library::suggestions::Suggestion::export_all(&config).unwrap();
        RevisionDiff::export_all(&config).unwrap();
    }
}
