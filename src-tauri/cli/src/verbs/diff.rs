//! `qalam diff ID A B`: what changed between two revisions — fields, then the body word by word
//! (insertions in [+…+], deletions in [-…-], harakat or hamza alone in [~old→new~]), then the
//! changes suggestions made, with who proposed and who accepted each.

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::diff::WordOp;
use qalam_core::lang::without_escapes;
use qalam_core::Lang;
use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, id: &str, a: i64, b: i64, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let diff = lib.diff_revisions(id, a, b)?;
    if out.json {
        out.json(&json!({ "id": id, "from": a, "to": b, "fields": diff.fields, "body": diff.body, "accepted": diff.accepted }));
        return Ok(ExitCode::SUCCESS);
    }
    for f in &diff.fields {
        println!("{}: «{}» → «{}»", f.field, f.before, f.after);
    }
    let mut body = String::new();
    for c in &diff.body {
        match c.op {
            WordOp::Equal => body.push_str(&c.text),
            WordOp::Insert => body.push_str(&format!("[+{}+]", c.text)),
            WordOp::Delete => body.push_str(&format!("[-{}-]", c.text)),
            WordOp::Marks => body.push_str(&format!("[~{}→{}~]", c.before.as_deref().unwrap_or(""), c.text)),
        }
    }
    if diff.body.iter().any(|c| c.op != WordOp::Equal) {
        println!("{body}");
    } else if diff.fields.is_empty() {
        println!("{}", out.lang.pick("لا فرق بين المراجعتين", "the two revisions are the same"));
    }
    for c in &diff.accepted {
        let (old, new) = (without_escapes(&c.before), without_escapes(&c.after));
        let (by, accepted) = (without_escapes(&c.suggested_by), without_escapes(&c.accepted_by));
        match out.lang {
            Lang::Ar => println!("«{old}» → «{new}»: اقتراح من {by} قبله {accepted} (النسخة {})", c.revision),
            Lang::En => {
                println!("«{old}» → «{new}»: suggested by {by}, accepted by {accepted} (revision {})", c.revision)
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
