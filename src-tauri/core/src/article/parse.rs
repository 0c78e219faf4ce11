//! File text → [`Article`]. The body goes through pulldown-cmark; its events are folded into the
//! typed model, and the contract's extensions (pull-quotes, related blocks, lone images) are
//! recognised on the way. Line numbers are collected in a [`SourceMap`] for the checker.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use thiserror::Error;

use super::front_matter::{key_lines, parse_front_matter, split};
use super::inline_text::{merge_texts, plain_text};
use super::model::{Article, Block, FrontMatter, Inline, RelatedLink};
use crate::lang::{Lang, Localized};

pub const PULLQUOTE_MARKER: &str = "[!PULLQUOTE]";
pub const RELATED_MARKER: &str = "[!RELATED]";
/// An attribution line of a pull-quote starts with an em dash and a space.
pub const ATTRIBUTION_PREFIX: &str = "— ";
/// How deeply blocks and inline spans may nest (a quote in a list item in a quote is 3 blocks
/// deep, plus the paragraph and its emphasis). Real articles stay under ten; a deeper file is
/// refused, so nothing that walks the model (printer, renderer, JSON) can overflow the stack.
pub const MAX_NESTING: usize = 64;

/// A file that cannot be read as an article, and the line where that shows.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("line {line}: {}", kind.message(Lang::En))]
pub struct FormatError {
    pub line: usize,
    pub kind: FormatErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormatErrorKind {
    UnclosedFrontMatter,
    /// The front matter is not YAML; `detail` is the YAML reader's own (English) words.
    Yaml {
        problem: YamlProblem,
        detail: String,
    },
    NotAMapping,
    FieldType {
        field: String,
        expected: &'static str,
    },
    BadDate {
        field: String,
        value: String,
    },
    BadId(String),
    BadLanguage(String),
    /// A C0 control character (other than tab and newline) at this 1-based column.
    ControlCharacter {
        column: usize,
        code: u32,
    },
    /// Blocks or spans nested deeper than [`MAX_NESTING`].
    TooDeep {
        limit: usize,
    },
}

impl Localized for FormatErrorKind {
    fn message(&self, lang: Lang) -> String {
        use FormatErrorKind::*;
        match (self, lang) {
            (UnclosedFrontMatter, Lang::Ar) => "الترويسة (front matter) تبدأ بـ --- ولا تُغلق بسطر --- آخر".into(),
            (UnclosedFrontMatter, Lang::En) => {
                "the front matter opens with --- but is never closed by another --- line".into()
            }
            (Yaml { problem, .. }, lang) => problem.message(lang),
            (NotAMapping, Lang::Ar) => "الترويسة يجب أن تكون حقولًا بصيغة «اسم: قيمة»".into(),
            (NotAMapping, Lang::En) => "the front matter must be a set of `name: value` fields".into(),
            (FieldType { field, expected }, Lang::Ar) => {
                format!("قيمة الحقل «{field}» من نوع غير متوقع (المتوقع: {expected})")
            }
            (FieldType { field, expected }, Lang::En) => {
                format!("the field `{field}` has the wrong kind of value (expected {expected})")
            }
            (BadDate { field, value }, Lang::Ar) => {
                format!("التاريخ «{value}» في الحقل «{field}» غير صالح؛ اكتبه بصيغة 2025-04-20")
            }
            (BadDate { field, value }, Lang::En) => {
                format!("`{value}` in `{field}` is not a valid date; write it as 2025-04-20")
            }
            (BadId(id), Lang::Ar) => {
                format!("المعرّف «{id}» غير صالح: يُسمح بالحروف اللاتينية والأرقام و- و_ فقط (حتى 64 حرفًا)")
            }
            (BadId(id), Lang::En) => {
                format!("the id `{id}` is not valid: only Latin letters, digits, - and _ (up to 64)")
            }
            (BadLanguage(tag), Lang::Ar) => format!("رمز اللغة «{tag}» غير صالح؛ استخدم رمزًا مثل ar أو en أو ar-IQ"),
            (BadLanguage(tag), Lang::En) => format!("`{tag}` is not a language tag; use one such as ar, en or ar-IQ"),
            (ControlCharacter { column, code }, Lang::Ar) => format!(
                "محرف تحكّم غير مرئي (U+{code:04X}) في العمود {column}؛ احذفه (يأتي غالبًا من نسخ نص من برنامج آخر)"
            ),
            (ControlCharacter { column, code }, Lang::En) => format!(
                "an invisible control character (U+{code:04X}) at column {column}; delete it (it usually comes from text copied from another program)"
            ),
            (TooDeep { limit }, Lang::Ar) => {
                format!("الاقتباسات أو القوائم أو التنسيقات متداخلة بعمق يتجاوز {limit} مستوى؛ لا يقبل قلم هذا العمق")
            }
            (TooDeep { limit }, Lang::En) => {
                format!("quotes, lists or emphasis are nested more than {limit} levels deep, which Qalam does not accept")
            }
        }
    }
}

impl FormatErrorKind {
    /// What an underlying reader said, when there is more to say than the message (for `--json`).
    pub fn cause(&self) -> Option<&str> {
        match self {
            FormatErrorKind::Yaml { detail, .. } => Some(detail),
            _ => None,
        }
    }
}

/// The YAML mistakes people make in front matter, each with its own sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// A tab where YAML allows only spaces (indentation).
    Tab,
    DuplicateKey(String),
    /// A value containing `: ` unquoted, or a key indented where none is expected.
    UnexpectedColon,
    UnclosedQuote,
    UnclosedBracket,
    /// Anything else the YAML reader refused.
    Other,
}

