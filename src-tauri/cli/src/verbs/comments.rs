//! `qalam comment ID --quote TEXT --text T`, `qalam comments ID` and `qalam resolve ID COMMENT_ID`.

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::dates::iso_time;
use qalam_core::lang::without_escapes;
use serde_json::json;

use super::open_library;
use super::profile::signer;
use crate::failure::Failure;
use crate::output::Output;

pub fn comment(
    library: Option<PathBuf>,
    id: &str,
    quote: &str,
    text: &str,
    reply_to: Option<&str>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    // What is wrong with the quote is said before the key is asked for.
    let anchor = match reply_to {
        Some(_) => None,
        None => Some(lib.anchor_for_quote(id, quote)?),
    };
    let signer = signer(&lib, out)?;
    let thread = match (reply_to, anchor) {
        (Some(thread), _) => {
            lib.reply(id, thread, text, &signer)?;
            thread.to_string()
        }
        (None, Some(anchor)) => lib.comment(id, anchor, text, &signer)?.0,
        (None, None) => unreachable!("a new comment has its anchor"),
    };
    let desk = super::desk::after_change(&mut lib, out);
    if out.json {
        out.json(&json!({ "id": id, "comment": thread, "desk": desk }));
    } else {
        println!("{thread}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(library: Option<PathBuf>, id: &str, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let threads = lib.comment_threads(id)?;
    if out.json {
        out.json(&json!(threads));
        return Ok(ExitCode::SUCCESS);
    }
    for t in &threads {
        let state = match (t.resolved, t.located) {
            (true, _) => out.lang.pick("محلول", "resolved"),
            (false, None) => out.lang.pick("منفصل: حُذف نصه", "detached: its words were deleted"),
            (false, Some(_)) => out.lang.pick("مفتوح", "open"),
        };
        println!("{}  [{state}]  «{}»", t.id, t.anchor.exact);
        for c in &t.comments {
            println!("    {}  {}: {}", iso_time(c.time), without_escapes(&c.author), without_escapes(&c.text));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn resolve(
    library: Option<PathBuf>,
    id: &str,
    thread: &str,
    reopen: bool,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let signer = signer(&lib, out)?;
    lib.set_resolved(id, thread, !reopen, &signer)?;
    let desk = super::desk::after_change(&mut lib, out);
    if out.json {
        out.json(&json!({ "id": id, "comment": thread, "resolved": !reopen, "desk": desk }));
    } else {
        println!(
            "{thread}  {}",
            if reopen {
                out.lang.pick("أُعيد فتحه", "reopened")
            } else {
                out.lang.pick("محلول", "resolved")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
