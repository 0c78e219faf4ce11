//! The publication's house style in this library: the last sheet a trusted chief issued, kept as
//! signed. One entry gives the checker its settings, so the window, the CLI, review steps and
//! delivery all check with the same rules.

use rusqlite::{params, OptionalExtension};

use super::review_error::ReviewError;
use super::Library;
use crate::check::CheckSettings;
use crate::identity::Signed;
use crate::lang::{Lang, Localized};
use crate::style::{HouseStyle, StyleProblem};
use crate::workflow::{Role, SheetProblem, StyleSheet, StyleSheetBody};

#[derive(Debug)]
pub enum StyleError {
    Review(ReviewError),
    Sheet(SheetProblem),
    Rules(StyleProblem),
    /// The sheet is signed by someone this library does not trust as a chief now.
    NotFromChief {
        name: String,
    },
    /// Only a chief issues the house style.
    NotChief,
    /// The library already has a sheet issued later.
    Older,
}

impl From<ReviewError> for StyleError {
    fn from(e: ReviewError) -> Self {
        StyleError::Review(e)
    }
}

impl From<rusqlite::Error> for StyleError {
    fn from(e: rusqlite::Error) -> Self {
        StyleError::Review(e.into())
    }
}

/// What taking a sheet did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Its rules are the library's now.
    New,
    /// The library had this very sheet.
    AlreadyHad,
}

impl Library {
    /// The signed sheet the library checks with, if a chief has issued one.
    pub fn style_sheet(&self) -> Result<Option<StyleSheet>, ReviewError> {
        Ok(self
            .conn
            .query_row("SELECT body, signature FROM house_style WHERE only = 1", [], |r| {
                Ok(StyleSheet(Signed { body: r.get(0)?, signature: r.get(1)? }))
            })
            .optional()?)
    }

    /// When the kept sheet was issued (ms since the epoch), if there is one.
    pub fn style_issued_at(&self) -> Result<Option<i64>, ReviewError> {
        Ok(self.conn.query_row("SELECT issued_at FROM house_style WHERE only = 1", [], |r| r.get(0)).optional()?)
    }

    /// The house style's rules (none until a chief issues some).
    pub fn house_style(&self) -> Result<HouseStyle, ReviewError> {
        let Some(sheet) = self.style_sheet()? else { return Ok(HouseStyle::default()) };
        // Checked when it was taken; read again from the signed text as kept.
        let body: StyleSheetBody = sheet.0.read().map_err(|e| {
            ReviewError::Library(super::LibraryError::Damaged {
                path: self.path.clone(),
                detail: format!("the kept house style cannot be read: {e}"),
            })
        })?;
        Ok(body.style())
    }

    /// What the checker needs to know about the publication: the one entry every front end uses.
    pub fn check_settings(&self) -> Result<CheckSettings, ReviewError> {
        Ok(CheckSettings { style: self.house_style()?, ..CheckSettings::default() })
    }

    /// Takes a sheet that arrived (a file, the desk): signed by its named signer, who is trusted
    /// here as a chief now, and issued after the sheet the library has. Nothing else changes it.
    pub fn take_style_sheet(&mut self, sheet: &StyleSheet) -> Result<Taken, StyleError> {
        let body = sheet.checked(self.now()).map_err(StyleError::Sheet)?;
        let chief = self.people()?.into_iter().any(|p| {
            p.fingerprint == body.signer.fingerprint && p.public_key == body.signer.public_key && p.role == Role::Chief
        });
        if !chief {
            return Err(StyleError::NotFromChief { name: body.signer.name });
        }
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: Option<(String, i64)> = tx
            .query_row("SELECT body, issued_at FROM house_style WHERE only = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match current {
            Some((text, _)) if text == sheet.0.body => return Ok(Taken::AlreadyHad),
            Some((_, issued_at)) if issued_at >= body.issued_at => return Err(StyleError::Older),
            _ => {}
        }
        tx.execute(
            "INSERT INTO house_style (only, body, signature, issued_at, received_at) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (only) DO UPDATE SET body = excluded.body, signature = excluded.signature,
               issued_at = excluded.issued_at, received_at = excluded.received_at",
            params![sheet.0.body, sheet.0.signature, body.issued_at, now],
        )?;
        tx.commit()?;
        Ok(Taken::New)
    }

