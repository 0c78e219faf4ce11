//! `qalam search QUERY [--limit N]`.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, query: &str, limit: usize, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let hits = lib.search(query, limit)?;
    if out.json {
        let rows: Vec<_> = hits
            .iter()
            .map(|h| {
                json!({
                    "id": h.id,
                    "title": h.title,
                    "score": h.score,
                    "snippet": h.snippet.as_ref().map(|s| s.text.clone()),
                    "highlights": h.snippet.as_ref().map(|s| s.highlights.clone()),
                })
            })
            .collect();
        out.json(&json!(rows));
    } else {
        let (open, close) = out.highlight_marks();
        for h in &hits {
            println!("{}  {}", h.id, h.title);
            if let Some(s) = &h.snippet {
                println!("    {}", s.marked(open, close));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
