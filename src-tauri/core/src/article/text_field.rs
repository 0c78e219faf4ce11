//! The article's fields of running text, as comments and suggestions address them: the title, the
//! kicker, the standfirst and the body, each read as plain text (the body one block per line, as
//! [`blocks_plain_text`] gives it) with offsets in characters.
//!
//! [`replace_in_field`] is the one way a suggestion changes the text: it replaces a range of that
//! plain text in the model, keeping the formatting around it. A range may not cross from one
//! block into another, nor cut into a picture, code or a line break: such an edit is refused
//! rather than guessed.

use serde::{Deserialize, Serialize};

use super::inline_text::{blocks_plain_text, merge_texts, plain_text};
use super::model::{Article, Block, Inline};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum AnchorField {
    Title,
    Kicker,
    Standfirst,
    Body,
}

impl AnchorField {
    pub const ALL: [AnchorField; 4] =
        [AnchorField::Title, AnchorField::Kicker, AnchorField::Standfirst, AnchorField::Body];

    pub fn as_str(self) -> &'static str {
        match self {
            AnchorField::Title => "title",
            AnchorField::Kicker => "kicker",
            AnchorField::Standfirst => "standfirst",
            AnchorField::Body => "body",
        }
    }

    pub fn parse(name: &str) -> Option<AnchorField> {
        AnchorField::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// The plain text of a field.
pub fn field_text(article: &Article, field: AnchorField) -> String {
    match field {
        AnchorField::Title => article.meta.title.clone(),
        AnchorField::Kicker => article.meta.kicker.clone().unwrap_or_default(),
        AnchorField::Standfirst => article.meta.standfirst.clone().unwrap_or_default(),
        AnchorField::Body => blocks_plain_text(&article.body),
    }
}

/// Why a range of a field cannot be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditProblem {
    /// The range is not within the field's text.
    OutOfRange,
    /// The range runs from one paragraph (or heading, list item…) into the next.
    CrossesBlocks,
    /// The range cuts into something that is not running text: a picture, code, a line break, a
    /// pull-quote's attribution, a related-stories block.
    NotRunningText,
    /// The new words would start a new line: a suggestion stays within its line.
    NewLine,
    /// The new words hold an invisible control character (the format refuses them).
    ControlCharacter,
    /// The text would read back as something else (the words would make a heading, a list, code…).
    ChangesStructure,
}

/// `article` with the characters `start..end` of `field`'s plain text replaced by `with`.
pub fn replace_in_field(
    article: &Article,
    field: AnchorField,
    start: usize,
    end: usize,
    with: &str,
) -> Result<Article, EditProblem> {
    if start > end {
        return Err(EditProblem::OutOfRange);
    }
    if with.contains(['\n', '\r']) {
        return Err(EditProblem::NewLine);
    }
    if with.chars().any(|c| c < ' ' && c != '\t') {
        return Err(EditProblem::ControlCharacter);
    }
    let mut edited = article.clone();
    let meta = &mut edited.meta;
    match field {
        AnchorField::Title => meta.title = replace_chars(&meta.title, start, end, with)?,
        AnchorField::Kicker => {
            meta.kicker = optional(replace_chars(meta.kicker.as_deref().unwrap_or(""), start, end, with)?)
        }
        AnchorField::Standfirst => {
            meta.standfirst = optional(replace_chars(meta.standfirst.as_deref().unwrap_or(""), start, end, with)?)
        }
        AnchorField::Body => {
            let mut edit = Edit { start, end, with, pos: 0, done: false };
            edit.blocks(&mut edited.body)?;
            if !edit.done {
                return Err(EditProblem::OutOfRange);
            }
        }
    }
    // The edited text must read back as exactly this model: words that would turn into markup
    // (a line of code, markers around spaces…) are refused rather than stored as something else.
    match super::parse(&super::print(&edited)) {
        Ok(back) if back == edited => Ok(edited),
        _ => Err(EditProblem::ChangesStructure),
    }
}

fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn replace_chars(text: &str, start: usize, end: usize, with: &str) -> Result<String, EditProblem> {
    let chars: Vec<char> = text.chars().collect();
    if end > chars.len() {
        return Err(EditProblem::OutOfRange);
    }
    Ok(chars[..start].iter().collect::<String>() + with + &chars[end..].iter().collect::<String>())
}

fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// A replacement being carried out over the body, `pos` the plain-text offset walked to.
struct Edit<'a> {
    start: usize,
    end: usize,
    with: &'a str,
    pos: usize,
    done: bool,
}

impl Edit<'_> {
    /// Walks blocks exactly as [`blocks_plain_text`] lays them out (each followed by a newline).
    fn blocks(&mut self, blocks: &mut [Block]) -> Result<(), EditProblem> {
        for block in blocks {
            if self.done {
                return Ok(());
            }
            let len = char_len(&blocks_plain_text(std::slice::from_ref(block)));
            let (first, line_end) = (self.pos, self.pos + len - 1);
            if self.start > line_end {
                self.pos += len;
                continue;
            }
            if self.end > line_end {
                return Err(EditProblem::CrossesBlocks);
            }
            match block {
                Block::Paragraph { content } | Block::Heading { content, .. } => self.inlines_of(content, first)?,
                Block::PullQuote { content, .. } => {
                    if self.end > first + char_len(&plain_text(content)) {
                        return Err(EditProblem::NotRunningText);
                    }
                    self.inlines_of(content, first)?
                }
                Block::List { items, .. } => {
                    for item in items.iter_mut() {
                        self.blocks(item)?;
                    }
                }
                Block::Quote { blocks } => self.blocks(blocks)?,
                Block::Related { .. } | Block::Image { .. } | Block::Code { .. } | Block::Rule => {
                    return Err(EditProblem::NotRunningText)
                }
            }
            if !self.done {
                // The range fell on a nested block's line ending: nothing there is running text.
                return Err(EditProblem::CrossesBlocks);
            }
        }
        Ok(())
    }

    fn inlines_of(&mut self, content: &mut Vec<Inline>, first: usize) -> Result<(), EditProblem> {
        let mut inline =
            InlineEdit { start: self.start - first, end: self.end - first, with: self.with, pos: 0, inserted: false };
        inline.walk(content)?;
        if !inline.inserted && !self.with.is_empty() {
            if !content.is_empty() {
                return Err(EditProblem::NotRunningText);
            }
            content.push(Inline::text(self.with));
        }
        *content = merge_texts(trim_block(hoist_spaces(prune(std::mem::take(content)))));
        self.done = true;
        Ok(())
    }
}

/// The replacement within one block's inline content (offsets relative to it).
struct InlineEdit<'a> {
    start: usize,
    end: usize,
    with: &'a str,
    pos: usize,
    inserted: bool,
}

impl InlineEdit<'_> {
    fn walk(&mut self, inlines: &mut [Inline]) -> Result<(), EditProblem> {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.text(text),
                Inline::Emphasis { content } | Inline::Strong { content } | Inline::Link { content, .. } => {
                    self.walk(content)?
                }
                Inline::Image { alt: opaque, .. } | Inline::Code { code: opaque } => self.opaque(char_len(opaque))?,
                Inline::LineBreak => self.opaque(1)?,
            }
        }
        Ok(())
    }

    /// A leaf that cannot be edited in part: the range may touch it, not enter it.
    fn opaque(&mut self, len: usize) -> Result<(), EditProblem> {
        let (a, b) = (self.pos, self.pos + len);
        if self.start < b && self.end > a {
            return Err(EditProblem::NotRunningText);
        }
        self.pos = b;
        Ok(())
    }

    fn text(&mut self, text: &mut String) {
        let len = char_len(text);
        let (a, b) = (self.pos, self.pos + len);
        self.pos = b;
        // New words go where the deleted ones began; typed at a boundary, they join the words
        // before (as typing does), or the first words when at the very start.
        let here = if self.start < self.end {
            a <= self.start && self.start < b
        } else {
            (a < self.start && self.start <= b) || (self.start == 0 && a == 0)
        };
        let insert = here && !self.inserted;
        let (cut_from, cut_to) = (self.start.clamp(a, b) - a, self.end.clamp(a, b) - a);
        if cut_from == cut_to && !insert {
            return;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut edited: String = chars[..cut_from].iter().collect();
        if insert {
            edited.push_str(self.with);
            self.inserted = true;
        }
        edited.extend(&chars[cut_to..]);
        *text = edited;
    }
}

