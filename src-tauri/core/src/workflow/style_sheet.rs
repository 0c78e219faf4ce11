//! The house style as a chief issues it: the rules, who issued them and when, signed. A laptop
//! takes a sheet only from a chief it trusts, and only one newer than the sheet it has — so an
//! old sheet replayed, or a list written by anyone else, changes nothing.

use serde::{Deserialize, Serialize};

use super::Person;
use crate::identity::{KeyPair, Signed};
use crate::lang::{Lang, Localized};
use crate::presentation::Presentation;
use crate::style::rule::{HouseStyle, StyleProblem, StyleRule, MAX_FILE_BYTES};

pub const SHEET_FORMAT: &str = "qalam-house-style-sheet";
pub const SHEET_VERSION: u32 = 1;
/// How far ahead of the receiver's clock a sheet may be dated (clocks disagree a little; a sheet
/// dated far ahead would outrank every sheet to come).
pub const MAX_CLOCK_AHEAD_MS: i64 = 24 * 3_600_000;

/// What a signed sheet says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSheetBody {
    pub format: String,
    pub version: u32,
    /// Who issued it (a chief, checked where it arrives).
    pub signer: Person,
    /// When (milliseconds since the epoch); a sheet replaces only an older one.
    pub issued_at: i64,
    /// Digits and dates on output (a sheet without it: as typed, no Hijri date).
    #[serde(default, skip_serializing_if = "Presentation::is_default")]
    pub publication: Presentation,
    pub rules: Vec<StyleRule>,
}

/// A sheet as it travels: the signed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleSheet(pub Signed);

/// Why a sheet is not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
    NotASheet(String),
    BadSignature,
    Rules(StyleProblem),
    /// Dated further ahead than any clock could be now: taken, it would outrank every sheet to come.
    FromTheFuture,
}

/// Whether `body` is dated no further ahead of `now` (the receiver's clock) than clocks disagree.
fn not_ahead(body: &StyleSheetBody, now: i64) -> Result<(), SheetProblem> {
    if body.issued_at > now.saturating_add(MAX_CLOCK_AHEAD_MS) {
        return Err(SheetProblem::FromTheFuture);
    }
    Ok(())
}

impl Localized for SheetProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetProblem::Rules(p), lang) => p.message(lang),
            (SheetProblem::NotASheet(_), Lang::Ar) => {
                "ليس ورقة أسلوب موقّعة يقرؤها قلم (صيغة qalam-house-style-sheet، الإصدار 1)".into()
            }
            (SheetProblem::NotASheet(why), Lang::En) => {
                format!("not a signed house-style sheet this Qalam reads: {}", crate::lang::printable(why))
            }
            (SheetProblem::BadSignature, Lang::Ar) => {
                "توقيع ورقة الأسلوب لا يطابق مفتاح من يُذكر أنه وقّعها؛ لم يتغيّر شيء".into()
            }
            (SheetProblem::BadSignature, Lang::En) => {
                "the sheet's signature is not its named signer's; nothing was changed".into()
            }
            (SheetProblem::FromTheFuture, Lang::Ar) => {
                "ورقة الأسلوب مؤرخة بعد ساعة قارئها بأكثر من يوم: ساعة من وقّعها خاطئة أو التاريخ مصنوع؛ لم يتغيّر شيء".into()
            }
            (SheetProblem::FromTheFuture, Lang::En) => {
                "the sheet is dated more than a day ahead: its signer's clock is wrong or the date was made up; nothing was changed".into()
            }
        }
    }
}

impl StyleSheetBody {
    /// The house style the sheet carries.
    pub fn style(&self) -> HouseStyle {
        HouseStyle { rules: self.rules.clone(), publication: self.publication.clone() }
    }
}

impl StyleSheet {
    pub fn sign(signer: &Person, pair: &KeyPair, style: &HouseStyle, now: i64) -> StyleSheet {
        let body = StyleSheetBody {
            format: SHEET_FORMAT.into(),
            version: SHEET_VERSION,
            signer: signer.clone(),
            issued_at: now,
            publication: style.publication.clone(),
            rules: style.rules.clone(),
        };
        StyleSheet(Signed::sign(&body, pair))
    }

    /// The body, once the signature is the named signer's and the rules are within bounds.
    /// Whether the signer may issue the house style is the library's to say (who it trusts now).
    pub fn verified(&self) -> Result<StyleSheetBody, SheetProblem> {
        let body: StyleSheetBody = self.0.read().map_err(|e| SheetProblem::NotASheet(e.to_string()))?;
        if body.format != SHEET_FORMAT || body.version != SHEET_VERSION {
            return Err(SheetProblem::NotASheet(format!("{} version {}", body.format, body.version)));
        }
        if !body.signer.is_consistent() || !self.0.verifies(&body.signer.public_key) {
            return Err(SheetProblem::BadSignature);
        }
        body.style().check().map_err(SheetProblem::Rules)?;
        Ok(body)
    }

    /// What a receiver takes: the [`verified`](Self::verified) body, dated no further ahead of
    /// `now` (its own clock) than clocks disagree. Who may issue it is still the receiver's to say.
    pub fn checked(&self, now: i64) -> Result<StyleSheetBody, SheetProblem> {
        // However it arrived (a file, the desk's answer), no larger than a sheet is made.
        if self.0.body.len() > 2 * MAX_FILE_BYTES {
            return Err(SheetProblem::Rules(StyleProblem::TooLarge { bytes: self.0.body.len() }));
        }
        let body = self.verified()?;
        not_ahead(&body, now)?;
        Ok(body)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).expect("a signed sheet always serializes")
    }

    pub fn from_json(text: &str) -> Result<StyleSheet, SheetProblem> {
        if text.len() > 2 * MAX_FILE_BYTES {
            return Err(SheetProblem::Rules(StyleProblem::TooLarge { bytes: text.len() }));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        serde_json::from_str(text).map(StyleSheet).map_err(|e| SheetProblem::NotASheet(e.to_string()))
    }
}
