//! `qalam target add|list|remove|test`: where delivered stories go. A password or signing key is
//! read from standard input (never an argument, which other users can see in the process list)
//! and goes straight into the keychain.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::library::{Destination, PostStatus, Target};
use qalam_core::Lang;
use qalam_deliver::targets::{self, NewTarget};
use serde_json::json;
use zeroize::Zeroizing;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub struct AddArgs {
    pub name: String,
    pub destination: Destination,
    pub secret_stdin: bool,
    pub status: PostStatus,
    pub categories: Vec<String>,
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

pub fn add(library: Option<PathBuf>, args: AddArgs, out: &Output) -> Result<ExitCode, Failure> {
    let categories = parse_categories(&args.categories, out.lang)?;
    let secret = if args.secret_stdin { Some(read_secret()?) } else { None };
    let mut lib = open_library(library)?;
    let target = targets::add(
        &mut lib,
        NewTarget { name: args.name, destination: args.destination, default_status: args.status, categories, secret },
    )?;
    if out.json {
        out.json(&json!({ "target": target }));
    } else {
        match out.lang {
            Lang::Ar => println!("أُضيفت الوجهة «{}»: {}", target.name, describe(&target, out.lang)),
            Lang::En => println!("added target \"{}\": {}", target.name, describe(&target, out.lang)),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `SECTION=CATEGORY` pairs: which site category each of Qalam's sections goes to.
fn parse_categories(pairs: &[String], lang: Lang) -> Result<BTreeMap<String, String>, Failure> {
    let mut map = BTreeMap::new();
    for pair in pairs {
        match pair.split_once('=').map(|(a, b)| (a.trim(), b.trim())) {
            Some((section, category)) if !section.is_empty() && !category.is_empty() => {
                map.insert(section.to_string(), category.to_string());
            }
            _ => {
                return Err(Failure::Unusable(match lang {
                    Lang::Ar => format!("«{pair}» ليس على صورة القسم=التصنيف (مثال: سياسة=Politics)"),
                    Lang::En => format!("\"{pair}\" is not SECTION=CATEGORY (for example سياسة=Politics)"),
                }))
            }
        }
    }
    Ok(map)
}

fn read_secret() -> Result<Zeroizing<String>, Failure> {
    let mut text = Zeroizing::new(String::new());
    std::io::stdin().take(4096).read_to_string(&mut text).map_err(|e| Failure::Unusable(e.to_string()))?;
    let trimmed = Zeroizing::new(text.trim_end_matches(['\n', '\r']).to_string());
    Ok(trimmed)
}

fn describe(t: &Target, lang: Lang) -> String {
    let status = t.default_status.as_str();
    match (&t.destination, lang) {
        (Destination::Wordpress { url, user }, Lang::En) => format!("WordPress {url} as {user} ({status})"),
        (Destination::Wordpress { url, user }, Lang::Ar) => {
            format!("ووردبريس {} بحساب {} ({status})", lang.ltr(url), lang.ltr(user))
        }
        (Destination::Folder { folder }, Lang::En) => format!("folder {folder} ({status})"),
        (Destination::Folder { folder }, Lang::Ar) => format!("المجلد {} ({status})", lang.ltr(folder)),
        (Destination::Webhook { url }, Lang::En) => format!("webhook {url} ({status})"),
        (Destination::Webhook { url }, Lang::Ar) => format!("Webhook {} ({status})", lang.ltr(url)),
    }
}

pub fn list(library: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let all = lib.targets()?;
    if out.json {
        out.json(&json!({ "targets": all }));
    } else if all.is_empty() {
        println!("{}", out.lang.pick("لا وجهات بعد: qalam target add", "no targets yet: qalam target add"));
    } else {
        for t in &all {
            let sections: Vec<String> = t.categories.iter().map(|(s, c)| format!("{s}={c}")).collect();
            let mapped = if sections.is_empty() { String::new() } else { format!("  [{}]", sections.join(", ")) };
            println!("{}\t{}{}", t.name, describe(t, out.lang), mapped);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn remove(library: Option<PathBuf>, name: &str, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let target = targets::remove(&mut lib, name)?;
    if out.json {
        out.json(&json!({ "removed": target.name }));
    } else {
        let with_secret = target.destination.secret_url().is_some();
        match (out.lang, with_secret) {
            (Lang::Ar, true) => println!("أُزيلت الوجهة «{}» وكلمة مرورها من سلسلة المفاتيح", target.name),
            (Lang::Ar, false) => println!("أُزيلت الوجهة «{}»", target.name),
            (Lang::En, true) => println!("removed target \"{}\" and its password from the keychain", target.name),
            (Lang::En, false) => println!("removed target \"{}\"", target.name),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn test(
    library: Option<PathBuf>,
    name: &str,
    timeout: std::time::Duration,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let target = targets::named(&lib, name)?;
    let report = runtime().block_on(targets::test(target, timeout))?;
    let refusal = report.refusal();
    if out.json {
        out.json(&json!({ "target": name, "ok": refusal.is_none(), "report": report }));
        return Ok(if refusal.is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    for line in report.lines(out.lang) {
        println!("{line}");
    }
    match refusal {
        Some(refusal) => Err(refusal.into()),
        None => Ok(ExitCode::SUCCESS),
    }
}
