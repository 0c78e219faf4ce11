//! The three-way merge behind the conflict view: the common revision (base) and the two sides,
//! compared line by line. Where only one side changed a stretch of the base, that change is the
//! suggestion; where both did, the user decides. Either way each stretch that differs is offered
//! with both versions, so the user can take every change from either side.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Side {
    Ours,
    Theirs,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum MergeChunk {
    /// Lines both sides kept as they were.
    Same { text: String },
    /// A stretch that differs: the base's lines and each side's; `suggested` when only one side
    /// changed it.
    Differ { base: String, ours: String, theirs: String, suggested: Option<Side> },
}

/// A change one side made: base lines `start..end` became `lines`.
struct Change<'a> {
    start: usize,
    end: usize,
    lines: Vec<&'a str>,
}

fn changes<'a>(base: &[&str], side: &[&'a str]) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_index, old_len, .. } => {
                out.push(Change { start: old_index, end: old_index + old_len, lines: Vec::new() })
            }
            DiffOp::Insert { old_index, new_index, new_len } => out.push(Change {
                start: old_index,
                end: old_index,
                lines: side[new_index..new_index + new_len].to_vec(),
            }),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => out.push(Change {
                start: old_index,
                end: old_index + old_len,
                lines: side[new_index..new_index + new_len].to_vec(),
            }),
        }
    }
    out
}

/// Lines with their line ends, so joining them gives the text back.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

pub fn merge(base: &str, ours: &str, theirs: &str) -> Vec<MergeChunk> {
    let (b, o, t) = (lines(base), lines(ours), lines(theirs));
    let (mine, other) = (changes(&b, &o), changes(&b, &t));
    // Regions of the base touched by either side, grown until no change straddles their edges.
    let mut spans: Vec<(usize, usize)> = mine.iter().chain(&other).map(|c| (c.start, c.end)).collect();
    spans.sort();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match regions.last_mut() {
            // Touching or overlapping spans are one region (an insertion at a region's edge too).
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => regions.push((start, end)),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in regions {
        if start > at {
            out.push(MergeChunk::Same { text: b[at..start].concat() });
        }
        let in_region = |c: &&Change| c.start >= start && c.end <= end;
        let m: Vec<&Change> = mine.iter().filter(in_region).collect();
        let t: Vec<&Change> = other.iter().filter(in_region).collect();
        let base_text = b[start..end].concat();
        let ours_text = apply(&b, &m, start, end);
        let theirs_text = apply(&b, &t, start, end);
        let suggested = match (m.is_empty(), t.is_empty()) {
            (false, true) => Some(Side::Ours),
            (true, false) => Some(Side::Theirs),
            _ if ours_text == theirs_text => Some(Side::Ours),
            _ => None,
        };
        out.push(MergeChunk::Differ { base: base_text, ours: ours_text, theirs: theirs_text, suggested });
        at = end;
    }
    if at < b.len() {
        out.push(MergeChunk::Same { text: b[at..].concat() });
    }
    out
}

fn apply(base: &[&str], changes: &[&Change], start: usize, end: usize) -> String {
    let mut out = String::new();
    let mut at = start;
    for c in changes {
        out.push_str(&base[at..c.start].concat());
        out.push_str(&c.lines.concat());
        at = c.end;
    }
    out.push_str(&base[at..end].concat());
    out
}

/// The merged text: each differing chunk from the side chosen for it (in order).
pub fn merged_text(chunks: &[MergeChunk], choices: &[Side]) -> Option<String> {
    let mut out = String::new();
    let mut choices = choices.iter();
    for chunk in chunks {
        match chunk {
            MergeChunk::Same { text } => out.push_str(text),
            MergeChunk::Differ { ours, theirs, .. } => match choices.next()? {
                Side::Ours => out.push_str(ours),
                Side::Theirs => out.push_str(theirs),
            },
        }
    }
    choices.next().is_none().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "عنوان\nفقرة أولى\nفقرة ثانية\nفقرة ثالثة\n";

    #[test]
    fn changes_of_one_side_are_suggested_and_both_sides_can_be_taken() {
        let ours = "عنوان\nفقرة أولى معدلة\nفقرة ثانية\nفقرة ثالثة\n";
        let theirs = "عنوان\nفقرة أولى\nفقرة ثانية\nفقرة ثالثة وخاتمة\n";
        let chunks = merge(BASE, ours, theirs);
        let suggested: Vec<Option<Side>> = chunks
            .iter()
            .filter_map(|c| match c {
                MergeChunk::Differ { suggested, .. } => Some(*suggested),
                _ => None,
            })
            .collect();
        assert_eq!(suggested, vec![Some(Side::Ours), Some(Side::Theirs)]);
        assert_eq!(
            merged_text(&chunks, &[Side::Ours, Side::Theirs]).unwrap(),
            "عنوان\nفقرة أولى معدلة\nفقرة ثانية\nفقرة ثالثة وخاتمة\n"
        );
        assert_eq!(merged_text(&chunks, &[Side::Theirs, Side::Ours]).unwrap(), BASE);
        assert_eq!(merged_text(&chunks, &[Side::Ours]), None, "a choice for every chunk");
    }

    #[test]
    fn a_stretch_both_changed_is_left_to_the_user() {
        let chunks = merge(BASE, "عنوان\nنسختي\nفقرة ثانية\nفقرة ثالثة\n", "عنوان\nنسختهم\nفقرة ثانية\nفقرة ثالثة\n");
        let conflict = chunks.iter().find(|c| matches!(c, MergeChunk::Differ { .. })).unwrap();
        assert_eq!(
            conflict,
            &MergeChunk::Differ {
                base: "فقرة أولى\n".into(),
                ours: "نسختي\n".into(),
                theirs: "نسختهم\n".into(),
                suggested: None
            }
        );
    }

    #[test]
    fn with_no_common_revision_the_whole_text_is_one_choice() {
        let chunks = merge("", "أ\n", "ب\n");
        assert_eq!(chunks.len(), 1);
        assert_eq!(merged_text(&chunks, &[Side::Theirs]).unwrap(), "ب\n");
    }
}