impl Localized for YamlProblem {
    fn message(&self, lang: Lang) -> String {
        use YamlProblem::*;
        match (self, lang) {
            (Tab, Lang::Ar) => "في الترويسة محرف جدولة (Tab)؛ تُزاح حقول YAML بمسافات فقط".into(),
            (Tab, Lang::En) => "a tab in the front matter; YAML is indented with spaces only".into(),
            (DuplicateKey(k), Lang::Ar) => format!("الحقل «{k}» مكرر في الترويسة؛ احذف أحدهما"),
            (DuplicateKey(k), Lang::En) => format!("the field `{k}` appears twice in the front matter; remove one"),
            (UnexpectedColon, Lang::Ar) => {
                "نقطتان «:» في غير موضعهما في الترويسة؛ إن كانت جزءًا من القيمة فضع القيمة بين علامتي تنصيص \"…\"".into()
            }
            (UnexpectedColon, Lang::En) => {
                "a `:` where the front matter does not expect one; if it belongs to the value, put the value in \"quotes\"".into()
            }
            (UnclosedQuote, Lang::Ar) => "علامة تنصيص في الترويسة لا تُغلق".into(),
            (UnclosedQuote, Lang::En) => "a quotation mark in the front matter is never closed".into(),
            (UnclosedBracket, Lang::Ar) => "قوس [ أو { في الترويسة لا يُغلق".into(),
            (UnclosedBracket, Lang::En) => "a [ or { in the front matter is never closed".into(),
            (Other, Lang::Ar) => "الترويسة ليست بصيغة YAML صحيحة هنا؛ راجع الإزاحة وعلامات التنصيص والنقطتين".into(),
            (Other, Lang::En) => "the front matter is not valid YAML here; check indentation, quotes and colons".into(),
        }
    }
}

impl Localized for FormatError {
    fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }
}

/// Where things are in the source file (1-based lines), for messages that point at them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMap {
    /// Top-level front-matter keys and their lines.
    pub fields: Vec<(String, usize)>,
    pub body_first_line: usize,
    pub headings: Vec<Located<u8>>,
    /// Link and image targets in the body.
    pub urls: Vec<Located<String>>,
    /// Runs of prose text in the body (code excluded), each on one line.
    pub texts: Vec<Located<String>>,
    /// The line of each pull-quote, in body order.
    pub pullquotes: Vec<usize>,
    /// The line each top-level body block starts on, in order.
    pub blocks: Vec<usize>,
    /// Pull-quotes and related blocks the format cannot hold as written, and where they are.
    pub block_problems: Vec<Located<BlockProblem>>,
}

