//! `qalam style show|export|import`: the publication's house style. A chief imports a rules file
//! (it is signed with the chief's key and becomes the library's rules); anyone imports a sheet a
//! chief signed; `export` writes the signed sheet to hand to colleagues, or `--rules` the plain
//! rules file to edit.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::library::house_style::{StyleError, Taken};
use qalam_core::library::ReviewError;
use qalam_core::presentation::DigitStyle;
use qalam_core::style::rule::MAX_FILE_BYTES;
use qalam_core::style::{HouseStyle, RuleKind};
use qalam_core::workflow::StyleSheet;
use serde_json::json;

use super::open_library;
use super::profile::passphrase;
use crate::failure::Failure;
use crate::output::Output;

pub fn show(library: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let style = lib.house_style()?;
    if out.json {
        out.json(&serde_json::from_str::<serde_json::Value>(&style.to_json()).expect("rules are JSON"));
        return Ok(ExitCode::SUCCESS);
    }
    let publication = style.publication;
    if !publication.is_default() {
        let digits = match publication.digits {
            DigitStyle::AsTyped => out.lang.pick("كما كُتبت", "as typed"),
            DigitStyle::Western => out.lang.pick("غربية (0123)", "Western (0123)"),
            DigitStyle::ArabicIndic => out.lang.pick("مشرقية (٠١٢٣)", "Arabic-Indic (٠١٢٣)"),
        };
        let hijri = if publication.hijri { out.lang.pick("نعم", "yes") } else { out.lang.pick("لا", "no") };
        println!(
            "{}: {digits}\t{}: {hijri}",
            out.lang.pick("أرقام المنشور", "published digits"),
            out.lang.pick("التاريخ الهجري", "Hijri date")
        );
    }
    if style.rules.is_empty() {
        println!("{}", out.lang.pick("لا قواعد أسلوب بعد", "no house-style rules yet"));
    }
    for rule in &style.rules {
        let kind = match rule.kind {
            RuleKind::Prefer => out.lang.pick("تفضيل", "prefer"),
            RuleKind::Avoid => out.lang.pick("تجنّب", "avoid"),
            RuleKind::NeedsSource => out.lang.pick("يحتاج مصدرًا", "needs a source"),
        };
        let off = if rule.enabled { "" } else { out.lang.pick(" (معطّلة)", " (off)") };
        let replace = rule.replace.as_deref().map(|r| format!(" → {r}")).unwrap_or_default();
        println!("{}\t{kind}{off}\t{}{replace}\t{}", rule.id, rule.find.join("، "), rule.message(out.lang));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(library: Option<PathBuf>, path: Option<&Path>, rules: bool, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let text = if rules {
        lib.house_style()?.to_json()
    } else {
        lib.style_sheet()?.ok_or_else(|| Failure::Unusable(no_sheet(out)))?.to_json()
    };
    match path {
        Some(path) => {
            qalam_core::package::export::write_new_file_only(path, format!("{text}\n").as_bytes())?;
            if out.json {
                out.json(&json!({ "path": path }));
            } else {
                println!("{}", path.display());
            }
        }
        None => println!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn no_sheet(out: &Output) -> String {
    out.lang
        .pick(
            "لم يصدر رئيس التحرير قواعد أسلوب لهذه المكتبة بعد",
            "no chief has issued house-style rules to this library yet",
        )
        .to_string()
}

pub fn import(library: Option<PathBuf>, file: &Path, out: &Output) -> Result<ExitCode, Failure> {
    let bytes = qalam_core::files::read_bounded(file, 2 * MAX_FILE_BYTES as u64).map_err(Failure::File)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::Unusable(out.lang.pick("الملف ليس نصًا بترميز UTF-8", "the file is not UTF-8 text").to_string())
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let mut lib = open_library(library)?;
    let (taken, issued) = if looks_signed(text) {
        let sheet = StyleSheet::from_json(text).map_err(StyleError::Sheet)?;
        (lib.take_style_sheet(&sheet)?, false)
    } else {
        let style = HouseStyle::from_json(text).map_err(StyleError::Rules)?;
        let profile = lib.profile()?.ok_or(ReviewError::NoProfile)?;
        let before = lib.style_issued_at()?;
        lib.issue_style(&style, passphrase(&profile.store, out.lang).as_deref())?;
        let changed = lib.style_issued_at()? != before;
        (if changed { Taken::New } else { Taken::AlreadyHad }, changed)
    };
    let count = lib.house_style()?.rules.len();
    if out.json {
        out.json(&json!({ "rules": count, "changed": taken == Taken::New, "issued": issued }));
    } else if taken == Taken::AlreadyHad {
        println!("{}", out.lang.pick("لدى المكتبة هذه القواعد نفسها", "the library already has these rules"));
    } else {
        match out.lang {
            qalam_core::Lang::Ar => println!("قواعد الأسلوب الآن: {count}"),
            qalam_core::Lang::En => println!("house-style rules now: {count}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A signed sheet is an object with `body` and `signature`; a rules file has `format` and `rules`.
fn looks_signed(text: &str) -> bool {
    // (The byte-order mark is already gone.)
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .is_some_and(|v| v.get("signature").is_some() && v.get("body").is_some())
}
