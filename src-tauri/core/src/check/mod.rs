//! The house-style checker: errors that block publishing and warnings an editor may accept, each
//! with the 1-based line of the article file it concerns and a message in Arabic and English.

mod finding;
mod house_rules;
mod structure;

mod typography;

pub use finding::{Finding, FindingKind, HouseRuleHit, Severity};

use crate::article::{parse_with_source_map, Article, SourceMap};
use crate::style::HouseStyle;

/// The publication's sections (from the seed's site); a category outside them is a warning.
pub const DEFAULT_SECTIONS: [&str; 8] = ["سياسة", "أمن", "اقتصاد", "رياضة", "صحة", "محليات", "دوليات", "منوعات"];

/// What the checker needs to know about the publication.
#[derive(Debug, Clone)]
pub struct CheckSettings {
    pub sections: Vec<String>,
    pub max_pullquote_chars: usize,
    /// The publication's own rules, as its chief last issued them (none by default).
    pub style: HouseStyle,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            sections: DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect(),
            max_pullquote_chars: 120,
            style: HouseStyle::default(),
        }
    }
}

/// Checks an article file. A file that cannot be read at all yields its one format error.
pub fn check_source(src: &str, settings: &CheckSettings) -> Vec<Finding> {
    let (article, map) = match parse_with_source_map(src) {
        Ok(parsed) => parsed,
        Err(e) => return vec![Finding::new(e.line, FindingKind::Format(e.kind))],
    };
    let mut findings = structure::check(&article, &map, src, settings);
    findings.extend(typography::check(&article, &map));
    findings.extend(house_rules::check(&article, &map, &settings.style));
    for f in &mut findings {
        (f.block, f.field) = map.locate(f.line);
    }
    findings.sort_by_key(|f| (f.line, f.severity));
    findings
}

/// Every text of an article a reader reads, with its line: the title, kicker and standfirst, then
/// the body's running text.
fn texts_by_line<'a>(article: &'a Article, map: &'a SourceMap) -> Vec<(usize, &'a str)> {
    let meta = &article.meta;
    let fields =
        [("title", Some(&meta.title)), ("kicker", meta.kicker.as_ref()), ("standfirst", meta.standfirst.as_ref())];
    let mut texts: Vec<(usize, &str)> =
        fields.into_iter().filter_map(|(key, value)| value.map(|v| (map.field_line(key), v.as_str()))).collect();
    texts.extend(map.texts.iter().map(|t| (t.line, t.value.as_str())));
    texts
}

/// True when any finding blocks publishing.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
