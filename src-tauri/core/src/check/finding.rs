//! What the checker reports, and how it says it in each language.

use serde::Serialize;

use crate::article::parse::{BlockProblem, FormatErrorKind};
use crate::lang::{Lang, Localized};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks export until fixed.
    Error,
    /// Shown; an editor may accept it.
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    Format(FormatErrorKind),
    MissingTitle,
    MissingCategory,
    UnknownCategory(String),
    BodyHeadingLevel(u8),
    BadUrl(String),
    HeroWithoutAlt,
    HeroWithoutSource,
    RelatedStoryIncomplete,
    LatinPunctuation(char),
    SpaceBeforePunctuation(char),
    NoSpaceAfterPunctuation(char),
    Tatweel,
    DoubledPunctuation(char),
    DoubleSpace,
    MixedDigits,
    LongPullQuote {
        chars: usize,
        max: usize,
    },
    /// An image the article shows that is not in the library (never added from disk, or remote).
    MissingImage(String),
    /// A pull-quote or related block the format cannot hold as written.
    Block(BlockProblem),
    /// A rule of the publication's house style (`crate::style`) applies here.
    HouseRule(Box<HouseRuleHit>),
}

/// Where a house-style rule applies: the words as written and what the rule would make of them.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseRuleHit {
    pub rule: String,
    pub found: String,
    pub replacement: Option<String>,
    pub message_ar: String,
    pub message_en: Option<String>,
    /// The chief made this rule block export.
    pub blocks: bool,
}