    /// Issues `style` as the publication's house style, signed by this library's profile (a
    /// chief), and takes it. Returns the sheet to share.
    pub fn issue_style(&mut self, style: &HouseStyle, passphrase: Option<&str>) -> Result<StyleSheet, StyleError> {
        style.check().map_err(StyleError::Rules)?;
        let profile = self.profile()?.ok_or(ReviewError::NoProfile)?;
        if profile.person.role != Role::Chief {
            return Err(StyleError::NotChief);
        }
        // The very rules this chief already issued: the sheet the library has, not a new one to
        // send around.
        let mine =
            |sheet: &StyleSheet| sheet.verified().is_ok_and(|b| b.signer.fingerprint == profile.person.fingerprint);
        if let Some(kept) = self.style_sheet()?.filter(|k| mine(k) && self.house_style().is_ok_and(|s| s == *style)) {
            return Ok(kept);
        }
        let signer = self.signer(passphrase)?;
        // Later than the sheet kept, even if this machine's clock is behind the one that issued it.
        let kept = self.style_issued_at()?;
        let at = kept.map_or(self.now(), |k| self.now().max(k.saturating_add(1)));
        let sheet = StyleSheet::sign(&signer.profile.person, &signer.keys, style, at);
        self.take_style_sheet(&sheet)?;
        Ok(sheet)
    }
}

impl StyleError {
    pub fn code(&self) -> &'static str {
        match self {
            StyleError::Review(e) => e.code(),
            StyleError::Sheet(SheetProblem::BadSignature) => "bad-signature",
            StyleError::Sheet(_) | StyleError::Rules(_) => "invalid-input",
            StyleError::NotFromChief { .. } | StyleError::NotChief => "refused",
            StyleError::Older => "older",
        }
    }

    /// Whether the input was understood and refused (exit 1) rather than unusable.
    pub fn is_refusal(&self) -> bool {
        match self {
            StyleError::Review(e) => e.is_refusal(),
            StyleError::Sheet(SheetProblem::BadSignature | SheetProblem::FromTheFuture)
            | StyleError::NotFromChief { .. }
            | StyleError::NotChief
            | StyleError::Older => true,
            StyleError::Sheet(_) | StyleError::Rules(_) => false,
        }
    }
}

impl Localized for StyleError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StyleError::Review(e), lang) => e.message(lang),
            (StyleError::Rules(p), lang) => p.message(lang),
            (StyleError::Sheet(p), lang) => p.message(lang),
            (StyleError::NotFromChief { name }, Lang::Ar) => format!(
                "ورقة الأسلوب موقّعة من «{name}»، وهذه المكتبة لا تثق به رئيسًا للتحرير؛ لا يصدر الأسلوب إلا عن رئيس تحرير"
            ),
            (StyleError::NotFromChief { name }, Lang::En) => format!(
                "the sheet is signed by «{name}», whom this library does not trust as a chief; only a chief issues the house style"
            ),
            (StyleError::NotChief, Lang::Ar) => {
                "لا يصدر قواعد الأسلوب إلا رئيس تحرير؛ استورد ورقة موقّعة من رئيس التحرير".into()
            }
            (StyleError::NotChief, Lang::En) => {
                "only a chief issues house-style rules; import a sheet signed by your chief".into()
            }
            (StyleError::Older, Lang::Ar) => "لدى المكتبة قواعد أحدث من هذه الورقة؛ بقيت كما هي".into(),
            (StyleError::Older, Lang::En) => "the library has rules issued after this sheet; they stay".into(),
        }
    }
}
