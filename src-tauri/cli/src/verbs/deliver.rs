//! `qalam deliver ID --to NAME [--status S]` (queue, then wait for it, showing each step),
//! `qalam deliveries [ID] [--retry N | --cancel N]` and `qalam outbox run` (send what is queued).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use qalam_core::dates::{iso_time, now_ms};
use qalam_core::lang::Localized;
use qalam_core::library::{public_states, Delivery, DeliveryState, Library, PostStatus, PublicState};
use qalam_core::Lang;
use qalam_deliver::error::stored_text;
use qalam_deliver::queue::queue;
use qalam_deliver::run::run;
use qalam_deliver::send::{Sender, Sent};
use qalam_deliver::DeliverError;
use serde_json::{json, Value};

use super::open_library;
use super::target::runtime;
use crate::failure::Failure;
use crate::output::Output;

/// Attempts `deliver` makes before leaving a delivery to the outbox (the first waits are short).
const ATTEMPTS_WHILE_WAITING: usize = 3;

fn sender(timeout: Duration, lang: Lang, quiet: bool) -> Sender {
    Sender::with_timeout(
        timeout,
        Box::new(move |d: &Delivery, step: &str| {
            if !quiet && step != "start" {
                let step = match (lang, step.split_once(' ')) {
                    (Lang::Ar, Some(("picture", n))) => format!("الصورة {n}"),
                    (Lang::Ar, _) if step == "post" => "المقال".to_string(),
                    _ => step.to_string(),
                };
                eprintln!("  {} #{}: {step}", d.target, d.id);
            }
        }),
    )
}

