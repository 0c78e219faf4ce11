//! Structural rules: what an article must have, and what its format forbids.

use super::finding::{Finding, FindingKind};
use super::CheckSettings;
use crate::article::inline_text::plain_text;
use crate::article::{Article, Block, SourceMap};
use crate::url_policy::is_allowed_url;

pub fn check(article: &Article, map: &SourceMap, src: &str, settings: &CheckSettings) -> Vec<Finding> {
    let meta = &article.meta;
    let mut out = Vec::new();
    if meta.title.trim().is_empty() {
        out.push(Finding::new(map.field_line("title"), FindingKind::MissingTitle));
    }
    match meta.category.as_deref().map(str::trim) {
        None | Some("") => out.push(Finding::new(map.field_line("category"), FindingKind::MissingCategory)),
        Some(c) if !settings.sections.iter().any(|s| s == c) => {
            out.push(Finding::new(map.field_line("category"), FindingKind::UnknownCategory(c.to_string())))
        }
        Some(_) => {}
    }
    if let Some(hero) = &meta.hero {
        let line = map.field_line("hero");
        if hero.src.trim().is_empty() {
            out.push(Finding::new(line, FindingKind::HeroWithoutSource));
        } else if !is_allowed_url(&hero.src) {
            out.push(Finding::new(
                SourceMap::line_of_value(src, &hero.src, line),
                FindingKind::BadUrl(hero.src.clone()),
            ));
        }
        if hero.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            out.push(Finding::new(line, FindingKind::HeroWithoutAlt));
        }
    }
    let related_line = map.field_line("related");
    for story in &meta.related {
        if story.title.trim().is_empty() || story.url.trim().is_empty() {
            out.push(Finding::new(related_line, FindingKind::RelatedStoryIncomplete));
        } else if !is_allowed_url(&story.url) {
            out.push(Finding::new(
                SourceMap::line_of_value(src, &story.url, related_line),
                FindingKind::BadUrl(story.url.clone()),
            ));
        }
    }
    for heading in &map.headings {
        if !(2..=3).contains(&heading.value) {
            out.push(Finding::new(heading.line, FindingKind::BodyHeadingLevel(heading.value)));
        }
    }
    for url in &map.urls {
        if !is_allowed_url(&url.value) {
            out.push(Finding::new(url.line, FindingKind::BadUrl(url.value.clone())));
        }
    }
    for problem in &map.block_problems {
        out.push(Finding::new(problem.line, FindingKind::Block(problem.value)));
    }
    let mut pullquote_lines = map.pullquotes.iter();
    visit_pullquotes(&article.body, &mut |text| {
        let line = pullquote_lines.next().copied().unwrap_or(map.body_first_line);
        let chars = text.chars().count();
        if chars > settings.max_pullquote_chars {
            out.push(Finding::new(line, FindingKind::LongPullQuote { chars, max: settings.max_pullquote_chars }));
        }
    });
    out
}

/// Calls `f` with the text of every pull-quote, in document order.
fn visit_pullquotes(blocks: &[Block], f: &mut impl FnMut(String)) {
    for block in blocks {
        match block {
            Block::PullQuote { content, .. } => f(plain_text(content)),
            Block::Quote { blocks } => visit_pullquotes(blocks, f),
            Block::List { items, .. } => items.iter().for_each(|item| visit_pullquotes(item, f)),
            _ => {}
        }
    }
}
