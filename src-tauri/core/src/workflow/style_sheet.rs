//! The house style as a chief issues it: the rules, who issued them and when, signed. A laptop
//! takes a sheet only from a chief it trusts, and only one newer than the sheet it has — so an
//! old sheet replayed, or a list written by anyone else, changes nothing.

use serde::{Deserialize, Serialize};

use super::Person;
use crate::identity::{KeyPair, Signed};
use crate::presentation::Presentation;
use crate::style::rule::{HouseStyle, StyleProblem, StyleRule, MAX_FILE_BYTES};

pub const SHEET_FORMAT: &str = "qalam-house-style-sheet";
pub const SHEET_VERSION: u32 = 1;

/// What a signed sheet says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).expect("a signed sheet always serializes")
    }

    pub fn from_json(text: &str) -> Result<StyleSheet, SheetProblem> {
        if text.len() > 2 * MAX_FILE_BYTES {
            return Err(SheetProblem::Rules(StyleProblem::TooLarge { bytes: text.len() }));
        }
        serde_json::from_str(text).map(StyleSheet).map_err(|e| SheetProblem::NotASheet(e.to_string()))
    }
}
