//! The publication's own rules (`crate::style`) over every text of an article: title, kicker,
//! standfirst and the body's running text, each hit at its line.

use super::finding::{Finding, FindingKind, HouseRuleHit};
use crate::article::{Article, SourceMap};
use crate::style::{find_hits, HouseStyle, RuleSeverity};

pub fn check(article: &Article, map: &SourceMap, style: &HouseStyle) -> Vec<Finding> {
    if style.rules.is_empty() {
        return Vec::new();
    }
    let meta = &article.meta;
    let fields =
        [("title", Some(&meta.title)), ("kicker", meta.kicker.as_ref()), ("standfirst", meta.standfirst.as_ref())];
    let mut texts: Vec<(usize, &str)> =
        fields.into_iter().filter_map(|(key, value)| value.map(|v| (map.field_line(key), v.as_str()))).collect();
    texts.extend(map.texts.iter().map(|t| (t.line, t.value.as_str())));
    let mut out = Vec::new();
    for (line, text) in texts {
        for hit in find_hits(text, style) {
            out.push(Finding::new(
                line,
                FindingKind::HouseRule(Box::new(HouseRuleHit {
                    rule: hit.rule.id.clone(),
                    found: hit.found,
                    replacement: hit.replacement,
                    message_ar: hit.rule.message.ar.clone(),
                    message_en: hit.rule.message.en.clone(),
                    blocks: hit.rule.severity == RuleSeverity::Error,
                })),
            ));
        }
    }
    out
}
