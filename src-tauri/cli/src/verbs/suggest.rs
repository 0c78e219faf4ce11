//! `qalam suggest`, `qalam suggestions`, `qalam accept`, `qalam reject` and
//! `qalam withdraw-suggestion`: suggesting mode from the command line, over the same library
//! entries as the window.

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::article::text_field::AnchorField;
use qalam_core::dates::iso_time;
use qalam_core::lang::without_escapes;
use qalam_core::library::suggestions::Suggestion;
use serde_json::json;

use super::open_library;
use super::profile::signer;
use crate::failure::Failure;
use crate::output::Output;

pub enum Place {
    Replace { quote: String, with: String },
    Insert { after: String, words: String },
}

#[derive(Clone, Copy)]
pub enum Decide {
    Accept,
    Reject,
    Withdraw,
}

pub fn suggest(
    library: Option<PathBuf>,
    id: &str,
    place: Place,
    field: Option<AnchorField>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    // What is wrong with the quote is said before the key is asked for.
    let (anchor, words) = match place {
        Place::Replace { quote, with } => (lib.anchor_for_quote_in(id, field, &quote)?, with),
        Place::Insert { after, words } => (lib.anchor_after(id, field, &after)?, words),
    };
    let signer = signer(&lib, out)?;
    let (suggestion, _) = lib.suggest(id, anchor, &words, &signer)?;
    let desk = super::desk::after_change(&mut lib, out);
    if out.json {
        out.json(&json!({ "id": id, "suggestion": suggestion, "desk": desk }));
    } else {
        println!("{suggestion}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(library: Option<PathBuf>, id: &str, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let suggestions = lib.suggestions(id)?;
    if out.json {
        let listed: Vec<_> = suggestions
            .iter()
            .map(|s| {
                let mut value = json!(s);
                value["detached"] = json!(s.is_detached());
                value
            })
            .collect();
        out.json(&json!(listed));
        return Ok(ExitCode::SUCCESS);
    }
    for s in &suggestions {
        println!("{}  [{}]  {}", s.id, state(s, out), change(s, out));
        println!("    {}  {}", iso_time(s.time), without_escapes(&s.by));
        if let Some(d) = &s.decided {
            println!("    {}  {}: {}", iso_time(d.time), without_escapes(&d.by), d.status.label(out.lang));
        }
        if let Some(o) = &s.overruled {
            let gave_way = out.lang.pick("وتراجع أمام القبول", "gave way to the acceptance");
            println!("    {}  {}: {} ({gave_way})", iso_time(o.time), without_escapes(&o.by), o.status.label(out.lang));
        }
        for r in &s.replies {
            println!("    {}  {}: {}", iso_time(r.time), without_escapes(&r.author), without_escapes(&r.text));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn state(s: &Suggestion, out: &Output) -> &'static str {
    if s.is_detached() {
        out.lang.pick("منفصل: تغيّرت كلماته", "detached: its words were edited away")
    } else {
        s.status.label(out.lang)
    }
}

/// «old» → «new», with the field when it is not the body.
fn change(s: &Suggestion, out: &Output) -> String {
    let field = match s.anchor.field {
        AnchorField::Body => String::new(),
        f => format!("({}) ", field_label(f, out)),
    };
    let (old, new) = (without_escapes(&s.anchor.exact), without_escapes(&s.replacement));
    match (old.is_empty(), new.is_empty()) {
        (true, _) => {
            format!("{field}+ «{new}» {} «{}»", out.lang.pick("بعد", "after"), without_escapes(&s.anchor.prefix))
        }
        (false, true) => format!("{field}− «{old}»"),
        (false, false) => format!("{field}«{old}» → «{new}»"),
    }
}

fn field_label(field: AnchorField, out: &Output) -> &'static str {
    match field {
        AnchorField::Title => out.lang.pick("العنوان", "title"),
        AnchorField::Kicker => out.lang.pick("العنوان التمهيدي", "kicker"),
        AnchorField::Standfirst => out.lang.pick("الموجز", "standfirst"),
        AnchorField::Body => out.lang.pick("النص", "body"),
    }
}

/// Accepts, rejects or withdraws one suggestion; accepts or rejects every open one without an id.
pub fn decide(
    library: Option<PathBuf>,
    id: &str,
    how: Decide,
    suggestion: Option<&str>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    if let Some(s) = suggestion {
        // An unknown id is said before the key is asked for.
        lib.suggestion(id, s)?;
    }
    let signer = signer(&lib, out)?;
    let (decided, skipped, revision) = match (how, suggestion) {
        (Decide::Accept, Some(s)) => {
            (vec![s.to_string()], vec![], Some(lib.accept_suggestion(id, s, &signer)?.revision))
        }
        (Decide::Reject, Some(s)) => {
            (vec![s.to_string()], vec![], lib.reject_suggestion(id, s, &signer).map(|_| None)?)
        }
        (Decide::Withdraw, Some(s)) => {
            (vec![s.to_string()], vec![], lib.withdraw_suggestion(id, s, &signer).map(|_| None)?)
        }
        (Decide::Accept, None) => {
            let all = lib.accept_all_suggestions(id, &signer)?;
            (all.decided, all.skipped, all.outcome.map(|o| o.revision))
        }
        (Decide::Reject | Decide::Withdraw, None) => {
            let all = lib.reject_all_suggestions(id, &signer)?;
            (all.decided, all.skipped, None)
        }
    };
    let desk = super::desk::after_change(&mut lib, out);
    let verb = match how {
        Decide::Accept => out.lang.pick("قُبل", "accepted"),
        Decide::Reject => out.lang.pick("رُفض", "rejected"),
        Decide::Withdraw => out.lang.pick("سُحب", "withdrawn"),
    };
    if out.json {
        out.json(&json!({ "id": id, "decided": decided, "skipped": skipped, "revision": revision, "desk": desk }));
        return Ok(ExitCode::SUCCESS);
    }
    for s in &decided {
        println!("{s}  {verb}");
    }
    for s in &skipped {
        println!("{s}  {}", out.lang.pick("بقي مفتوحًا: تغيّرت كلماته", "left open: its words were edited away"));
    }
    if decided.is_empty() && skipped.is_empty() {
        println!("{}", out.lang.pick("لا اقتراحات مفتوحة", "no open suggestions"));
    }
    if let Some(revision) = revision {
        println!("{} {revision}", out.lang.pick("النص الجديد هو النسخة", "the new text is revision"));
    }
    Ok(ExitCode::SUCCESS)
}