/// Moves spaces at the edges of emphasis, strong text and links outside them, as Markdown needs
/// (`**كلمة **` is not bold): deleting the last word inside bold leaves the space beside it.
fn hoist_spaces(inlines: Vec<Inline>) -> Vec<Inline> {
    type Rebuild = Box<dyn FnOnce(Vec<Inline>) -> Inline>;
    let starts_spaced =
        |i: Option<&Inline>| matches!(i, Some(Inline::Text { text }) if text.starts_with(char::is_whitespace));
    let ends_spaced =
        |i: Option<&Inline>| matches!(i, Some(Inline::Text { text }) if text.ends_with(char::is_whitespace));
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    let mut rest = inlines.into_iter().peekable();
    while let Some(inline) = rest.next() {
        let (content, rebuild): (Vec<Inline>, Rebuild) = match inline {
            Inline::Emphasis { content } => (content, Box::new(|c| Inline::Emphasis { content: c })),
            Inline::Strong { content } => (content, Box::new(|c| Inline::Strong { content: c })),
            Inline::Link { url, title, content } => {
                (content, Box::new(move |c| Inline::Link { url, title, content: c }))
            }
            other => {
                out.push(other);
                continue;
            }
        };
        let mut content = hoist_spaces(content);
        let (lead, tail) = (take_edge(&mut content, true), take_edge(&mut content, false));
        // A space moved out next to one already there is not doubled.
        if !lead.is_empty() && !ends_spaced(out.last()) {
            out.push(Inline::text(lead));
        }
        if !content.is_empty() {
            out.push(rebuild(content));
        }
        if !tail.is_empty() && !starts_spaced(rest.peek()) {
            out.push(Inline::text(tail));
        }
    }
    out
}

/// Takes the whitespace off the first (or last) text of `content`.
fn take_edge(content: &mut [Inline], start: bool) -> String {
    let leaf = if start { content.first_mut() } else { content.last_mut() };
    let Some(Inline::Text { text }) = leaf else { return String::new() };
    let kept = if start { text.trim_start() } else { text.trim_end() }.to_string();
    let taken = if start { text[..text.len() - kept.len()].to_string() } else { text[kept.len()..].to_string() };
    *text = kept;
    taken
}

/// A block's text starts and ends with a word (Markdown drops spaces there; four at the start
/// would make it code).
fn trim_block(mut content: Vec<Inline>) -> Vec<Inline> {
    take_edge(&mut content, true);
    take_edge(&mut content, false);
    prune(content)
}

/// Drops emphasis, strong text and links left with nothing in them.
fn prune(inlines: Vec<Inline>) -> Vec<Inline> {
    inlines
        .into_iter()
        .filter_map(|inline| match inline {
            Inline::Emphasis { content } => non_empty(prune(content)).map(|content| Inline::Emphasis { content }),
            Inline::Strong { content } => non_empty(prune(content)).map(|content| Inline::Strong { content }),
            Inline::Link { url, title, content } => {
                non_empty(prune(content)).map(|content| Inline::Link { url, title, content })
            }
            Inline::Text { text } if text.is_empty() => None,
            other => Some(other),
        })
        .collect()
}

