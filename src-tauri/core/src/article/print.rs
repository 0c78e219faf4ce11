//! [`Article`] → file text. The output is CommonMark that reads well in any Markdown viewer and
//! parses back to the same model: text is escaped exactly where Markdown would otherwise see
//! structure, and nothing else is changed.

use super::front_matter::print_front_matter;
use super::model::{Article, Block, Inline};
use super::parse::{ATTRIBUTION_PREFIX, PULLQUOTE_MARKER, RELATED_MARKER};

/// Writes an article in the contract format.
pub fn print(article: &Article) -> String {
    let mut out = String::new();
    print_front_matter(&article.meta, &image_credits(article), &mut out);
    let body = print_blocks(&article.body);
    if !body.is_empty() {
        out.push('\n');
        out.push_str(&body);
        out.push('\n');
    }
    out
}

/// Writes a sequence of blocks separated by blank lines, without a final newline.
pub fn print_blocks(blocks: &[Block]) -> String {
    let mut parts = Vec::with_capacity(blocks.len());
    // Two lists in a row would merge into one; CommonMark starts a new list when the bullet
    // character (or the ordered delimiter) changes, so alternate it between neighbours.
    let mut alternate = false;
    let mut previous_list: Option<bool> = None;
    for block in blocks {
        let is_list = match block {
            Block::List { start, .. } => Some(start.is_some()),
            _ => None,
        };
        alternate = match (previous_list, is_list) {
            (Some(prev), Some(this)) if prev == this => !alternate,
            _ => false,
        };
        previous_list = is_list;
        parts.push(print_block(block, alternate));
    }
    parts.join("\n\n")
}

fn print_block(block: &Block, alternate_marker: bool) -> String {
    match block {
        Block::Paragraph { content } => print_inlines(content, Context::Paragraph),
        Block::Heading { level, content } => {
            let text = print_inlines(content, Context::Heading);
            // Only a setext heading (text underlined by === or ---) can hold a line break, and
            // only at levels 1 and 2 — the only ones the parser can produce with one.
            if content.contains(&Inline::LineBreak) && *level <= 2 {
                let underline = if *level == 1 { "===" } else { "---" };
                return format!("{text}\n{underline}");
            }
            let hashes = "#".repeat(*level as usize);
            if text.is_empty() {
                hashes
            } else {
                format!("{hashes} {text}")
            }
        }
        Block::List { start, items } => print_list(*start, items, alternate_marker),
        Block::Quote { blocks } => quote(&print_blocks(blocks)),
        Block::PullQuote { content, attribution } => {
            let mut inner = String::from(PULLQUOTE_MARKER);
            let text = print_inlines(content, Context::Paragraph);
            for line in text.lines().filter(|_| !text.is_empty()) {
                inner.push('\n');
                // A content line that itself began with "— " would read back as the attribution.
                match line.strip_prefix(ATTRIBUTION_PREFIX) {
                    Some(rest) => {
                        inner.push_str("&#8212; ");
                        inner.push_str(rest);
                    }
                    None => inner.push_str(line),
                }
            }
            if let Some(who) = attribution {
                inner.push('\n');
                inner.push_str(ATTRIBUTION_PREFIX);
                inner.push_str(&escape_text(who, false, false));
            }
            quote(&inner)
        }
        Block::Related { links } => {
            let mut inner = String::from(RELATED_MARKER);
            for link in links {
                inner.push_str("\n- [");
                inner.push_str(&escape_text(&link.title, false, false));
                inner.push_str("](");
                inner.push_str(&destination(&link.url));
                inner.push(')');
            }
            quote(&inner)
        }
        Block::Image { alt, src, caption, .. } => image(alt, src, caption),
        Block::Code { info, text } => {
            let fence_char = if info.contains('`') { '~' } else { '`' };
            let longest = longest_run(text, fence_char);
            let fence = fence_char.to_string().repeat(longest.max(2) + 1);
            let newline = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
            format!("{fence}{info}\n{text}{newline}{fence}")
        }
        Block::Rule => "___".to_string(),
    }
}

fn print_list(start: Option<u64>, items: &[Vec<Block>], alternate: bool) -> String {
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let marker = match start {
            Some(n) => format!("{}{}", n + i as u64, if alternate { ')' } else { '.' }),
            None => (if alternate { "*" } else { "-" }).to_string(),
        };
        let body = print_blocks(item);
        if body.is_empty() {
            lines.push(marker);
            continue;
        }
        let indent = " ".repeat(marker.chars().count() + 1);
        for (j, line) in body.split('\n').enumerate() {
            lines.push(match (j, line.is_empty()) {
                (0, _) => format!("{marker} {line}"),
                (_, true) => String::new(),
                _ => format!("{indent}{line}"),
            });
        }
    }
    lines.join("\n")
}