pub fn deliver(
    library: Option<PathBuf>,
    id: &str,
    to: &str,
    status: Option<PostStatus>,
    at: Option<&str>,
    timeout: Duration,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let settings = lib.check_settings()?;
    let zone = qalam_core::zoned::zone(settings.style.publication.zone.as_deref());
    let at = match at {
        None => None,
        Some(text) => Some(
            zone.and_then(|tz| qalam_core::zoned::parse_user_time(text, tz))
                .map_err(|p| Failure::Unusable(p.message(out.lang)))?,
        ),
    };
    let delivery = queue(&mut lib, id, to, status, at, &settings).map_err(|e| match e {
        // The window has its own status list; here the way out is a flag.
        e @ DeliverError::NotApproved { .. } => Failure::Hinted {
            failure: Box::new(e.into()),
            hint: (
                "للتسليم بلا اعتماد: ‎--status draft‎ أو ‎--status pending‎",
                "to deliver it unapproved: --status draft or --status pending",
            ),
        },
        other => other.into(),
    })?;
    if !out.json {
        match out.lang {
            Lang::Ar => eprintln!(
                "في صندوق التسليم: «{}» المراجعة {} إلى «{}» بحالة {} (التسليم {})",
                delivery.title,
                delivery.revision,
                delivery.target,
                delivery.status.as_str(),
                delivery.id
            ),
            Lang::En => eprintln!(
                "queued: \"{}\" revision {} to \"{}\" as {} (delivery {})",
                delivery.title,
                delivery.revision,
                delivery.target,
                delivery.status.as_str(),
                delivery.id
            ),
        }
    }
    let (now, last) = send_waiting(&mut lib, delivery.id, timeout, out)?;
    // Published on the site now: the record says so, signed (`qalam correct` builds on it).
    let published =
        qalam_deliver::published::record_publication(&mut lib, &now, now_ms(), |lib| super::profile::signer(lib, out))?;
    if published.is_some() {
        super::desk::after_change(&mut lib, out);
    }
    if out.json {
        out.json(&json!({ "delivery": delivery_json(&now, now.public_state(now_ms()), out.lang), "published_step": published }));
    } else if now.state == DeliveryState::Delivered {
        match out.lang {
            Lang::Ar => println!("سُلّم: {}", out.lang.ltr(now.remote_url.as_deref().unwrap_or(""))),
            Lang::En => println!("delivered: {}", now.remote_url.as_deref().unwrap_or("")),
        }
    } else if let Some(error) = last {
        match out.lang {
            Lang::Ar => eprintln!("لم يُسلَّم بعد، وبقي في صندوق التسليم (qalam outbox run): {}", error.message(out.lang)),
            Lang::En => {
                eprintln!("not delivered yet; it stays in the outbox (qalam outbox run): {}", error.message(out.lang))
            }
        }
    }
    Ok(if now.state == DeliveryState::Delivered { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Sends one queued delivery now, trying a few times while the user waits (each failure said on
/// the way); what it is then, and the last passing failure if it is still queued.
pub(super) fn send_waiting(
    lib: &mut Library,
    id: i64,
    timeout: Duration,
    out: &Output,
) -> Result<(Delivery, Option<DeliverError>), Failure> {
    let mut send = sender(timeout, out.lang, out.json);
    let rt = runtime();
    let mut last = None;
    for _ in 0..ATTEMPTS_WHILE_WAITING {
        let tried = rt.block_on(run(lib, &mut send, Some(id), true))?;
        match tried.into_iter().next().map(|(_, sent)| sent) {
            Some(Sent::Later { error, retry_at }) => {
                if !out.json {
                    eprintln!("  {}", error.message(out.lang));
                }
                last = Some(error);
                std::thread::sleep(Duration::from_millis((retry_at - now_ms()).clamp(0, 10_000) as u64));
            }
            Some(Sent::Failed(error)) => return Err(error.into()),
            Some(Sent::Delivered { .. }) => break,
            // Another process holds it now: it will tell its own story.
            None => break,
        }
    }
    let now = lib.delivery(id)?.ok_or(DeliverError::NoDelivery { id })?;
    Ok((now, last))
}

/// A delivery as JSON, with what readers see of it (`public`: for the newest of its story and
/// target only, see [`qalam_core::library::public_states`]).
pub(super) fn delivery_json(d: &Delivery, public: Option<PublicState>, lang: Lang) -> Value {
    let mut value = json!(d);
    value["public"] = json!(public.map(|s| s.as_str()));
    if let Some(error) = &d.last_error {
        value["last_error"] = json!(stored_text(error, lang));
        value["last_error_code"] =
            serde_json::from_str::<Value>(error).ok().map(|v| v["code"].clone()).unwrap_or(Value::Null);
    }
    value
}

fn state_word(state: DeliveryState, sending: bool, lang: Lang) -> &'static str {
    match (state, sending) {
        (DeliveryState::Queued, true) => lang.pick("يُرسل", "sending"),
        (DeliveryState::Queued, false) => lang.pick("ينتظر", "queued"),
        (DeliveryState::Delivered, _) => lang.pick("سُلّم", "delivered"),
        (DeliveryState::Failed, _) => lang.pick("متوقف", "failed"),
        (DeliveryState::Cancelled, _) => lang.pick("أُلغي", "cancelled"),
    }
}

pub enum Act {
    List,
    Retry(i64),
    Cancel(i64),
}

pub fn deliveries(
    library: Option<PathBuf>,
    article: Option<&str>,
    act: Act,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    match act {
        Act::Retry(n) => {
            if !lib.retry_delivery(n)? {
                return Err(missing_or_done(&lib, n)?.into());
            }
        }
        Act::Cancel(n) => {
            if !lib.cancel_delivery(n)? {
                return Err(missing_or_done(&lib, n)?.into());
            }
        }
        Act::List => {}
    }
    if let Some(id) = article {
        // A mistyped id is said, not listed as a story with no deliveries.
        lib.load(id)?;
    }
    let all = match act {
        Act::Retry(n) | Act::Cancel(n) => lib.delivery(n)?.into_iter().collect(),
        Act::List => lib.deliveries(article, 100)?,
    };
    let publics = public_states(&all, now_ms());
    let zone = lib.check_settings()?.style.zone();
    if out.json {
        let shown: Vec<Value> =
            all.iter().zip(&publics).map(|(d, public)| delivery_json(d, *public, out.lang)).collect();
        out.json(&json!({ "deliveries": shown }));
        return Ok(ExitCode::SUCCESS);
    }
    if all.is_empty() {
        println!("{}", out.lang.pick("لا تسليمات", "no deliveries"));
    }
    for (d, public) in all.iter().zip(publics) {
        let when = iso_time(d.done_at.unwrap_or(d.created_at));
        println!(
            "{}\t{}\t{}\t{} r{}\t{}\t{}",
            d.id,
            state_word(d.state, d.sending, out.lang),
            d.target,
            d.title,
            d.revision,
            d.status.as_str(),
            out.lang.ltr(&when)
        );
        match (public, d.publish_at) {
            (Some(PublicState::Scheduled), Some(at)) => println!(
                "\t{} {}",
                out.lang.pick("مجدولة للنشر في", "scheduled to publish at"),
                qalam_core::zoned::display_in_zone(at, zone, out.lang)
            ),
            (Some(public), _) => println!("\t{}", public.label(out.lang)),
            (None, _) => {}
        }
        if let Some(at) = d.taken_down_at {
            println!("\t{} {}", out.lang.pick("سُحبت في", "taken down at"), out.lang.ltr(iso_time(at)));
        }
        if let Some(url) = &d.remote_url {
            println!("\t{}", out.lang.ltr(url));
        }
        if let (Some(error), false) = (&d.last_error, d.state == DeliveryState::Delivered) {
            println!("\t{}", stored_text(error, out.lang));
        }
        if d.state == DeliveryState::Failed {
            println!("\t{}", retry_hint(d.id, out.lang));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn retry_hint(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Ar => format!("لإعادة المحاولة: qalam deliveries --retry {id} — للإلغاء: --cancel {id}"),
        Lang::En => format!("retry: qalam deliveries --retry {id} — cancel: --cancel {id}"),
    }
}

/// Why a retry or cancel did nothing.
fn missing_or_done(lib: &Library, n: i64) -> Result<DeliverError, Failure> {
    Ok(match lib.delivery(n)? {
        None => DeliverError::NoDelivery { id: n },
        Some(_) => DeliverError::AlreadyDelivered { id: n },
    })
}

pub fn outbox_run(library: Option<PathBuf>, timeout: Duration, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let mut send = sender(timeout, out.lang, out.json);
    let tried = runtime().block_on(run(&mut lib, &mut send, None, true))?;
    let mut all_delivered = true;
    let mut shown = Vec::new();
    for (d, sent) in &tried {
        let now = lib.delivery(d.id)?.unwrap_or_else(|| d.clone());
        all_delivered &= matches!(sent, Sent::Delivered { .. });
        if !out.json {
            let why = match sent {
                Sent::Delivered { url, .. } => url.clone().unwrap_or_default(),
                Sent::Later { error, .. } | Sent::Failed(error) => error.message(out.lang),
            };
            println!("{}\t{}\t{}\t{}", d.id, state_word(now.state, false, out.lang), d.title, why);
        }
        shown.push(delivery_json(&now, now.public_state(now_ms()), out.lang));
    }
    if out.json {
        out.json(&json!({ "tried": shown, "waiting": lib.deliveries_waiting()? }));
    } else if tried.is_empty() {
        println!("{}", out.lang.pick("لا شيء في صندوق التسليم", "nothing waits in the outbox"));
    }
    Ok(if all_delivered { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `qalam unpublish ID --to NAME --reason TEXT`: the one use case in `qalam_deliver::unpublish`.
pub fn unpublish(
    library: Option<PathBuf>,
    id: &str,
    to: &str,
    reason: &str,
    timeout: Duration,
    out: &Output,
) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let signer = super::profile::signer(&lib, out)?;
    let done = runtime().block_on(qalam_deliver::unpublish::unpublish(&mut lib, id, to, reason, &signer, timeout))?;
    let desk = super::desk::after_change(&mut lib, out);
    if out.json {
        let mut value =
            json!({ "id": id, "target": to, "post_id": done.post_id, "status": done.status, "event": done.event });
        if let Some(desk) = desk {
            value["desk"] = desk;
        }
        out.json(&value);
    } else {
        match (out.lang, done.post_id) {
            (Lang::Ar, Some(post)) => println!("سُحبت من «{to}»: المنشور {post} مسودة الآن، والسبب في سجل القصة"),
            (Lang::En, Some(post)) => {
                println!("taken down from «{to}»: post {post} is a draft now, the reason on the story's record")
            }
            (Lang::Ar, None) => println!("سُحبت من «{to}»: أُرسل إليه إشعار السحب موقّعًا، والسبب في سجل القصة"),
            (Lang::En, None) => {
                println!("taken down from «{to}»: it was sent a signed kill notice, the reason on the story's record")
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
