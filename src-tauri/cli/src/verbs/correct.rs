//! `qalam correct ID --note TEXT`: after the corrected text is approved, the signed public
//! correction, then the update sent to every target where the story is published (the same post,
//! the corrections at its end). One that cannot take it now keeps it in the outbox.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use qalam_core::lang::Localized;
use qalam_core::library::DeliveryState;
use qalam_core::Lang;
use serde_json::json;

use super::deliver::{delivery_json, send_waiting};
use super::open_library;
use super::profile::signer;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(
    library: Option<PathBuf>,
    id: &str,
    note: &str,
    timeout: Duration,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let settings = lib.check_settings()?;
    let signer = signer(&lib, out)?;
    let corrected = qalam_deliver::correct::correct(&mut lib, id, note, &signer, &settings).map_err(|e| {
        // Published as it stands: the corrected text is approved first.
        let published_as_is = matches!(
            &e,
            qalam_deliver::DeliverError::Package(qalam_core::package::PackageError::Review(
                qalam_core::library::ReviewError::Refused {
                    refusal: qalam_core::workflow::Refusal::WrongState {
                        state: qalam_core::workflow::ArticleStatus::Published,
                        ..
                    },
                    ..
                }
            ))
        );
        match published_as_is {
            true => Failure::Hinted {
                failure: Box::new(e.into()),
                hint: (
                    "صحّح النص أولًا واعتمده (qalam approve)، ثم سجّل التصحيح",
                    "correct the text first and approve it (qalam approve), then record the correction",
                ),
            },
            false => e.into(),
        }
    })?;
    let desk = super::desk::after_change(&mut lib, out);
    if !out.json {
        match out.lang {
            Lang::Ar => eprintln!("سُجّل التصحيح موقّعًا ({} المراجعة {})", id, corrected.step.revision),
            Lang::En => eprintln!("correction recorded, signed ({} revision {})", id, corrected.step.revision),
        }
        if corrected.deliveries.is_empty() {
            match out.lang {
                Lang::Ar => eprintln!("لم تُنشر على أي هدف في هذه المكتبة: سلّمها بنفسك (qalam deliver {id} --to NAME --status publish)"),
                Lang::En => eprintln!("it is not published on any target of this library: deliver it yourself (qalam deliver {id} --to NAME --status publish)"),
            }
        }
    }
    let mut all_delivered = true;
    let mut shown = Vec::new();
    for queued in &corrected.deliveries {
        let (now, last) = send_waiting(&mut lib, queued.id, timeout, out)?;
        all_delivered &= now.state == DeliveryState::Delivered;
        if out.json {
            shown.push(delivery_json(&now, now.public_state(qalam_core::dates::now_ms()), out.lang));
        } else if now.state == DeliveryState::Delivered {
            let url = now.remote_url.as_deref().unwrap_or("");
            match out.lang {
                Lang::Ar => println!("حُدّثت على «{}»: {}", now.target, out.lang.ltr(url)),
                Lang::En => println!("updated on \"{}\": {url}", now.target),
            }
        } else {
            let why = last.map(|e| e.message(out.lang)).unwrap_or_default();
            match out.lang {
                Lang::Ar => {
                    eprintln!("لم تُحدَّث على «{}» بعد، وبقيت في صندوق التسليم (qalam outbox run): {why}", now.target)
                }
                Lang::En => {
                    eprintln!("not updated on \"{}\" yet; it stays in the outbox (qalam outbox run): {why}", now.target)
                }
            }
        }
    }
    if out.json {
        let mut value = json!({ "id": id, "event": corrected.step.event, "revision": corrected.step.revision, "deliveries": shown });
        if let Some(desk) = desk {
            value["desk"] = desk;
        }
        out.json(&value);
    }
    Ok(if all_delivered { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
