//! The review workflow from the command line: `submit`, `withdraw`, `start-review`,
//! `request-changes`, `approve`, `spike`, `unspike`, `status`, `audit`, `handoff`, and receiving a
//! review package through `import-package`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::dates::iso_time;
use qalam_core::lang::{without_escapes, Localized};
use qalam_core::library::StepOutcome;
use qalam_core::package::handoff::make_handoff;
use qalam_core::package::{take_step, VerifiedPackage};
use qalam_core::workflow::{Action, EventKind};
use serde_json::json;

use super::profile::signer;
use super::{open_library, open_or_create_library};
use crate::failure::Failure;
use crate::output::Output;

pub fn step(
    library: Option<PathBuf>,
    id: &str,
    action: Action,
    note: Option<&str>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let signer = signer(&lib, out)?;
    let settings = lib.check_settings()?;
    let outcome = take_step(&mut lib, id, action, note, &signer, &settings)?;
    let desk = super::desk::after_change(&mut lib, out);
    print_step(&outcome, desk, out);
    Ok(ExitCode::SUCCESS)
}

fn print_step(outcome: &StepOutcome, desk: Option<serde_json::Value>, out: &Output) {
    if out.json {
        let mut value = json!(outcome);
        if let Some(desk) = desk {
            value["desk"] = desk;
        }
        out.json(&value);
    } else {
        println!(
            "{}  {} → {}  r{}",
            outcome.id,
            outcome.from.label(out.lang),
            outcome.to.label(out.lang),
            outcome.revision
        );
    }
}

