//! When a save records a revision: a pure function of the last revision, the kind of save, the
//! new text and the time, so the rule is tested without a library.

use super::articles::SaveKind;

/// An autosave also records a revision when the last one is this old…
pub const AUTOSAVE_REVISION_INTERVAL_MS: i64 = 10 * 60 * 1000;
/// …or when the text has grown or shrunk by this many bytes since it.
pub const AUTOSAVE_REVISION_BYTES: usize = 2000;

/// The article's latest revision, as the rule needs it.
#[derive(Debug, Clone, Copy)]
pub struct LastRevision<'a> {
    pub created_at: i64,
    pub markdown: &'a str,
}

/// Whether saving `markdown` now records a revision. The first save always does; any other
/// kind of save does when the text differs from the last revision; an autosave only when, on
/// top of that, the last revision is old or the text has grown or shrunk a lot since.
pub fn records_revision(last: Option<LastRevision>, kind: SaveKind, markdown: &str, now: i64) -> bool {
    let Some(last) = last else { return true };
    let differs = last.markdown != markdown;
    match kind {
        SaveKind::Autosave => {
            differs
                && (now - last.created_at >= AUTOSAVE_REVISION_INTERVAL_MS
                    || markdown.len().abs_diff(last.markdown.len()) >= AUTOSAVE_REVISION_BYTES)
        }
        _ => differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_000_000;

    fn last(markdown: &str) -> Option<LastRevision<'_>> {
        Some(LastRevision { created_at: T0, markdown })
    }

    #[test]
    fn the_first_save_records_one() {
        assert!(records_revision(None, SaveKind::Autosave, "x", T0));
    }

    #[test]
    fn an_autosave_records_one_only_after_a_while_or_a_large_change() {
        assert!(!records_revision(last("a"), SaveKind::Autosave, "ab", T0 + 1000));
        assert!(!records_revision(last("a"), SaveKind::Autosave, "a", T0 + AUTOSAVE_REVISION_INTERVAL_MS));
        assert!(records_revision(last("a"), SaveKind::Autosave, "ab", T0 + AUTOSAVE_REVISION_INTERVAL_MS));
        let long = "x".repeat(AUTOSAVE_REVISION_BYTES + 1);
        assert!(records_revision(last("x"), SaveKind::Autosave, &long, T0 + 1));
    }

    #[test]
    fn other_saves_record_one_whenever_the_text_differs() {
        for kind in [SaveKind::Explicit, SaveKind::Import, SaveKind::Restore, SaveKind::Export, SaveKind::Review] {
            assert!(records_revision(last("a"), kind, "b", T0), "{kind:?}");
            assert!(!records_revision(last("a"), kind, "a", T0), "{kind:?}");
        }
    }
}
