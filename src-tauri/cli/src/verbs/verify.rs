//! `qalam verify PACKAGE [--roster FILE]`: who approved which revision, or exactly why not. It
//! needs no library: the people trusted are the roster given, else those of the library if there
//! is one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::dates::iso_time;
use qalam_core::lang::Localized;
use qalam_core::package::verify_package;
use serde_json::json;

use super::location;
use super::package::read_package_bytes;
use super::profile::read_roster;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, file: &Path, roster: Option<&Path>, out: &Output) -> Result<ExitCode, Failure> {
    let bytes = read_package_bytes(file)?;
    let trusted = match roster {
        Some(path) => {
            let body = read_roster(path, out)?.verified().map_err(qalam_core::library::ReviewError::Roster)?;
            let mut people = body.people;
            people.push(body.signer);
            people
        }
        None => match location(library).ok().map(|l| l.open_existing()) {
            Some(Ok(lib)) => lib.people()?,
            _ => Vec::new(),
        },
    };
    let verification = verify_package(&bytes, &trusted);
    if out.json {
        let mut value = json!(verification);
        value["approved"] = json!(verification.is_approved());
        if let Some(problem) = &verification.problem {
            value["message"] = json!(problem.message(out.lang));
        }
        out.json(&value);
    } else {
        if let (Some(id), Some(title)) = (&verification.id, &verification.title) {
            println!("{id}  r{}  {title}", verification.revision.unwrap_or_default());
        }
        for a in &verification.approvals {
            let verdict = match &a.problem {
                None => out.lang.pick("صالح", "valid").to_string(),
                Some(p) => p.message(out.lang),
            };
            match out.lang {
                qalam_core::Lang::Ar => println!(
                    "اعتماد r{} من {} ({}) في {}: {verdict}",
                    a.revision,
                    a.by,
                    a.fingerprint,
                    iso_time(a.time)
                ),
                qalam_core::Lang::En => println!(
                    "approval of r{} by {} ({}) at {}: {verdict}",
                    a.revision,
                    a.by,
                    a.fingerprint,
                    iso_time(a.time)
                ),
            }
        }
        match &verification.problem {
            None => println!("{}", out.lang.pick("معتمدة", "approved")),
            Some(p) => eprintln!("qalam: {}", p.message(out.lang)),
        }
    }
    Ok(if verification.is_approved() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