/// A pull-quote or related block written in a way the format does not describe. The text is kept
/// (as an ordinary quote, marker included, or as the empty block); the checker reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockProblem {
    /// `[!PULLQUOTE]` followed by more than one paragraph, or by a list or another block.
    PullQuoteNotOneParagraph,
    /// `[!PULLQUOTE]` with no text.
    EmptyPullQuote,
    /// `[!RELATED]` followed by something other than a list of links.
    RelatedNotLinks,
    /// `[!RELATED]` with no links.
    EmptyRelated,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub line: usize,
    pub value: T,
}

impl SourceMap {
    /// Where a line lies: the index of the top-level body block it belongs to, or else the
    /// front-matter field it belongs to. Editors use it to jump to a finding.
    pub fn locate(&self, line: usize) -> (Option<usize>, Option<String>) {
        if line >= self.body_first_line && !self.blocks.is_empty() {
            let index = self.blocks.partition_point(|&start| start <= line).saturating_sub(1);
            return (Some(index), None);
        }
        let field = self.fields.iter().rev().find(|(_, l)| *l <= line).map(|(k, _)| k.clone());
        (None, field)
    }

    /// The first line of `src` at or after `from` that contains `value` (a front-matter value's
    /// own line, which the map does not keep).
    pub fn line_of_value(src: &str, value: &str, from: usize) -> usize {
        src.lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.contains(value))
            .map(|(i, _)| i + 1)
            .unwrap_or(from)
    }

    /// The line of a top-level front-matter field, or the first line when it is absent.
    pub fn field_line(&self, key: &str) -> usize {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, l)| *l).unwrap_or(1)
    }
}

/// Reads an article file.
pub fn parse(src: &str) -> Result<Article, FormatError> {
    parse_with_source_map(src).map(|(article, _)| article)
}

/// Reads an article file and says where each part of it stood.
pub fn parse_with_source_map(src: &str) -> Result<(Article, SourceMap), FormatError> {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let normalized;
    let src = if src.contains('\r') {
        normalized = src.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        src
    };
    refuse_control_characters(src)?;
    let parts = split(src)?;
    let (meta, fields) = match parts.front {
        Some(front) => {
            let fields = key_lines(front, parts.front_first_line);
            (parse_front_matter(front, parts.front_first_line, &fields)?, fields)
        }
        None => (FrontMatter::default(), Vec::new()),
    };
    let mut map = SourceMap { fields, body_first_line: parts.body_first_line, ..SourceMap::default() };
    let mut body = parse_body_into(parts.body, &mut map)?;
    let mut meta = meta;
    apply_image_credits(&mut meta.image_credits, &mut body);
    Ok((Article { meta, body }, map))
}

/// Gives each body picture its credit from the front matter's `image_credits:`; the credits left
/// are those of pictures the body does not show.
fn apply_image_credits(credits: &mut Vec<(String, String)>, body: &mut [Block]) {
    if credits.is_empty() {
        return;
    }
    let mut used: Vec<String> = Vec::new();
    super::images::for_each_figure_mut(body, &mut |src, credit| {
        if let Some((_, c)) = credits.iter().find(|(s, _)| s == src) {
            *credit = c.clone();
            used.push(src.to_string());
        }
    });
    credits.retain(|(src, _)| !used.contains(src));
}

/// Refuses C0 control characters other than tab and newline (a carriage return has been folded
/// into newlines already): they are invisible, they mean nothing in an article, and NUL or a
/// vertical tab would travel into the HTML and the packages. The file is refused at the first
/// one, with its line and column, rather than changed behind the journalist's back.
fn refuse_control_characters(src: &str) -> Result<(), FormatError> {
    let Some(at) = src.find(|c: char| c < ' ' && c != '\t' && c != '\n') else { return Ok(()) };
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    let code = src[at..].chars().next().map_or(0, u32::from);
    Err(FormatError { line, kind: FormatErrorKind::ControlCharacter { column, code } })
}

