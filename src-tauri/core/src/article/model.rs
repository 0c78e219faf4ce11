//! The article model. Every type here is plain data: it serializes to JSON for the desktop UI and
//! the CLI, and it compares structurally, which is what the round-trip tests rely on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One news article: its front matter and its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Article {
    pub meta: FrontMatter,
    pub body: Vec<Block>,
}

/// The front matter. Unknown fields are kept in `extra` so that nothing in a file is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: String,
    pub kicker: Option<String>,
    pub standfirst: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub date: Option<NaiveDate>,
    /// BCP 47 language tag; the text direction follows from it.
    pub language: String,
    pub hero: Option<Hero>,
    pub related: Vec<RelatedStory>,
    /// Credits (`image_credits:` in the file, by image path) of pictures no body image shows; the
    /// body's pictures carry their own [`Block::Image`] credit. Kept so that nothing is lost.
    #[serde(default)]
    pub image_credits: Vec<(String, String)>,
    /// Fields this version does not know, in file order, as YAML text of their values.
    pub extra: Vec<(String, String)>,
}

impl Default for FrontMatter {
    fn default() -> Self {
        FrontMatter {
            id: None,
            title: String::new(),
            kicker: None,
            standfirst: None,
            category: None,
            tags: Vec::new(),
            byline: None,
            dateline: None,
            date: None,
            language: DEFAULT_LANGUAGE.to_string(),
            hero: None,
            related: Vec::new(),
            image_credits: Vec::new(),
            extra: Vec::new(),
        }
    }
}

pub const DEFAULT_LANGUAGE: &str = "ar";

impl FrontMatter {
    /// True when the article's language is written right to left.
    pub fn is_rtl(&self) -> bool {
        let primary = self.language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        matches!(primary.as_str(), "ar" | "fa" | "ur" | "he" | "yi" | "ps" | "sd" | "ckb" | "dv" | "ug")
    }
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Hero {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// An entry of the "related stories" list shown at the end (أخبار مشابهة).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RelatedStory {
    pub title: String,
    pub url: String,
    pub date: Option<NaiveDate>,
}

/// A link inside an inline related-story block (اقرأ أيضاً).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RelatedLink {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    /// Level 2 or 3 in a valid article; 1 and 4–6 are kept so the checker can point at them.
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    /// `start` is Some for an ordered list (its first number), None for a bullet list.
    List {
        #[cfg_attr(feature = "ts", ts(type = "number | null"))]
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    PullQuote {
        content: Vec<Inline>,
        attribution: Option<String>,
    },
    Related {
        links: Vec<RelatedLink>,
    },
    /// An image standing alone as a paragraph; `caption` comes from the Markdown title. `credit`
    /// (empty for none) is written in the front matter's `image_credits:` under the image's path,
    /// since Markdown has no place for it: a credit belongs to the picture, so every image with
    /// the same `src` shows the same credit.
    Image {
        alt: String,
        src: String,
        caption: String,
        #[serde(default)]
        credit: String,
    },
    /// A fenced or indented code block, kept verbatim (`text` ends with a newline unless empty).
    Code {
        info: String,
        text: String,
    },
    Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String },
    Emphasis { content: Vec<Inline> },
    Strong { content: Vec<Inline> },
    Link { url: String, title: String, content: Vec<Inline> },
    Image { alt: String, src: String, title: String },
    Code { code: String },
    LineBreak,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// An article id as the format and the library accept it: 1 to 64 Latin letters, digits, `-`
/// and `_` (a ULID, or an id another system gave).
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A BCP 47 language tag in shape (`ar`, `en`, `ar-IQ`): a 2–3 letter language, then subtags.
pub fn is_plausible_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
