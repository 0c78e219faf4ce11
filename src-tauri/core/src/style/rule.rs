//! One house-style rule and the list of them, as a chief writes them (docs/house-style.md):
//!
//! ```json
//! { "format": "qalam-house-style", "version": 1, "rules": [
//!   { "id": "trump", "kind": "prefer", "find": ["ترامب"], "replace": "ترمب",
//!     "message": { "ar": "تكتب الصحيفة «ترمب»", "en": "we write «ترمب»" } } ] }
//! ```
//!
//! Everything a file may hold is bounded here, before any text is searched with it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};
use crate::presentation::Presentation;
use crate::search::words;

pub const STYLE_FORMAT: &str = "qalam-house-style";
pub const STYLE_VERSION: u32 = 1;

/// Bounds on what a rules file may hold (a real style guide has a few hundred entries).
pub const MAX_RULES: usize = 2000;
pub const MAX_SPELLINGS: usize = 16;
pub const MAX_WORDS: usize = 4;
pub const MAX_PHRASE_CHARS: usize = 100;
pub const MAX_MESSAGE_CHARS: usize = 400;
pub const MAX_ID_CHARS: usize = 64;
/// The largest rules file read, in bytes.
pub const MAX_FILE_BYTES: usize = 512 * 1024;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// The publication writes it another way: `replace` says how.
    Prefer,
    /// A banned or sensitive term; `replace`, if given, is the preferred wording.
    Avoid,
    /// A claim that needs a named source near it.
    NeedsSource,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSeverity {
    /// Shown; an editor may accept it.
    #[default]
    Warning,
    /// Blocks export, like the checker's own errors.
    Error,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMessage {
    pub ar: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleRule {
    pub id: String,
    pub kind: RuleKind,
    /// The spellings the rule looks for: one to four words each, matched as whole words.
    pub find: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace: Option<String>,
    pub message: RuleMessage,
    #[serde(default)]
    pub severity: RuleSeverity,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn enabled() -> bool {
    true
}

/// The publication's rules.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseStyle {
    pub rules: Vec<StyleRule>,
    /// How what is published shows digits and dates.
    #[serde(default)]
    pub publication: Presentation,
}

/// The rules file as it is written and read.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    format: String,
    version: u32,
    #[serde(default, skip_serializing_if = "Presentation::is_default")]
    publication: Presentation,
    rules: Vec<StyleRule>,
}

/// What is wrong with a rules file, said so a chief can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StyleProblem {
    TooLarge {
        bytes: usize,
    },
    /// Not JSON of the rules file's shape: where the reader stopped, and its own words (English).
    Unreadable {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON that names another format.
    NotRules(String),
    Version(u32),
    TooManyRules(usize),
    /// Rule `id` (or its position when the id itself is wrong) and what is wrong with it.
    Rule {
        rule: String,
        why: RuleFault,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleFault {
    BadId,
    DuplicateId,
    NoSpelling,
    TooManySpellings,
    /// A spelling that is not one to four plain words.
    BadSpelling(String),
    /// `prefer` without `replace`, or `needs-source` with one.
    Replacement,
    BadReplacement,
    BadMessage,
}

impl HouseStyle {
    /// The publication's zone, where its dates and times are said (Baghdad's when none is set).
    pub fn zone(&self) -> chrono_tz::Tz {
        crate::zoned::zone_or_default(self.publication.zone.as_deref())
    }

    /// Reads a rules file, refusing anything outside the format and its bounds.
    pub fn from_json(text: &str) -> Result<HouseStyle, StyleProblem> {
        if text.len() > MAX_FILE_BYTES {
            return Err(StyleProblem::TooLarge { bytes: text.len() });
        }
        // A byte-order mark (as some editors save UTF-8) is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: RulesFile = serde_json::from_str(text).map_err(|e| StyleProblem::Unreadable {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })?;
        if file.format != STYLE_FORMAT {
            return Err(StyleProblem::NotRules(file.format));
        }
        if file.version != STYLE_VERSION {
            return Err(StyleProblem::Version(file.version));
        }
        let style = HouseStyle { rules: file.rules, publication: file.publication };
        style.check()?;
        Ok(style)
    }

    pub fn to_json(&self) -> String {
        let file = RulesFile {
            format: STYLE_FORMAT.into(),
            version: STYLE_VERSION,
            publication: self.publication.clone(),
            rules: self.rules.clone(),
        };
        serde_json::to_string_pretty(&file).expect("rules always serialize")
    }

    /// Whether every rule is within the format's bounds (also asked of a signed sheet's rules).
    pub fn check(&self) -> Result<(), StyleProblem> {
        if self.rules.len() > MAX_RULES {
            return Err(StyleProblem::TooManyRules(self.rules.len()));
        }
        let mut ids = HashSet::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let name = if is_id(&rule.id) { rule.id.clone() } else { format!("#{}", i + 1) };
            let fault = |why| StyleProblem::Rule { rule: name.clone(), why };
            if !is_id(&rule.id) {
                return Err(fault(RuleFault::BadId));
            }
            if !ids.insert(rule.id.as_str()) {
                return Err(fault(RuleFault::DuplicateId));
            }
            rule.check().map_err(fault)?;
        }
        Ok(())
    }

    /// The rules that apply now (a disabled rule stays in the list, quiet).
    pub fn active(&self) -> impl Iterator<Item = &StyleRule> {
        self.rules.iter().filter(|r| r.enabled)
    }
}

impl StyleRule {
    fn check(&self) -> Result<(), RuleFault> {
        if self.find.is_empty() {
            return Err(RuleFault::NoSpelling);
        }
        if self.find.len() > MAX_SPELLINGS {
            return Err(RuleFault::TooManySpellings);
        }
        if let Some(bad) = self.find.iter().find(|s| !is_phrase(s)) {
            return Err(RuleFault::BadSpelling(bad.clone()));
        }
        match (self.kind, &self.replace) {
            (RuleKind::Prefer, None) | (RuleKind::NeedsSource, Some(_)) => return Err(RuleFault::Replacement),
            (_, Some(r)) if !is_phrase(r) => return Err(RuleFault::BadReplacement),
            _ => {}
        }
        let message_ok = |m: &str| !m.trim().is_empty() && m.chars().count() <= MAX_MESSAGE_CHARS && !has_control(m);
        if !message_ok(&self.message.ar) || self.message.en.as_deref().is_some_and(|m| !message_ok(m)) {
            return Err(RuleFault::BadMessage);
        }
        Ok(())
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.message.en.as_deref().unwrap_or(&self.message.ar),
            Lang::Ar => &self.message.ar,
        }
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Control characters, invisible formatting, and the line and paragraph separators (a message is
/// one line; a spelling, words).
fn has_control(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_control() || crate::identity::names::is_invisible_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
    })
}

/// One to four words as the search splits them, separated by single spaces, and nothing else.
fn is_phrase(text: &str) -> bool {
    if text.is_empty() || text.chars().count() > MAX_PHRASE_CHARS || has_control(text) {
        return false;
    }
    let split: Vec<&str> = words(text).map(|(_, w)| w).collect();
    // Each word is a word once search folds it: harakat or tatweel alone would match marks.
    (1..=MAX_WORDS).contains(&split.len())
        && split.join(" ") == text
        && split.iter().all(|w| !crate::search::normalize::normalize_word(w).is_empty())
}

impl Localized for StyleProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StyleProblem::TooLarge { bytes }, Lang::Ar) => {
                format!("ملف القواعد كبير جدًا ({} كيلوبايت؛ الحد {})", bytes / 1024, MAX_FILE_BYTES / 1024)
            }
            (StyleProblem::TooLarge { bytes }, Lang::En) => {
                format!("the rules file is too large ({} KiB; the limit is {})", bytes / 1024, MAX_FILE_BYTES / 1024)
            }
            (StyleProblem::Unreadable { line, column, .. }, Lang::Ar) => format!(
                "ليس ملف قواعد أسلوب قلم: توقّفت القراءة عند السطر {line}، العمود {column} (JSON بالحقول format وversion وrules)"
            ),
            (StyleProblem::Unreadable { detail, .. }, Lang::En) => format!("not a Qalam house-style file: {detail}"),
            (StyleProblem::NotRules(found), Lang::Ar) => {
                format!("صيغة الملف «{found}»، وملف قواعد الأسلوب صيغته «{STYLE_FORMAT}»")
            }
            (StyleProblem::NotRules(found), Lang::En) => {
                format!("the file's format is «{found}»; a house-style file's is «{STYLE_FORMAT}»")
            }
            (StyleProblem::Version(v), Lang::Ar) => {
                format!("ملف القواعد بالإصدار {v}، وهذه النسخة من قلم تقرأ الإصدار {STYLE_VERSION}")
            }
            (StyleProblem::Version(v), Lang::En) => {
                format!("the rules file is version {v}; this Qalam reads version {STYLE_VERSION}")
            }
            (StyleProblem::TooManyRules(n), Lang::Ar) => format!("{n} قاعدة، والحد {MAX_RULES}"),
            (StyleProblem::TooManyRules(n), Lang::En) => format!("{n} rules; the limit is {MAX_RULES}"),
            (StyleProblem::Rule { rule, why }, lang) => match lang {
                Lang::Ar => format!("القاعدة {rule}: {}", why.message(lang)),
                Lang::En => format!("rule {rule}: {}", why.message(lang)),
            },
        }
    }
}