/// Reads a Markdown body on its own (no front matter).
pub fn parse_body(body: &str) -> Result<Vec<Block>, FormatError> {
    parse_body_into(body, &mut SourceMap { body_first_line: 1, ..SourceMap::default() })
}

fn parse_body_into(body: &str, map: &mut SourceMap) -> Result<Vec<Block>, FormatError> {
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let first = map.body_first_line;
    let line_at = |offset: usize| first + line_starts.partition_point(|&s| s <= offset) - 1;
    let mut builder = Builder { stack: vec![Frame::Blocks(Vec::new())], map };
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let escaped = body[range.clone()].starts_with(['\\', '&']);
        let line = line_at(range.start);
        builder.event(event, line, escaped);
        // The root frame is not a nesting level.
        if builder.stack.len() > MAX_NESTING + 1 {
            return Err(FormatError { line, kind: FormatErrorKind::TooDeep { limit: MAX_NESTING } });
        }
    }
    match builder.stack.pop() {
        Some(Frame::Blocks(blocks)) => Ok(blocks),
        _ => unreachable!("the parser closes every block it opens"),
    }
}

/// Inline content before soft breaks are resolved: the pull-quote and related markers are
/// recognised by the line they stand on, so line structure is kept until a block closes.
#[derive(Debug, Clone)]
enum Raw {
    Inline(Inline),
    /// Text written as a backslash escape or an entity reference: it reads as text but never as a
    /// marker or an attribution dash, which is how the printer keeps literal text literal.
    Escaped(String),
    SoftBreak,
}