fn quote(inner: &str) -> String {
    inner
        .split('\n')
        .map(|line| if line.is_empty() { ">".to_string() } else { format!("> {line}") })
        .collect::<Vec<_>>()
        .join("\n")
}

fn image(alt: &str, src: &str, title: &str) -> String {
    format!("![{}]({}{})", escape_text(alt, false, false), destination(src), link_title(title))
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Paragraph,
    Heading,
}

fn print_inlines(inlines: &[Inline], context: Context) -> String {
    let mut out = String::new();
    let mut at_line_start = true;
    for (i, inline) in inlines.iter().enumerate() {
        match inline {
            Inline::Text { text } => {
                // "!" right before a link would turn the link into an image.
                let before_link = matches!(inlines.get(i + 1), Some(Inline::Link { .. }));
                let escaped = escape_text(text, at_line_start, context == Context::Heading);
                match escaped.strip_suffix('!').filter(|_| before_link) {
                    Some(head) => {
                        out.push_str(head);
                        out.push_str("\\!");
                    }
                    None => out.push_str(&escaped),
                }
            }
            Inline::Emphasis { content } => {
                out.push('*');
                out.push_str(&print_inlines(content, context));
                out.push('*');
            }
            Inline::Strong { content } => {
                out.push_str("**");
                out.push_str(&print_inlines(content, context));
                out.push_str("**");
            }
            Inline::Link { url, title, content } => {
                out.push('[');
                out.push_str(&print_inlines(content, context));
                out.push_str("](");
                out.push_str(&destination(url));
                out.push_str(&link_title(title));
                out.push(')');
            }
            Inline::Image { alt, src, title } => out.push_str(&image(alt, src, title)),
            Inline::Code { code } => out.push_str(&code_span(code)),
            Inline::LineBreak => out.push_str("\\\n"),
        }
        at_line_start = matches!(inline, Inline::LineBreak);
    }
    out
}

/// Escapes prose so that Markdown reads it as text. Characters that open inline structure are
/// always escaped; characters that only matter at the start of a line are escaped there.
fn escape_text(text: &str, at_line_start: bool, in_heading: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let line_start = at_line_start && i == 0;
        let escape = match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '`' => true,
            '&' => starts_entity(&chars[i..]),
            '#' => line_start || in_heading,
            '>' | '-' | '+' | '=' | '~' | '|' => line_start,
            // "2025. " at the start of a line would open an ordered list.
            '.' | ')' => at_line_start && i > 0 && chars[..i].iter().all(|d| d.is_ascii_digit()),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// True when the text begins with something CommonMark would decode as an entity reference.
fn starts_entity(chars: &[char]) -> bool {
    let Some(end) = chars.iter().take(34).position(|&c| c == ';') else { return false };
    let name = &chars[1..end];
    match name {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(|c| c.is_ascii_hexdigit()),
        ['#', dec @ ..] => !dec.is_empty() && dec.iter().all(|c| c.is_ascii_digit()),
        _ => !name.is_empty() && name.iter().all(|c| c.is_ascii_alphanumeric()),
    }
}

/// A link destination that reads back as `url`.
fn destination(url: &str) -> String {
    let chars: Vec<char> = url.chars().collect();
    let needs_brackets = url.is_empty() || chars.iter().any(|c| c.is_whitespace() || c.is_control());
    let mut out = String::with_capacity(url.len() + 2);
    if needs_brackets {
        out.push('<');
    }
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '<' | '>' => true,
            '(' | ')' => !needs_brackets,
            '&' => starts_entity(&chars[i..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    if needs_brackets {
        out.push('>');
    }
    out
}

fn link_title(title: &str) -> String {
    if title.is_empty() {
        return String::new();
    }
    let chars: Vec<char> = title.chars().collect();
    let mut out = String::from(" \"");
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' || c == '\\' || (c == '&' && starts_entity(&chars[i..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    // CommonMark strips one space from each end when both are spaces, and a backtick at an edge
    // would join the fence: pad in those cases so the content reads back unchanged.
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && code.trim() != "");
    if pad {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// The `image_credits:` to write: each body picture's credit (the first image of a `src` that has
/// one decides), then the unused credits the front matter keeps.
fn image_credits(article: &Article) -> Vec<(String, String)> {
    let mut credits: Vec<(String, String)> = Vec::new();
    super::images::for_each_figure(&article.body, &mut |src, credit| {
        if !credit.is_empty() && !credits.iter().any(|(s, _)| s == src) {
            credits.push((src.to_string(), credit.to_string()));
        }
    });
    for (src, credit) in &article.meta.image_credits {
        if !credits.iter().any(|(s, _)| s == src) {
            credits.push((src.clone(), credit.clone()));
        }
    }
    credits
}