impl Localized for RuleFault {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RuleFault::BadId, Lang::Ar) => {
                format!("المعرّف (id) حروف لاتينية صغيرة وأرقام وشرطات، حتى {MAX_ID_CHARS} حرفًا")
            }
            (RuleFault::BadId, Lang::En) => {
                format!("the id is lowercase Latin letters, digits and hyphens, up to {MAX_ID_CHARS}")
            }
            (RuleFault::DuplicateId, Lang::Ar) => "المعرّف مستعمل لقاعدة أخرى".into(),
            (RuleFault::DuplicateId, Lang::En) => "the id is used by another rule".into(),
            (RuleFault::NoSpelling, Lang::Ar) => "لا كلمة تبحث عنها (find فارغ)".into(),
            (RuleFault::NoSpelling, Lang::En) => "no words to look for (find is empty)".into(),
            (RuleFault::TooManySpellings, Lang::Ar) => format!("أكثر من {MAX_SPELLINGS} صيغة في find"),
            (RuleFault::TooManySpellings, Lang::En) => format!("more than {MAX_SPELLINGS} spellings in find"),
            // The file's own words, shown without anything that could drive a terminal.
            (RuleFault::BadSpelling(s), Lang::Ar) => {
                format!("«{}» ليست من كلمة إلى {MAX_WORDS} كلمات تفصلها مسافة واحدة", crate::lang::printable(s))
            }
            (RuleFault::BadSpelling(s), Lang::En) => {
                format!("«{}» is not one to {MAX_WORDS} words with single spaces", crate::lang::printable(s))
            }
            (RuleFault::Replacement, Lang::Ar) => "قاعدة prefer تحتاج replace، وقاعدة needs-source لا تأخذه".into(),
            (RuleFault::Replacement, Lang::En) => "a prefer rule needs replace; a needs-source rule takes none".into(),
            (RuleFault::BadReplacement, Lang::Ar) => {
                format!("البديل (replace) من كلمة إلى {MAX_WORDS} كلمات تفصلها مسافة واحدة")
            }
            (RuleFault::BadReplacement, Lang::En) => {
                format!("the replacement is one to {MAX_WORDS} words with single spaces")
            }
            (RuleFault::BadMessage, Lang::Ar) => format!(
                "الرسالة مطلوبة بالعربية (message.ar)، والإنجليزية (message.en) اختيارية: كلٌّ منهما سطرٌ واحد حتى {MAX_MESSAGE_CHARS} حرفًا بلا محارف خفية"
            ),
            (RuleFault::BadMessage, Lang::En) => format!(
                "message.ar is required and message.en optional: each one line of up to {MAX_MESSAGE_CHARS} characters, nothing hidden"
            ),
        }
    }
}