enum Frame {
    Blocks(Vec<Block>),
    Quote {
        blocks: Vec<Block>,
        marker: Option<(Marker, Vec<Raw>)>,
        line: usize,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A list item; `loose` collects the inline content a tight list puts directly in the item.
    Item {
        blocks: Vec<Block>,
        loose: Vec<Raw>,
    },
    Paragraph(Vec<Raw>),
    /// Raw HTML lines, kept as the text they are (one event per line, each with its newline).
    Html(String),
    Heading(u8, Vec<Raw>),
    Emphasis(Vec<Raw>),
    Strong(Vec<Raw>),
    Link {
        url: String,
        title: String,
        content: Vec<Raw>,
    },
    Image {
        url: String,
        title: String,
        content: Vec<Raw>,
    },
    Code {
        info: String,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    PullQuote,
    Related,
}

struct Builder<'m> {
    stack: Vec<Frame>,
    map: &'m mut SourceMap,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, line: usize, escaped: bool) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(end) => self.end(end),
            Event::Text(text) => {
                if let Some(Frame::Code { text: code, .. }) = self.stack.last_mut() {
                    code.push_str(&text);
                } else {
                    self.map.texts.push(Located { line, value: text.to_string() });
                    self.push_raw(if escaped {
                        Raw::Escaped(text.to_string())
                    } else {
                        Raw::Inline(Inline::text(text.to_string()))
                    });
                }
            }
            Event::Code(code) => self.push_raw(Raw::Inline(Inline::Code { code: code.to_string() })),
            // Raw HTML is not part of the format: it is kept as the literal text the journalist typed.
            Event::Html(html) => match self.stack.last_mut() {
                Some(Frame::Html(text)) => text.push_str(&html),
                _ => self.push_literal_lines(&html, line),
            },
            Event::InlineHtml(html) => self.push_literal_lines(&html, line),
            Event::SoftBreak => self.push_raw(Raw::SoftBreak),
            Event::HardBreak => self.push_raw(Raw::Inline(Inline::LineBreak)),
            Event::Rule => {
                if self.stack.len() == 1 {
                    self.map.blocks.push(line);
                }
                self.push_block(Block::Rule)
            }
            // Extensions that are not enabled (footnotes, tasks, math) never produce these.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize) {
        if self.stack.len() == 1 {
            self.map.blocks.push(line);
        }
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph(Vec::new()),
            Tag::HtmlBlock => Frame::Html(String::new()),
            Tag::Heading { level, .. } => {
                let level = level as u8;
                self.map.headings.push(Located { line, value: level });
                Frame::Heading(level, Vec::new())
            }
            Tag::BlockQuote(_) => Frame::Quote { blocks: Vec::new(), marker: None, line },
            Tag::CodeBlock(kind) => Frame::Code {
                info: match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                },
                text: String::new(),
            },
            Tag::List(start) => Frame::List { start, items: Vec::new() },
            Tag::Item => Frame::Item { blocks: Vec::new(), loose: Vec::new() },
            Tag::Emphasis => Frame::Emphasis(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::Link { dest_url, title, .. } => {
                self.map.urls.push(Located { line, value: dest_url.to_string() });
                Frame::Link { url: dest_url.to_string(), title: title.to_string(), content: Vec::new() }
            }
            Tag::Image { dest_url, title, .. } => {
                self.map.urls.push(Located { line, value: dest_url.to_string() });
                Frame::Image { url: dest_url.to_string(), title: title.to_string(), content: Vec::new() }
            }
            // Not enabled: tables, footnotes, metadata blocks, definition lists, strikethrough…
            // Treat any such container as transparent so its text is still kept.
            _ => Frame::Emphasis(Vec::new()),
        };
        self.stack.push(frame);
    }

    fn end(&mut self, end: TagEnd) {
        let frame = self.stack.pop().expect("every end has a start");
        match frame {
            Frame::Paragraph(raw) => self.end_paragraph(raw),
            Frame::Html(text) => {
                let line = self.map.blocks.last().copied().unwrap_or(self.map.body_first_line);
                self.stack.push(Frame::Paragraph(Vec::new()));
                self.push_literal_lines(&text, line);
                match self.stack.pop() {
                    Some(Frame::Paragraph(raw)) => self.end_paragraph(raw),
                    _ => unreachable!("the paragraph frame was just pushed"),
                }
            }
            Frame::Heading(level, raw) => self.push_block(Block::Heading { level, content: resolve(raw) }),
            Frame::Quote { blocks, marker, line } => {
                let (block, problem) = classify_quote(blocks, marker);
                if let Some(problem) = problem {
                    self.map.block_problems.push(Located { line, value: problem });
                }
                if matches!(block, Block::PullQuote { .. }) {
                    self.map.pullquotes.push(line);
                }
                self.push_block(block)
            }
            Frame::Code { info, mut text } => {
                // A fence left open at the end of the file yields text without its last newline.
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                self.push_block(Block::Code { info, text })
            }
            Frame::List { start, items } => self.push_block(Block::List { start, items }),
            Frame::Item { mut blocks, loose } => {
                flush_loose(&mut blocks, loose);
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::Emphasis(raw) if end == TagEnd::Emphasis => {
                self.push_inline(Inline::Emphasis { content: resolve(raw) })
            }
            Frame::Strong(raw) => self.push_inline(Inline::Strong { content: resolve(raw) }),
            Frame::Link { url, title, content } => {
                self.push_inline(Inline::Link { url, title, content: resolve(content) })
            }
            Frame::Image { url, title, content } => {
                self.push_inline(Inline::Image { alt: plain_text(&resolve(content)), src: url, title })
            }
            // A transparent container (see `start`): hand its content to the parent unchanged.
            Frame::Emphasis(raw) => raw.into_iter().for_each(|r| self.push_raw(r)),
            Frame::Blocks(_) => unreachable!("the root frame is never closed by an event"),
        }
    }

    fn end_paragraph(&mut self, raw: Vec<Raw>) {
        if let Some(Frame::Quote { blocks, marker, .. }) = self.stack.last_mut() {
            if blocks.is_empty() && marker.is_none() {
                if let Some((found, rest)) = split_marker(&raw) {
                    *marker = Some((found, rest));
                    return;
                }
            }
        }
        let content = resolve(raw);
        let block = match content.as_slice() {
            [Inline::Image { alt, src, title }] => {
                Block::Image { alt: alt.clone(), src: src.clone(), caption: title.clone(), credit: String::new() }
            }
            _ => Block::Paragraph { content },
        };
        self.push_block(block);
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks(blocks)) | Some(Frame::Quote { blocks, .. }) => blocks.push(block),
            Some(Frame::Item { blocks, loose }) => {
                flush_loose(blocks, std::mem::take(loose));
                blocks.push(block);
            }
            _ => {}
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        self.push_raw(Raw::Inline(inline));
    }

    fn push_raw(&mut self, raw: Raw) {
        match self.stack.last_mut() {
            Some(Frame::Paragraph(v))
            | Some(Frame::Heading(_, v))
            | Some(Frame::Emphasis(v))
            | Some(Frame::Strong(v))
            | Some(Frame::Link { content: v, .. })
            | Some(Frame::Image { content: v, .. })
            | Some(Frame::Item { loose: v, .. }) => v.push(raw),
            Some(Frame::Code { text, .. }) => match raw {
                Raw::Inline(inline) => text.push_str(&plain_text(&[inline])),
                Raw::Escaped(s) => text.push_str(&s),
                Raw::SoftBreak => {}
            },
            _ => {}
        }
    }

    /// Literal text that may span lines (raw HTML): lines are kept apart by hard breaks so that
    /// printing it back cannot turn a line into Markdown structure, and no two lines run into
    /// one word. Blank lines (inside a comment, say) carry no words and are left out.
    fn push_literal_lines(&mut self, text: &str, line: usize) {
        let mut first = true;
        for (i, part) in text.split('\n').enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            if !first {
                self.push_raw(Raw::Inline(Inline::LineBreak));
            }
            first = false;
            self.map.texts.push(Located { line: line + i, value: part.to_string() });
            self.push_raw(Raw::Inline(Inline::text(part)));
        }
    }
}

