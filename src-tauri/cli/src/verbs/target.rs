//! `qalam target add|list|remove|test`: where delivered stories go. A password or signing key is
//! read from standard input (never an argument, which other users can see in the process list)
//! and goes straight into the keychain.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::library::{PostStatus, Target, TargetKind};
use qalam_core::Lang;
use qalam_deliver::targets::{self, NewTarget, TestReport};
use qalam_deliver::DeliverError;
use serde_json::json;
use zeroize::Zeroizing;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub struct AddArgs {
    pub kind: TargetKind,
    pub name: String,
    pub url: Option<String>,
    pub user: Option<String>,
    pub path: Option<PathBuf>,
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
        NewTarget {
            name: args.name,
            kind: args.kind,
            url: args.url,
            user: args.user,
            folder: args.path.map(|p| p.to_string_lossy().into_owned()),
            default_status: args.status,
            categories,
            secret,
        },
    )?;
    if out.json {
        out.json(&json!({ "target": target }));
    } else {
        match out.lang {
            Lang::Ar => println!("أُضيفت الوجهة «{}»: {}", target.name, out.lang.ltr(describe(&target))),
            Lang::En => println!("added target \"{}\": {}", target.name, describe(&target)),
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

fn describe(t: &Target) -> String {
    match t.kind {
        TargetKind::Wordpress => format!(
            "WordPress {} as {} ({})",
            t.url.as_deref().unwrap_or(""),
            t.user.as_deref().unwrap_or(""),
            t.default_status.as_str()
        ),
        TargetKind::Folder => format!("folder {} ({})", t.folder.as_deref().unwrap_or(""), t.default_status.as_str()),
        TargetKind::Webhook => format!("webhook {} ({})", t.url.as_deref().unwrap_or(""), t.default_status.as_str()),
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
            println!("{}\t{}{}", t.name, out.lang.ltr(describe(t)), mapped);
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
        match out.lang {
            Lang::Ar => println!("أُزيلت الوجهة «{}» وكلمة مرورها من سلسلة المفاتيح", target.name),
            Lang::En => println!("removed target \"{}\" and its password from the keychain", target.name),
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
    if out.json {
        out.json(&json!({ "target": name, "ok": true, "report": report }));
        return Ok(ExitCode::SUCCESS);
    }
    let ar = out.lang == Lang::Ar;
    let yes_no = |b: bool| {
        if ar {
            if b {
                "نعم"
            } else {
                "لا"
            }
        } else if b {
            "yes"
        } else {
            "no"
        }
    };
    match report {
        TestReport::Wordpress(r) => {
            if ar {
                println!("الموقع يجيب، وقَبِل الحساب {} ({})", r.user, r.roles.join("، "));
                println!(
                    "  يكتب مقالات: {}  يرفع صوراً: {}  ينشر: {}  ينشئ تصنيفات: {}",
                    yes_no(r.can_write),
                    yes_no(r.can_upload),
                    yes_no(r.can_publish),
                    yes_no(r.can_create_categories)
                );
                println!(
                    "  إضافة قلم للتحقق من الاعتماد: {}",
                    if r.plugin {
                        "مفعّلة"
                    } else {
                        "غير مفعّلة (لن يُحفظ الاعتماد مع المقال)"
                    }
                );
            } else {
                println!("the site answers and takes the account {} ({})", r.user, r.roles.join(", "));
                println!(
                    "  write posts: {}  upload pictures: {}  publish: {}  create categories: {}",
                    yes_no(r.can_write),
                    yes_no(r.can_upload),
                    yes_no(r.can_publish),
                    yes_no(r.can_create_categories)
                );
                println!(
                    "  Qalam plugin (checks approvals): {}",
                    if r.plugin { "active" } else { "not active (posts will not carry their approval)" }
                );
            }
            if !r.can_upload || !r.can_write {
                return Err(DeliverError::Forbidden {
                    code: "cannot-deliver".into(),
                    message: "this account may not write posts with pictures (an Author or above can)".into(),
                }
                .into());
            }
        }
        TestReport::Folder { path } => match out.lang {
            Lang::Ar => println!("المجلد {} موجود ويقبل الكتابة", out.lang.ltr(&path)),
            Lang::En => println!("the folder {path} is there and takes files"),
        },
        TestReport::Webhook { status } => match out.lang {
            Lang::Ar => println!("العنوان يجيب (HTTP {status})"),
            Lang::En => println!("the endpoint answers (HTTP {status})"),
        },
    }
    Ok(ExitCode::SUCCESS)
}