pub fn status(library: Option<PathBuf>, id: &str, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let state = lib.review_state(id)?;
    if out.json {
        out.json(&json!(state));
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}  {}", state.id, state.title);
    println!("{}: {}", out.lang.pick("الحالة", "state"), state.status.label(out.lang));
    if let Some(a) = &state.approval {
        let edited = if state.edited_since_approval {
            out.lang.pick("، وعُدّلت بعده", ", edited since")
        } else {
            ""
        };
        match out.lang {
            qalam_core::Lang::Ar => println!("اعتُمدت في المراجعة r{} من {}{edited}", a.revision, a.by),
            qalam_core::Lang::En => println!("approved at r{} by {}{edited}", a.revision, a.by),
        }
    }
    if let Some(e) = &state.embargo {
        let zone = qalam_core::zoned::zone_or_default(e.zone.as_deref());
        println!(
            "{}: {}",
            out.lang.pick("محظورة حتى", "embargoed until"),
            qalam_core::zoned::display_in_zone(e.until, zone, out.lang)
        );
    }
    if state.in_conflict {
        println!(
            "{}",
            out.lang.pick(
                "في تعارض: عدّل الطرفان النص؛ ادمجهما في التطبيق",
                "in conflict: both sides changed the text; merge them in the app"
            )
        );
    }
    for line in &state.history {
        let e = &line.body;
        let what = event_name(&e.kind, out.lang);
        // The name this library holds for the key; an unknown key's claim is shown as a claim.
        // A signer wrote the name and note: nothing in them may drive the terminal.
        let who =
            line.known.as_ref().map_or_else(|| format!("«{}»?", without_escapes(&e.actor_name)), |k| k.name.clone());
        let note = e.note.as_deref().map(|n| format!("  «{}»", without_escapes(n))).unwrap_or_default();
        println!("  {}  r{:<3} {:<20} {who}{note}", iso_time(e.time), e.revision, what);
        if let Some(why) = &line.refused {
            println!("      {}: {}", out.lang.pick("لا يُحتسب", "does not count"), why.message(out.lang));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn audit(library: Option<PathBuf>, id: &str, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let report = lib.audit(id)?;
    if out.json {
        out.json(&json!({ "article": report.article, "events": report.events, "sound": report.is_sound(),
            "problems": report.problems, "merged": report.merged }));
    } else {
        if report.is_sound() {
            match out.lang {
                qalam_core::Lang::Ar => {
                    // Said with the count apart from its noun, which Arabic would otherwise inflect by number.
                    println!("السجل سليم: عدد أحداثه الموقّعة المتسلسلة {}، وكلها تُحتسب", report.events)
                }
                qalam_core::Lang::En => {
                    println!("the record is sound: {} signed, chained events, all of which count", report.events)
                }
            }
        }
        for problem in &report.problems {
            println!("{}", problem.message(out.lang));
        }
        for merged in &report.merged {
            println!("{}", merged.message(out.lang));
        }
    }
    Ok(if report.is_sound() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

pub fn handoff(library: Option<PathBuf>, id: &str, path: &Path, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let signer = signer(&lib, out)?;
    let package = make_handoff(&mut lib, id, &signer)?;
    let sha256 = package.write_zip(path)?;
    if out.json {
        out.json(&json!({ "path": path, "sha256": sha256, "revision": package.manifest.article.revision }));
    } else {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `import-package` of a review package.
pub fn receive(library: Option<PathBuf>, package: &VerifiedPackage, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_or_create_library(library)?;
    let outcome = qalam_core::package::receive_handoff(&mut lib, package)?;
    let desk = super::desk::after_change(&mut lib, out);
    if out.json {
        let mut value = json!(outcome);
        if let Some(desk) = desk {
            value["desk"] = desk;
        }
        out.json(&value);
    } else {
        println!("{}\t{}", outcome.id, outcome.title);
        let said = match outcome.text {
            qalam_core::library::handoff::TextOutcome::Created => {
                out.lang.pick("مقال جديد في المكتبة", "a new article in the library")
            }
            qalam_core::library::handoff::TextOutcome::Updated => {
                out.lang.pick("صار نص المرسل النسخة العاملة", "the sender's text is the working copy now")
            }
            qalam_core::library::handoff::TextOutcome::Kept => {
                out.lang.pick("النص هنا أحدث أو مطابق؛ بقي كما هو", "the text here is newer or the same; it stays")
            }
            qalam_core::library::handoff::TextOutcome::Conflict => out.lang.pick(
                "حُفظ نص المرسل بجانب النص هنا والمقال في تعارض حتى يُدمج (عدّل الطرفان النص، أو مفتاح المرسل لا يُحتسب هنا)",
                "the sender's text is kept beside this one and the article is in conflict until merged (both sides changed it, or the sender's key does not count here)",
            ),
        };
        println!("{said}");
        if let Some(by) = &outcome.handed_by {
            println!("{}", handed_by_line(by, out.lang));
        }
        match out.lang {
            qalam_core::Lang::Ar => println!("أحداث جديدة: {}", outcome.events_added),
            qalam_core::Lang::En => println!("new events: {}", outcome.events_added),
        }
    }
    // Events kept but not counting are said on stderr too, so a script reading stdout still sees them.
    for n in &outcome.not_counting {
        match out.lang {
            qalam_core::Lang::Ar => eprintln!("الحدث {} لا يُحتسب هنا: {}", n.position, n.why.message(out.lang)),
            qalam_core::Lang::En => eprintln!("event {} does not count here: {}", n.position, n.why.message(out.lang)),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Who sealed a hand-off, and whether their key counts here.
fn handed_by_line(by: &qalam_core::library::handoff::HandedBy, lang: qalam_core::Lang) -> String {
    use qalam_core::library::people::KeyStanding;
    let name = without_escapes(&by.name);
    let fingerprint = by.fingerprint.grouped();
    match (by.standing, lang) {
        (KeyStanding::Trusted, qalam_core::Lang::Ar) => format!("سلّمه {name} (البصمة {fingerprint})، والختم سليم"),
        (KeyStanding::Trusted, qalam_core::Lang::En) => {
            format!("handed over by {name} (fingerprint {fingerprint}); the seal holds")
        }
        (KeyStanding::Removed, qalam_core::Lang::Ar) => {
            format!("ختمه {name} (البصمة {fingerprint})، ومفتاحه لم يعد يُحتسب هنا: أُزيل من المكتب")
        }
        (KeyStanding::Removed, qalam_core::Lang::En) => {
            format!("sealed by {name} (fingerprint {fingerprint}), whose key no longer counts here: removed from the desk")
        }
        (KeyStanding::Unknown, qalam_core::Lang::Ar) if by.name_belongs_to.is_some() => format!(
            "ختمه مفتاح لا تعرفه هذه المكتبة يدّعي صاحبه أنه {name} (البصمة {fingerprint})، و{name} الذي تثق به هذه المكتبة مفتاحه غيره: لم يُرسله هو"
        ),
        (KeyStanding::Unknown, qalam_core::Lang::En) if by.name_belongs_to.is_some() => format!(
            "sealed by a key this library does not know, whose holder claims to be {name} (fingerprint {fingerprint}); the {name} this library trusts has another key: it was not sent by them"
        ),
        (KeyStanding::Unknown, qalam_core::Lang::Ar) => format!(
            "ختمه مفتاح لا تعرفه هذه المكتبة، يقول صاحبه إنه {name} (البصمة {fingerprint}): تحقّق من البصمة معه، ثم استورد قائمته (qalam roster import)"
        ),
        (KeyStanding::Unknown, qalam_core::Lang::En) => format!(
            "sealed by a key this library does not know, whose holder says they are {name} (fingerprint {fingerprint}): check the fingerprint with them, then import their roster (qalam roster import)"
        ),
    }
}

/// An event's name in the user's language: the step («الإرسال»), or what it did to a comment, a
/// suggestion or the embargo. (English keeps the record's own words.)
fn event_name(kind: &EventKind, lang: qalam_core::Lang) -> String {
    use qalam_core::workflow::event::CommentOp;
    use qalam_core::workflow::suggestion::SuggestionOp;
    match (kind, lang) {
        (EventKind::Transition(action), qalam_core::Lang::Ar) => action.label(lang).to_string(),
        (EventKind::Transition(action), qalam_core::Lang::En) => action.as_str().to_string(),
        (EventKind::Comment(c), qalam_core::Lang::Ar) => match c.op {
            CommentOp::Add => "تعليق",
            CommentOp::Reply => "ردّ على تعليق",
            CommentOp::Resolve => "حلّ تعليق",
            CommentOp::Reopen => "إعادة فتح تعليق",
        }
        .to_string(),
        (EventKind::Comment(c), qalam_core::Lang::En) => format!("comment-{}", op_name(c.op)),
        (EventKind::Suggestion(s), qalam_core::Lang::Ar) => match s.op {
            SuggestionOp::Propose => "اقتراح",
            SuggestionOp::Accept => "قبول اقتراح",
            SuggestionOp::Reject => "رفض اقتراح",
            SuggestionOp::Withdraw => "سحب اقتراح",
            SuggestionOp::Reply => "ردّ على اقتراح",
        }
        .to_string(),
        (EventKind::Suggestion(s), qalam_core::Lang::En) => format!("suggestion-{}", op_name(s.op)),
        (EventKind::Embargo(c), _) => match (c.until, lang) {
            (None, _) => lang.pick("رفع الحظر", "embargo-lifted").to_string(),
            (Some(t), qalam_core::Lang::Ar) => format!("حظر حتى {}", lang.ltr(iso_time(t))),
            (Some(t), qalam_core::Lang::En) => format!("embargo {}", iso_time(t)),
        },
    }
}

/// An operation's name as the record's JSON spells it.
fn op_name(op: impl serde::Serialize) -> String {
    serde_json::to_value(op).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}