impl FindingKind {
    pub fn severity(&self) -> Severity {
        use FindingKind::*;
        match self {
            Format(_)
            | MissingTitle
            | MissingCategory
            | MissingImage(_)
            | BodyHeadingLevel(_)
            | BadUrl(_)
            | HeroWithoutAlt
            | HeroWithoutSource
            | RelatedStoryIncomplete
            | Block(_) => Severity::Error,
            HouseRule(hit) if hit.blocks => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// A stable machine-readable name, for JSON output and the UI.
    pub fn code(&self) -> &'static str {
        use FindingKind::*;
        match self {
            Format(_) => "format",
            MissingTitle => "missing-title",
            MissingCategory => "missing-category",
            UnknownCategory(_) => "unknown-category",
            BodyHeadingLevel(_) => "heading-level",
            BadUrl(_) => "bad-url",
            HeroWithoutAlt => "hero-alt",
            HeroWithoutSource => "hero-src",
            RelatedStoryIncomplete => "related-incomplete",
            LatinPunctuation(_) => "latin-punctuation",
            SpaceBeforePunctuation(_) => "space-before-punctuation",
            NoSpaceAfterPunctuation(_) => "space-after-punctuation",
            Tatweel => "tatweel",
            DoubledPunctuation(_) => "doubled-punctuation",
            DoubleSpace => "double-space",
            MixedDigits => "mixed-digits",
            LongPullQuote { .. } => "long-pullquote",
            MissingImage(_) => "missing-image",
            Block(BlockProblem::PullQuoteNotOneParagraph) => "pullquote-shape",
            Block(BlockProblem::EmptyPullQuote) => "pullquote-empty",
            Block(BlockProblem::RelatedNotLinks) => "related-shape",
            Block(BlockProblem::EmptyRelated) => "related-empty",
            HouseRule(_) => "house-style",
        }
    }
}

impl Localized for FindingKind {
    fn message(&self, lang: Lang) -> String {
        use FindingKind::*;
        match (self, lang) {
            (Format(kind), lang) => kind.message(lang),
            (HouseRule(hit), Lang::Ar) => match &hit.replacement {
                Some(r) => format!("«{}»: {} (البديل: «{r}»)", hit.found, hit.message_ar),
                None => format!("«{}»: {}", hit.found, hit.message_ar),
            },
            (HouseRule(hit), Lang::En) => {
                let message = hit.message_en.as_deref().unwrap_or(&hit.message_ar);
                match &hit.replacement {
                    Some(r) => format!("«{}»: {message} (instead: «{r}»)", hit.found),
                    None => format!("«{}»: {message}", hit.found),
                }
            }
            (MissingTitle, Lang::Ar) => "العنوان مفقود: لكل مقال عنوان في حقل title".into(),
            (MissingTitle, Lang::En) => "the title is missing: every article needs a `title`".into(),
            (MissingCategory, Lang::Ar) => "لم يُحدَّد القسم (category)، وهو مطلوب قبل التصدير".into(),
            (MissingCategory, Lang::En) => "no category is set; one is required before export".into(),
            (UnknownCategory(c), Lang::Ar) => format!("القسم «{c}» ليس من أقسام الموقع"),
            (UnknownCategory(c), Lang::En) => format!("`{c}` is not one of the publication's sections"),
            (BodyHeadingLevel(1), Lang::Ar) => {
                "عنوان بمستوى # داخل النص: العنوان الرئيسي في الترويسة، واستخدم ## أو ### للعناوين الفرعية".into()
            }
            (BodyHeadingLevel(1), Lang::En) => {
                "a `#` heading in the body: the title lives in the front matter; use ## or ### for sub-headings".into()
            }
            (BodyHeadingLevel(n), Lang::Ar) => format!("عنوان فرعي بمستوى {n}: المسموح ## و### فقط"),
            (BodyHeadingLevel(n), Lang::En) => format!("a level-{n} heading: only ## and ### are allowed"),
            (BadUrl(u), Lang::Ar) => format!("الرابط «{u}» غير مسموح: يُقبل http وhttps وmailto والمسارات النسبية فقط"),
            (BadUrl(u), Lang::En) => {
                format!("the URL `{u}` is not allowed: only http, https, mailto and relative paths")
            }
            (HeroWithoutAlt, Lang::Ar) => "الصورة الرئيسية بلا نص بديل (alt)".into(),
            (HeroWithoutAlt, Lang::En) => "the lead image has no alt text".into(),
            (HeroWithoutSource, Lang::Ar) => "الصورة الرئيسية بلا مسار (src)".into(),
            (HeroWithoutSource, Lang::En) => "the lead image has no src".into(),
            (RelatedStoryIncomplete, Lang::Ar) => "خبر مشابه بلا عنوان أو بلا رابط".into(),
            (RelatedStoryIncomplete, Lang::En) => "a related story lacks a title or a URL".into(),
            (LatinPunctuation(c), Lang::Ar) => {
                format!("علامة «{c}» اللاتينية بعد كلمة عربية؛ استخدم «{}»", arabic_equivalent(*c))
            }
            (LatinPunctuation(c), Lang::En) => {
                format!("Latin `{c}` after an Arabic word; use `{}`", arabic_equivalent(*c))
            }
            (SpaceBeforePunctuation(c), Lang::Ar) => format!("مسافة قبل «{c}»"),
            (SpaceBeforePunctuation(c), Lang::En) => format!("a space before `{c}`"),
            (NoSpaceAfterPunctuation(c), Lang::Ar) => format!("لا مسافة بعد «{c}»"),
            (NoSpaceAfterPunctuation(c), Lang::En) => format!("no space after `{c}`"),
            (Tatweel, Lang::Ar) => "تطويل (ـ) في النص؛ لا يُستعمل للمدّ في نص الخبر".into(),
            (Tatweel, Lang::En) => "tatweel (ـ) used to stretch a word".into(),
            (DoubledPunctuation(c), Lang::Ar) => format!("علامة «{c}» مكررة"),
            (DoubledPunctuation(c), Lang::En) => format!("doubled `{c}`"),
            (DoubleSpace, Lang::Ar) => "مسافتان متتاليتان".into(),
            (DoubleSpace, Lang::En) => "two spaces in a row".into(),
            (MixedDigits, Lang::Ar) => "المقال يخلط الأرقام العربية (1 2 3) والهندية (١ ٢ ٣)".into(),
            (MixedDigits, Lang::En) => "the article mixes Western (1 2 3) and Arabic-Indic (١ ٢ ٣) digits".into(),
            (MissingImage(src), Lang::Ar) => {
                format!("الصورة «{src}» ليست في المكتبة؛ أضفها من القرص لتدخل في الحزمة")
            }
            (MissingImage(src), Lang::En) => {
                format!("the image `{src}` is not in the library; add it from disk so the package can carry it")
            }
            (Block(BlockProblem::PullQuoteNotOneParagraph), Lang::Ar) => {
                "الاقتباس البارز فقرة واحدة (وسطر النسبة «— …» بعدها)؛ هنا أكثر من فقرة أو قائمة، فيظهر اقتباسًا عاديًا بعلامته".into()
            }
            (Block(BlockProblem::PullQuoteNotOneParagraph), Lang::En) => {
                "a pull-quote is one paragraph (then its `— …` attribution line); this one has more paragraphs or a list, so it shows as a plain quote with its marker".into()
            }
            (Block(BlockProblem::EmptyPullQuote), Lang::Ar) => "اقتباس بارز فارغ: اكتب نصه أو احذفه".into(),
            (Block(BlockProblem::EmptyPullQuote), Lang::En) => "an empty pull-quote: write its text or remove it".into(),
            (Block(BlockProblem::RelatedNotLinks), Lang::Ar) => {
                "كتلة «اقرأ أيضًا» قائمة روابط فقط (- [العنوان](الرابط))؛ هنا بند بلا رابط، فتظهر اقتباسًا عاديًا بعلامتها".into()
            }
            (Block(BlockProblem::RelatedNotLinks), Lang::En) => {
                "a related block is a list of links only (- [title](url)); an item here is not a link, so it shows as a plain quote with its marker".into()
            }
            (Block(BlockProblem::EmptyRelated), Lang::Ar) => "كتلة «اقرأ أيضًا» بلا روابط: أضف رابطًا أو احذفها".into(),
            (Block(BlockProblem::EmptyRelated), Lang::En) => "a related block with no links: add one or remove it".into(),
            (LongPullQuote { chars, max }, Lang::Ar) => format!("الاقتباس البارز طويل: {chars} حرفًا (الحد {max})"),
            (LongPullQuote { chars, max }, Lang::En) => {
                format!("the pull-quote is {chars} characters long (limit {max})")
            }
        }
    }
}

fn arabic_equivalent(c: char) -> char {
    match c {
        ',' => '،',
        ';' => '؛',
        '?' => '؟',
        other => other,
    }
}

/// One problem at one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub line: usize,
    pub severity: Severity,
    pub kind: FindingKind,
    /// The top-level body block the line belongs to (for an editor's jump), if in the body.
    pub block: Option<usize>,
    /// The front-matter field the line belongs to, if in the front matter.
    pub field: Option<String>,
}

impl Finding {
    pub fn new(line: usize, kind: FindingKind) -> Finding {
        Finding { line, severity: kind.severity(), kind, block: None, field: None }
    }

    /// The JSON shape the CLI and the app share: both wordings, so either UI language can show it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "line": self.line,
            "severity": self.severity,
            "code": self.kind.code(),
            "message_ar": self.kind.message(Lang::Ar),
            "message_en": self.kind.message(Lang::En),
            "block": self.block,
            "field": self.field,
            "rule": self.house_rule().map(|h| &h.rule),
            "found": self.house_rule().map(|h| &h.found),
            "replacement": self.house_rule().and_then(|h| h.replacement.as_ref()),
        })
    }

    /// The house-style rule this finding reports, if it is one.
    pub fn house_rule(&self) -> Option<&HouseRuleHit> {
        match &self.kind {
            FindingKind::HouseRule(hit) => Some(hit),
            _ => None,
        }
    }
}
