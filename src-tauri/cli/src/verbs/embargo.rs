//! `qalam embargo ID --until TIME [--note TEXT]` and `qalam embargo ID --clear --note TEXT`: a
//! story's "not before", as a signed step of its record (an editor sets or moves it later; lifting
//! it early is a chief's, with the reason). TIME is ISO 8601 with its offset, or a local time in the
//! publication's zone (the house style's `publication.zone`, Asia/Baghdad by default).

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::lang::Localized;
use qalam_core::zoned::{display_in_zone, iso_in_zone, parse_user_time, zone};
use serde_json::json;

use super::open_library;
use super::profile::signer;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(
    library: Option<PathBuf>,
    id: &str,
    until: Option<&str>,
    note: Option<&str>,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let zone_name = lib.check_settings()?.style.publication.zone;
    let tz = zone(zone_name.as_deref()).map_err(|p| Failure::Unusable(p.message(out.lang)))?;
    let until =
        until.map(|t| parse_user_time(t, tz)).transpose().map_err(|p| Failure::Unusable(p.message(out.lang)))?;
    let signer = signer(&lib, out)?;
    let outcome = lib.set_embargo(id, until, Some(tz.name()), note, &signer)?;
    let desk = super::desk::after_change(&mut lib, out);
    // A post already on a site keeps the time it was delivered with until it is delivered again.
    let mut on_sites: Vec<String> = lib
        .deliveries(Some(id), 1_000)?
        .into_iter()
        .filter(|d| d.state == qalam_core::library::DeliveryState::Delivered)
        .map(|d| d.target)
        .collect();
    on_sites.sort();
    on_sites.dedup();
    if out.json {
        let embargo = until.map(|t| json!({ "until": iso_in_zone(t, tz), "zone": tz.name() }));
        let mut value = json!({ "id": id, "embargo": embargo, "event": outcome.event, "deliver_again": on_sites });
        if let Some(desk) = desk {
            value["desk"] = desk;
        }
        out.json(&value);
        return Ok(ExitCode::SUCCESS);
    }
    match until {
        Some(t) => {
            println!("{id}  {} {}", out.lang.pick("محظورة حتى", "embargoed until"), display_in_zone(t, tz, out.lang))
        }
        None => println!("{id}  {}", out.lang.pick("رُفع الحظر", "embargo lifted")),
    }
    for target in &on_sites {
        match out.lang {
            qalam_core::Lang::Ar => eprintln!("سُلّمت إلى «{target}» من قبل: سلّمها مجددًا ليأخذ موعدها هناك الحظر الجديد"),
            qalam_core::Lang::En => {
                eprintln!("already delivered to «{target}»: deliver it again for the site to take the new time")
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