fn non_empty(content: Vec<Inline>) -> Option<Vec<Inline>> {
    (!content.is_empty()).then_some(content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    fn body(markdown: &str) -> Article {
        parse(&format!("---\ntitle: عنوان\n---\n\n{markdown}")).unwrap()
    }

    fn edit(article: &Article, quote: &str, with: &str) -> Result<Article, EditProblem> {
        let text = field_text(article, AnchorField::Body);
        let byte = text.find(quote).unwrap();
        let start = char_len(&text[..byte]);
        replace_in_field(article, AnchorField::Body, start, start + char_len(quote), with)
    }

    fn printed(article: &Article) -> String {
        crate::article::print(article).split("---\n").last().unwrap().trim().to_string()
    }

    #[test]
    fn replaces_words_inside_formatting_and_keeps_it() {
        let a = body("قال **الوزير الأول** إن الجسر جاهز.\n\nفقرة ثانية.");
        assert_eq!(
            printed(&edit(&a, "الأول", "الثاني").unwrap()),
            "قال **الوزير الثاني** إن الجسر جاهز.\n\nفقرة ثانية."
        );
        assert_eq!(printed(&edit(&a, "ثانية", "أخيرة").unwrap()), "قال **الوزير الأول** إن الجسر جاهز.\n\nفقرة أخيرة.");
    }

    #[test]
    fn a_range_across_formatting_deletes_through_it_and_drops_what_empties() {
        let a = body("قال **الوزير** إن الجسر جاهز.");
        assert_eq!(printed(&edit(&a, "قال الوزير إن", "أكّد").unwrap()), "أكّد الجسر جاهز.");
        assert_eq!(printed(&edit(&a, "الوزير ", "").unwrap()), "قال إن الجسر جاهز.");
    }

    #[test]
    fn an_insertion_at_a_boundary_joins_the_words_before() {
        let a = body("قال **الوزير**");
        let text = field_text(&a, AnchorField::Body);
        let at = char_len("قال ");
        let edited = replace_in_field(&a, AnchorField::Body, at, at, "إن ").unwrap();
        assert_eq!(printed(&edited), "قال إن **الوزير**");
        let end = char_len(text.trim_end());
        assert_eq!(
            printed(&replace_in_field(&a, AnchorField::Body, end, end, " الأول").unwrap()),
            "قال **الوزير الأول**"
        );
    }

    #[test]
    fn refuses_ranges_it_cannot_apply_faithfully() {
        let a = body("سطر أول.\n\nسطر ثانٍ مع `code` هنا.");
        assert_eq!(edit(&a, "أول.\nسطر", "x"), Err(EditProblem::CrossesBlocks));
        assert_eq!(edit(&a, "مع code", "x"), Err(EditProblem::NotRunningText));
        assert_eq!(edit(&a, "أول", "a\nb"), Err(EditProblem::NewLine));
        assert_eq!(replace_in_field(&a, AnchorField::Title, 3, 99, "x"), Err(EditProblem::OutOfRange));
    }

    #[test]
    fn edits_the_title_kicker_and_standfirst_by_characters() {
        let mut a = body("نص.");
        a.meta.standfirst = Some("مقدمة قصيرة".into());
        let edited = replace_in_field(&a, AnchorField::Standfirst, 6, 11, "طويلة").unwrap();
        assert_eq!(edited.meta.standfirst.as_deref(), Some("مقدمة طويلة"));
        let kicker = replace_in_field(&a, AnchorField::Kicker, 0, 0, "عاجل").unwrap();
        assert_eq!(kicker.meta.kicker.as_deref(), Some("عاجل"));
        assert_eq!(replace_in_field(&kicker, AnchorField::Kicker, 0, 4, "").unwrap().meta.kicker, None);
    }

    #[test]
    fn spaces_left_at_the_edge_of_bold_go_outside_it_and_a_block_never_starts_with_them() {
        let a = body("هذه فقرة فيها **كلمة غامقة** هنا.");
        assert_eq!(printed(&edit(&a, "غامقة", "").unwrap()), "هذه فقرة فيها **كلمة** هنا.");
        assert_eq!(printed(&edit(&a, "فيها كلمة", "فيها عبارة").unwrap()), "هذه فقرة فيها عبارة **غامقة** هنا.");
        assert_eq!(printed(&edit(&a, "هذه", "    ").unwrap()), "فقرة فيها **كلمة غامقة** هنا.");
        assert_eq!(edit(&a, "هنا", "a\u{1b}[31mb"), Err(EditProblem::ControlCharacter));
    }

    #[test]
    fn walks_lists_and_quotes_as_their_plain_text_lays_them_out() {
        let a = body("- بند أول\n- بند ثانٍ\n\n> اقتباس طويل\n\nخاتمة.");
        assert_eq!(printed(&edit(&a, "ثانٍ", "ثالث").unwrap()), "- بند أول\n- بند ثالث\n\n> اقتباس طويل\n\nخاتمة.");
        assert_eq!(printed(&edit(&a, "طويل", "قصير").unwrap()), "- بند أول\n- بند ثانٍ\n\n> اقتباس قصير\n\nخاتمة.");
        assert_eq!(printed(&edit(&a, "خاتمة", "نهاية").unwrap()), "- بند أول\n- بند ثانٍ\n\n> اقتباس طويل\n\nنهاية.");
    }
}