/// Turns the inline content a tight list item holds directly into a paragraph.
fn flush_loose(blocks: &mut Vec<Block>, loose: Vec<Raw>) {
    if loose.is_empty() {
        return;
    }
    let content = resolve(loose);
    if !content.is_empty() {
        blocks.push(match content.as_slice() {
            [Inline::Image { alt, src, title }] => {
                Block::Image { alt: alt.clone(), src: src.clone(), caption: title.clone(), credit: String::new() }
            }
            _ => Block::Paragraph { content },
        });
    }
}

/// Resolves soft breaks to spaces and merges text runs: the canonical inline shape.
fn resolve(raw: Vec<Raw>) -> Vec<Inline> {
    let inlines = raw
        .into_iter()
        .map(|r| match r {
            Raw::Inline(inline) => inline,
            Raw::Escaped(text) => Inline::text(text),
            Raw::SoftBreak => Inline::text(" "),
        })
        .collect();
    trim_edges(merge_texts(inlines))
}

/// A paragraph's text never starts or ends with white space in CommonMark; a soft break next to
/// a hard one or at an edge could leave one, so trim it to keep one canonical form.
fn trim_edges(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = inlines.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = inlines.last_mut() {
        *text = text.trim_end().to_string();
    }
    merge_texts(inlines)
}

/// Splits raw inline content into its lines (at soft and hard breaks).
fn lines_of(raw: &[Raw]) -> Vec<&[Raw]> {
    raw.split(|r| matches!(r, Raw::SoftBreak | Raw::Inline(Inline::LineBreak))).collect()
}

/// The text of a line made only of text; `literal` refuses escaped text (for markers).
fn line_text(line: &[Raw], literal: bool) -> Option<String> {
    let mut out = String::new();
    for r in line {
        match r {
            Raw::Inline(Inline::Text { text }) => out.push_str(text),
            Raw::Escaped(text) if !literal => out.push_str(text),
            _ => return None,
        }
    }
    Some(out)
}

/// An attribution line: it starts with a literal "— " (not an escaped or entity dash).
fn attribution_of(line: &[Raw]) -> Option<String> {
    match line.first()? {
        Raw::Inline(Inline::Text { text }) if text.trim_start().starts_with(ATTRIBUTION_PREFIX) => {
            line_text(line, false)?.trim_start().strip_prefix(ATTRIBUTION_PREFIX).map(|a| a.trim().to_string())
        }
        _ => None,
    }
}

