//! The shared desk from the command line: `desk join`, `desk status`, `desk leave`, `sync`, and
//! what every review verb does after its change when a desk is joined — queue it in the outbox
//! and try to send it at once (offline, it simply waits; the verb has succeeded either way).

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::dates::iso_time;
use qalam_core::library::{Library, OutboxState};
use qalam_core::Lang;
use qalam_sync::run::{sync_once, Pass};
use qalam_sync::send::error_text;
use qalam_sync::style::StyleExchange;
use qalam_sync::{join, status, SyncError};
use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

pub fn join(
    library: Option<PathBuf>,
    url: &str,
    code: &str,
    ca: Option<&str>,
    device_name: Option<&str>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let name = device_name.map(str::to_string).unwrap_or_else(join::default_device_name);
    // Joining signs the desk's challenge with the profile's key (the key file's passphrase, if any).
    let profile = lib.profile()?.ok_or(qalam_core::library::ReviewError::NoProfile)?;
    let passphrase = super::profile::passphrase(&profile.store, out.lang);
    let joined = runtime().block_on(join::join(&mut lib, url, code, ca, &name, passphrase.as_deref()))?;
    if out.json {
        out.json(&json!({ "desk": joined.link, "queued": joined.queued }));
    } else {
        match out.lang {
            Lang::Ar => println!(
                "انضمت المكتبة إلى المكتب {} باسم {} ({})؛ في صندوق الإرسال {} قصة",
                out.lang.ltr(&joined.link.url),
                joined.link.person_name,
                joined.link.role,
                joined.queued
            ),
            Lang::En => println!(
                "joined the desk at {} as {} ({}); {} queued to go",
                joined.link.url,
                joined.link.person_name,
                joined.link.role,
                if joined.queued == 1 { "1 story".to_string() } else { format!("{} stories", joined.queued) }
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn leave(library: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let link = join::leave(&mut lib)?;
    let waiting = lib.outbox_waiting()?;
    if out.json {
        out.json(&json!({ "left": link.url, "waiting": waiting }));
    } else {
        match out.lang {
            Lang::Ar => {
                println!("غادرت المكتبة المكتب {}؛ بقي {waiting} تغيير لم يُرسل محفوظاً هنا", out.lang.ltr(&link.url))
            }
            Lang::En => println!("left the desk at {}; {waiting} unsent changes stay here", link.url),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn status(library: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let status = status::status(&lib, 50)?;
    if out.json {
        let mut value = json!(status);
        if let Some(error) = status.desk.as_ref().and_then(|d| d.last_error.as_deref()) {
            value["desk"]["last_error"] = json!(error_text(error, out.lang));
        }
        for (i, item) in status.items.iter().enumerate() {
            if let Some(error) = &item.last_error {
                value["items"][i]["last_error"] = json!(error_text(error, out.lang));
            }
        }
        out.json(&value);
        return Ok(ExitCode::SUCCESS);
    }
    let ar = out.lang == Lang::Ar;
    let Some(desk) = &status.desk else {
        println!("{}", out.lang.pick("غير منضمة إلى مكتب", "not joined to a desk"));
        if status.waiting > 0 {
            println!(
                "{}",
                if ar {
                    format!("{} تغيير ينتظر", status.waiting)
                } else {
                    format!("{} changes waiting", status.waiting)
                }
            );
        }
        return Ok(ExitCode::SUCCESS);
    };
    let url = out.lang.ltr(&desk.url);
    println!(
        "{}",
        if ar {
            format!("المكتب: {url} باسم {} ({})", desk.person_name, desk.role)
        } else {
            format!("desk: {url} as {} ({})", desk.person_name, desk.role)
        }
    );
    let last = desk.last_sync_at.map(iso_time).unwrap_or_else(|| out.lang.pick("لم تتم بعد", "never").into());
    println!("{}: {last}", out.lang.pick("آخر مزامنة", "last sync"));
    if let Some(error) = &desk.last_error {
        println!("{}: {}", out.lang.pick("آخر خطأ", "last error"), error_text(error, out.lang));
    }
    println!("{}: {}", out.lang.pick("في صندوق الإرسال", "waiting to be sent"), status.waiting);
    for item in status.items.iter().filter(|i| i.state != OutboxState::Sent).take(20) {
        let state = match item.state {
            OutboxState::Queued => out.lang.pick("ينتظر", "queued"),
            OutboxState::Conflict => out.lang.pick("تعارض", "conflict"),
            OutboxState::Refused => out.lang.pick("مرفوض", "refused"),
            OutboxState::Sent => out.lang.pick("أُرسل", "sent"),
        };
        let error = item.last_error.as_deref().map(|e| format!("  {}", error_text(e, out.lang))).unwrap_or_default();
        println!("  {}  {}  [{state}] ×{}{error}", iso_time(item.created_at), item.article_id, item.attempts);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn search(library: Option<PathBuf>, query: &str, limit: i64, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let (_, client) = join::client_for(&lib)?;
    let hits = runtime().block_on(client.search(query, limit))?;
    if out.json {
        out.json(&json!(hits));
        return Ok(ExitCode::SUCCESS);
    }
    for hit in &hits {
        let status = qalam_core::workflow::ArticleStatus::parse(&hit.status)
            .map_or(hit.status.clone(), |s| s.label(out.lang).to_string());
        println!("{}  {}  [{status}]  {}", hit.id, hit.title, hit.author_name.as_deref().unwrap_or(""));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn sync(library: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let pass = runtime().block_on(sync_once(&mut lib, true))?;
    print_pass(&pass, out);
    Ok(ExitCode::SUCCESS)
}

fn print_pass(pass: &Pass, out: &Output) {
    if out.json {
        let mut value = json!(pass);
        value["refused"] = json!(pass
            .refused
            .iter()
            .map(|(id, e)| json!({ "id": id, "reason": error_text(e, out.lang) }))
            .collect::<Vec<_>>());
        if let StyleExchange::Refused(e) = &pass.style {
            value["style"]["reason"] = json!(error_text(e, out.lang));
        }
        out.json(&value);
        return;
    }
    let r = &pass.received;
    match out.lang {
        Lang::Ar => println!(
            "أُرسل {}، واستُلم {} (جديد {}، محدَّث {})، وينتظر {}",
            pass.sent,
            r.stories,
            r.created.len(),
            r.updated.len(),
            pass.waiting
        ),
        Lang::En => println!(
            "sent {}, received {} ({} new, {} updated), {} waiting",
            pass.sent,
            r.stories,
            r.created.len(),
            r.updated.len(),
            pass.waiting
        ),
    }
    for id in pass.conflicts.iter().chain(&r.conflicts) {
        match out.lang {
            Lang::Ar => println!("تعارض في {id}: عدّل الطرفان النص؛ ادمجهما في التطبيق"),
            Lang::En => println!("conflict in {id}: both sides changed the text; merge them in the app"),
        }
    }
    for (id, e) in &pass.refused {
        println!("{id}: {}", error_text(e, out.lang));
    }
    match &pass.style {
        StyleExchange::Same => {}
        StyleExchange::Received => {
            println!("{}", out.lang.pick("استُلمت قواعد الأسلوب من المكتب", "received the house style from the desk"))
        }
        StyleExchange::Sent => {
            println!("{}", out.lang.pick("أُرسلت قواعد الأسلوب إلى المكتب", "sent the house style to the desk"))
        }
        StyleExchange::Refused(e) => {
            println!("{}: {}", out.lang.pick("قواعد الأسلوب", "house style"), error_text(e, out.lang))
        }
    }
}

/// After a review verb changed article `id` (the library queued the change in the same
/// transaction when a desk is joined): try to send it now. Returns what to add to the verb's
/// JSON; in text, says it on stderr.
pub fn after_change(lib: &mut Library, out: &Output) -> Option<serde_json::Value> {
    lib.desk_link().ok().flatten()?;
    match runtime().block_on(sync_once(lib, false)) {
        Ok(pass) if pass.waiting == 0 && pass.refused.is_empty() && pass.conflicts.is_empty() => {
            Some(report(out, "sent", None))
        }
        Ok(pass) => {
            let why = pass.refused.first().map(|(_, e)| error_text(e, out.lang));
            let state = if pass.conflicts.is_empty() { "queued" } else { "conflict" };
            Some(report(out, state, why.as_deref()))
        }
        Err(e) => Some(report(out, "queued", Some(&sync_words(&e, out.lang)))),
    }
}

fn sync_words(e: &SyncError, lang: Lang) -> String {
    use qalam_core::lang::Localized;
    e.message(lang)
}

fn report(out: &Output, state: &str, why: Option<&str>) -> serde_json::Value {
    if !out.json {
        let said = match state {
            "sent" => out.lang.pick("أُرسل إلى المكتب", "sent to the desk"),
            "conflict" => {
                out.lang.pick("تعارض مع نسخة المكتب: ادمجهما", "in conflict with the desk's copy: merge them")
            }
            _ => out.lang.pick("في صندوق الإرسال، يُرسل حين يمكن", "in the outbox, to be sent when it can"),
        };
        match why {
            Some(why) => eprintln!("{said}: {why}"),
            None => eprintln!("{said}"),
        }
    }
    json!({ "state": state, "reason": why })
}
