//! The publication's own rules (`crate::style`) over every text of an article: title, kicker,
//! standfirst and the body's running text, each hit at its line.

use super::finding::{Finding, FindingKind, HouseRuleHit};
use super::texts_by_line;
use crate::article::{Article, SourceMap};
use crate::style::{HouseStyle, RuleIndex, RuleSeverity};

pub fn check(article: &Article, map: &SourceMap, style: &HouseStyle) -> Vec<Finding> {
    if style.rules.is_empty() {
        return Vec::new();
    }
    let index = RuleIndex::new(style);
    let mut out = Vec::new();
    for (line, text) in texts_by_line(article, map) {
        for hit in index.hits(text) {
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