/// If the paragraph's first line is a block marker, returns it and the content after that line.
fn split_marker(raw: &[Raw]) -> Option<(Marker, Vec<Raw>)> {
    let first = lines_of(raw).into_iter().next()?;
    let marker = match line_text(first, true)?.trim() {
        PULLQUOTE_MARKER => Marker::PullQuote,
        RELATED_MARKER => Marker::Related,
        _ => return None,
    };
    let rest = raw.get(first.len() + 1..).unwrap_or_default().to_vec();
    Some((marker, rest))
}

/// Decides what a block quote is: a pull-quote, a related block, or an ordinary quote. A quote
/// whose marker is followed by anything the extension does not describe stays an ordinary quote,
/// marker text included, so nothing is lost; the problem is returned for the checker to report.
fn classify_quote(blocks: Vec<Block>, marker: Option<(Marker, Vec<Raw>)>) -> (Block, Option<BlockProblem>) {
    let Some((kind, rest)) = marker else { return (Block::Quote { blocks }, None) };
    let recognised = match kind {
        Marker::PullQuote if blocks.is_empty() => Ok(pull_quote(rest.clone())),
        Marker::PullQuote => Err(BlockProblem::PullQuoteNotOneParagraph),
        Marker::Related if rest.is_empty() => {
            related_links(&blocks).map(|links| Block::Related { links }).ok_or(BlockProblem::RelatedNotLinks)
        }
        Marker::Related => Err(BlockProblem::RelatedNotLinks),
    };
    match recognised {
        Ok(block) => {
            let empty = match &block {
                Block::PullQuote { content, .. } if plain_text(content).trim().is_empty() => {
                    Some(BlockProblem::EmptyPullQuote)
                }
                Block::Related { links } if links.is_empty() => Some(BlockProblem::EmptyRelated),
                _ => None,
            };
            (block, empty)
        }
        Err(problem) => (as_plain_quote(kind, rest, blocks), Some(problem)),
    }
}

/// A marked quote the extension cannot hold, kept whole as an ordinary quote.
fn as_plain_quote(kind: Marker, rest: Vec<Raw>, blocks: Vec<Block>) -> Block {
    let marker_text = match kind {
        Marker::PullQuote => PULLQUOTE_MARKER,
        Marker::Related => RELATED_MARKER,
    };
    let mut raw = vec![Raw::Inline(Inline::text(marker_text))];
    if !rest.is_empty() {
        raw.push(Raw::SoftBreak);
        raw.extend(rest);
    }
    let mut all = vec![Block::Paragraph { content: resolve(raw) }];
    all.extend(blocks);
    Block::Quote { blocks: all }
}

fn pull_quote(rest: Vec<Raw>) -> Block {
    let lines = lines_of(&rest);
    let attribution = lines.last().filter(|_| !rest.is_empty()).and_then(|l| attribution_of(l));
    let content_len = match attribution {
        Some(_) => rest.len() - lines.last().map_or(0, |l| l.len()),
        None => rest.len(),
    };
    // Drop the break that separated the content from the attribution line.
    let content = rest[..content_len].to_vec();
    let content = match content.last() {
        Some(Raw::SoftBreak) | Some(Raw::Inline(Inline::LineBreak)) => content[..content.len() - 1].to_vec(),
        _ => content,
    };
    Block::PullQuote { content: resolve(content), attribution }
}

fn related_links(blocks: &[Block]) -> Option<Vec<RelatedLink>> {
    match blocks {
        [] => Some(Vec::new()),
        [Block::List { items, .. }] => items
            .iter()
            .map(|item| match item.as_slice() {
                [Block::Paragraph { content }] => match content.as_slice() {
                    [Inline::Link { url, title, content }] if title.is_empty() => {
                        let text = line_text(&content.iter().cloned().map(Raw::Inline).collect::<Vec<_>>(), false)?;
                        Some(RelatedLink { title: text, url: url.clone() })
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
