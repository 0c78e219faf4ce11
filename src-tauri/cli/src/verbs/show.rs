//! `qalam show ID --format md|html|json|gutenberg`.

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::article::html::render_article_as;
use qalam_core::article::presented::presented;
use qalam_core::dates::iso_time;
use qalam_core::publish::gutenberg::body_blocks;
use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;
use crate::ShowFormat;

pub fn run(library: Option<PathBuf>, id: &str, format: ShowFormat, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let stored = lib.load(id)?;
    // --json asks for the structured form whatever the format.
    let format = if out.json { ShowFormat::Json } else { format };
    match format {
        ShowFormat::Md => print!("{}", stored.markdown),
        // As the publication shows it: its digits and dates.
        ShowFormat::Html => print!("{}", render_article_as(&stored.article, &lib.check_settings()?.style.publication)),
        // The body as WordPress block markup; with no site to hold its pictures, a picture is
        // shown by its alt text.
        ShowFormat::Gutenberg => {
            let shown = presented(&stored.article, &lib.check_settings()?.style.publication);
            print!("{}", body_blocks(&shown, &|_| None))
        }
        ShowFormat::Json => out.json(&json!({
            "id": stored.id,
            "title": stored.article.meta.title,
            "version": stored.version,
            "status": stored.status,
            "created_at": iso_time(stored.created_at),
            "updated_at": iso_time(stored.updated_at),
            "trashed": stored.trashed_at.is_some(),
            "article": stored.article,
        })),
    }
    Ok(ExitCode::SUCCESS)
}
