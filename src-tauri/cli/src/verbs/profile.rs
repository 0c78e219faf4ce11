//! `qalam profile init|show` and `qalam roster export|import`: who works in this library, and
//! whom it trusts.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::identity::SecretStore;
use qalam_core::lang::Localized;
use qalam_core::library::review_error::roster_message;
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::workflow::Role;
use qalam_core::workflow::{Person, Roster};
use serde_json::json;

use super::{open_library, open_or_create_library};
use crate::failure::Failure;
use crate::output::Output;

/// The largest roster file read (a newsroom's people fit in far less).
const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;

/// The key file's passphrase: `QALAM_KEY_PASSPHRASE`, else asked on the terminal.
pub fn passphrase(store: &SecretStore, lang: qalam_core::Lang) -> Option<String> {
    if !store.needs_passphrase() {
        return None;
    }
    if let Some(p) = std::env::var("QALAM_KEY_PASSPHRASE").ok().filter(|p| !p.is_empty()) {
        return Some(p);
    }
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password(lang.pick("عبارة مرور ملف المفتاح: ", "Key file passphrase: ")).ok()
}

/// The library's profile with its key, ready to sign.
pub fn signer(lib: &Library, out: &Output) -> Result<Signer, Failure> {
    let profile = lib.profile()?.ok_or(ReviewError::NoProfile)?;
    Ok(lib.signer(passphrase(&profile.store, out.lang).as_deref())?)
}

pub fn person_json(p: &Person) -> serde_json::Value {
    json!({ "name": p.name, "role": p.role, "fingerprint": p.fingerprint, "public_key": p.public_key })
}

pub fn init(
    library: Option<PathBuf>,
    name: &str,
    role: Role,
    key_file: Option<PathBuf>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_or_create_library(library)?;
    let store = match key_file {
        Some(path) => SecretStore::KeyFile { path: std::path::absolute(&path).unwrap_or(path) },
        None => SecretStore::Keychain,
    };
    let passphrase = passphrase(&store, out.lang);
    let profile = lib.init_profile(name, role, store, passphrase.as_deref())?;
    if out.json {
        out.json(&json!({ "profile": person_json(&profile.person), "key_store": profile.store }));
    } else {
        println!("{}  ({})", profile.person.name, profile.person.role.label(out.lang));
        println!("{}: {}", out.lang.pick("البصمة", "fingerprint"), profile.person.fingerprint);
        println!("{}: {}", out.lang.pick("المفتاح الخاص في", "private key kept in"), profile.store.describe(out.lang));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(library: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let profile = lib.profile()?.ok_or(ReviewError::NoProfile)?;
    let people = lib.people()?;
    if out.json {
        out.json(&json!({
            "profile": person_json(&profile.person),
            "key_store": profile.store,
            "trusted": people.iter().map(person_json).collect::<Vec<_>>(),
        }));
    } else {
        println!("{}  ({})", profile.person.name, profile.person.role.label(out.lang));
        println!("{}: {}", out.lang.pick("البصمة", "fingerprint"), profile.person.fingerprint);
        println!("{}: {}", out.lang.pick("المفتاح الخاص في", "private key kept in"), profile.store.describe(out.lang));
        // The line a CMS plugin (Qalam approvals for WordPress) takes as it is: key, then name —
        // and `[chief]` for a chief, whose signed lift of an embargo the site accepts.
        let chief = if profile.person.role == qalam_core::workflow::Role::Chief { " [chief]" } else { "" };
        println!(
            "{}: {} {}{chief}",
            out.lang.pick("المفتاح العام", "public key"),
            profile.person.public_key.0,
            profile.person.name
        );
        println!("{}:", out.lang.pick("الأشخاص الموثوقون", "trusted people"));
        print_people(&people, out);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_people(people: &[Person], out: &Output) {
    for p in people {
        println!("  {}  {}  ({})", p.fingerprint, p.name, p.role.label(out.lang));
    }
}

pub fn export_roster(library: Option<PathBuf>, path: &Path, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let profile = lib.profile()?.ok_or(ReviewError::NoProfile)?;
    let roster = lib.export_roster(passphrase(&profile.store, out.lang).as_deref())?;
    qalam_core::package::export::write_new_file_only(path, roster.to_json().as_bytes())?;
    let people = lib.people()?;
    if out.json {
        out.json(&json!({ "path": path, "people": people.iter().map(person_json).collect::<Vec<_>>() }));
    } else {
        print_people(&people, out);
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn read_roster(path: &Path, out: &Output) -> Result<Roster, Failure> {
    let bytes = qalam_core::files::read_bounded(path, MAX_ROSTER_BYTES).map_err(Failure::File)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::Unusable(roster_message(&qalam_core::workflow::RosterProblem::NotARoster(String::new()), out.lang))
    })?;
    let roster = Roster::from_json(&text).map_err(ReviewError::Roster)?;
    roster.verified().map_err(ReviewError::Roster)?;
    Ok(roster)
}

pub fn import_roster(
    library: Option<PathBuf>,
    path: &Path,
    accept_changes: bool,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let roster = read_roster(path, out)?;
    let mut lib = open_or_create_library(library)?;
    let changes = lib.roster_changes(&roster)?;
    let people = lib.import_roster(&roster, accept_changes).map_err(|e| match e {
        ReviewError::RosterChanges(_) => Failure::Hinted {
            failure: Box::new(e.into()),
            hint: (
                "تحقّق من البصمات مع أصحابها، ثم أعد الأمر مع --accept-changes",
                "check the fingerprints with their owners, then run it again with --accept-changes",
            ),
        },
        other => other.into(),
    })?;
    if !changes.is_empty() && !out.json {
        println!("{}:", out.lang.pick("قُبلت هذه التغييرات", "these changes were accepted"));
        for change in &changes {
            println!("  {}", change.message(out.lang));
        }
    }
    if out.json {
        out.json(&json!({ "trusted": people.iter().map(person_json).collect::<Vec<_>>() }));
    } else {
        println!("{}:", out.lang.pick("صار موثوقًا في هذه المكتبة", "now trusted in this library"));
        print_people(&people, out);
    }
    Ok(ExitCode::SUCCESS)
}
