//! `qalam diff ID A B`: what changed between two revisions — fields, then the body word by word
//! (insertions in [+…+], deletions in [-…-], harakat or hamza alone in [~old→new~]).

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::article::parse;
use qalam_core::diff::{diff_articles, WordOp};
use qalam_core::library::LibraryError;
use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, id: &str, a: i64, b: i64, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let read = |n: i64| -> Result<qalam_core::Article, Failure> {
        let markdown = lib.revision_markdown(id, n)?;
        parse(&markdown).map_err(|source| Failure::Library(LibraryError::Stored { id: id.into(), source }))
    };
    let diff = diff_articles(&read(a)?, &read(b)?);
    if out.json {
        out.json(&json!({ "id": id, "from": a, "to": b, "fields": diff.fields, "body": diff.body }));
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
    Ok(ExitCode::SUCCESS)
}
