//! Times in the publication's zone: what an editor types for an embargo or a schedule (an ISO
//! 8601 time with its offset, or a local time meant in the publication's zone) and how such a
//! time is shown back. Zones are IANA names from the database `chrono-tz` compiles in, so a
//! laptop without one (Windows) reads them the same.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone};
pub use chrono_tz::Tz;

use crate::dates::display_date;
use crate::lang::{Lang, Localized};

pub mod names;
pub use names::zone_name;

/// The zone a publication that named none works in (the seed's newsroom is in Baghdad).
pub const DEFAULT_ZONE: &str = "Asia/Baghdad";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeProblem {
    /// Not a time this reads.
    Unreadable(String),
    /// Not an IANA zone name.
    UnknownZone(String),
    /// A local time the zone skips (clocks moved forward).
    Skipped(String),
    /// A local time the zone has twice (clocks moved back): give the offset.
    Ambiguous(String),
}

/// The zone named `name`, or the default.
pub fn zone(name: Option<&str>) -> Result<Tz, TimeProblem> {
    let name = name.unwrap_or(DEFAULT_ZONE);
    name.parse::<Tz>().map_err(|_| TimeProblem::UnknownZone(name.chars().take(64).collect()))
}

/// The zone `name` says, or the default one when none is named or the name is not one this build
/// knows (a zone recorded by another machine's newer database, say): for showing a time.
pub fn zone_or_default(name: Option<&str>) -> Tz {
    zone(name).unwrap_or(chrono_tz::Asia::Baghdad)
}

/// A time typed by a user: `2026-12-07T06:00:00+03:00` (any RFC 3339 time) as it says, or
/// `2026-12-07T06:00`, `2026-12-07 06:00[:SS]` in `zone`. Milliseconds since the epoch.
pub fn parse_user_time(text: &str, zone: Tz) -> Result<i64, TimeProblem> {
    // Typed in Arabic-Indic digits (٢٠٢٦-١٢-٠٧T٠٦:٠٠), read as the same time.
    let ascii: String = text.trim().chars().map(ascii_digit).collect();
    let text = ascii.as_str();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.timestamp_millis());
    }
    // An offset without seconds (`2026-12-07T06:00+03:00`, `…T06:00Z`).
    let with_offset = text.strip_suffix('Z').map_or_else(|| text.to_string(), |t| format!("{t}+00:00"));
    if let Ok(t) = DateTime::parse_from_str(&with_offset, "%Y-%m-%dT%H:%M%:z") {
        return Ok(t.timestamp_millis());
    }
    let unreadable = || TimeProblem::Unreadable(text.chars().take(64).collect());
    let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(unreadable)?;
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.timestamp_millis()),
        LocalResult::None => Err(TimeProblem::Skipped(text.into())),
        LocalResult::Ambiguous(..) => Err(TimeProblem::Ambiguous(text.into())),
    }
}

/// A digit of any of the Arabic sets as its ASCII digit; anything else as it is.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

/// «7 كانون الأول 2026، 06:00 (بغداد)»: a time as the publication's zone shows it.
pub fn display_in_zone(millis: i64, zone: Tz, lang: Lang) -> String {
    let Some(utc) = DateTime::from_timestamp_millis(millis) else { return String::new() };
    let local = utc.with_timezone(&zone);
    let separator = lang.pick("،", ",");
    format!(
        "{}{separator} {} ({})",
        display_date(local.date_naive(), lang),
        local.format("%H:%M"),
        zone_name(zone, lang)
    )
}

/// An instant as UTC without an offset, `2026-12-07T03:00:00` (WordPress's `date_gmt`).
pub fn utc_without_offset(millis: i64) -> String {
    DateTime::from_timestamp_millis(millis).map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()).unwrap_or_default()
}

/// The same instant as ISO 8601 with the zone's offset: `2026-12-07T06:00:00+03:00`.
pub fn iso_in_zone(millis: i64, zone: Tz) -> String {
    DateTime::from_timestamp_millis(millis)
        .map(|t| t.with_timezone(&zone).to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
        .unwrap_or_default()
}

impl Localized for TimeProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TimeProblem::Unreadable(t), Lang::Ar) => format!(
                "«{t}» ليس وقتًا مفهومًا: اكتبه مثل 2026-12-07T06:00 (بتوقيت الصحيفة) أو 2026-12-07T06:00:00+03:00"
            ),
            (TimeProblem::Unreadable(t), Lang::En) => format!(
                "«{t}» is not a time this reads: write it like 2026-12-07T06:00 (the publication's zone) or 2026-12-07T06:00:00+03:00"
            ),
            (TimeProblem::UnknownZone(z), Lang::Ar) => format!("«{z}» ليست منطقة زمنية معروفة (مثل Asia/Baghdad)"),
            (TimeProblem::UnknownZone(z), Lang::En) => format!("«{z}» is not a known time zone (such as Asia/Baghdad)"),
            (TimeProblem::Skipped(t), Lang::Ar) => format!("الوقت «{t}» لا يوجد في هذه المنطقة (تُقدَّم الساعة فيه)"),
            (TimeProblem::Skipped(t), Lang::En) => format!("«{t}» does not exist in this zone (the clocks skip it)"),
            (TimeProblem::Ambiguous(t), Lang::Ar) => {
                format!("الوقت «{t}» يتكرر في هذه المنطقة (تُؤخَّر الساعة فيه): اكتبه مع فارق التوقيت")
            }
            (TimeProblem::Ambiguous(t), Lang::En) => format!("«{t}» happens twice in this zone: give its offset"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_with_its_offset_is_taken_as_it_says_and_a_local_one_in_the_zone() {
        let baghdad = zone(None).unwrap();
        let explicit = parse_user_time("2026-12-07T06:00:00+03:00", baghdad).unwrap();
        assert_eq!(parse_user_time("2026-12-07T06:00", baghdad).unwrap(), explicit);
        assert_eq!(parse_user_time(" 2026-12-07 06:00 ", baghdad).unwrap(), explicit);
        assert_eq!(parse_user_time("2026-12-07T03:00:00Z", zone(Some("Europe/London")).unwrap()).unwrap(), explicit);
        // An offset without seconds, Z without seconds, and Arabic-Indic digits say the same time.
        assert_eq!(parse_user_time("2026-12-07T06:00+03:00", baghdad).unwrap(), explicit);
        assert_eq!(parse_user_time("2026-12-07T03:00Z", baghdad).unwrap(), explicit);
        assert_eq!(parse_user_time("٢٠٢٦-١٢-٠٧T٠٦:٠٠", baghdad).unwrap(), explicit);
        assert_eq!(display_in_zone(explicit, baghdad, Lang::Ar), "7 كانون الأول 2026، 06:00 (بغداد)");
        assert_eq!(iso_in_zone(explicit, baghdad), "2026-12-07T06:00:00+03:00");
        assert_eq!(zone_or_default(Some("Mars/Olympus")).name(), DEFAULT_ZONE);
    }

    #[test]
    fn a_wrong_time_or_zone_and_a_time_the_clocks_skip_or_repeat_are_refused() {
        let berlin = zone(Some("Europe/Berlin")).unwrap();
        assert!(matches!(parse_user_time("tomorrow", berlin), Err(TimeProblem::Unreadable(_))));
        assert!(matches!(parse_user_time("2026-13-01T06:00", berlin), Err(TimeProblem::Unreadable(_))));
        assert!(matches!(parse_user_time("2026-03-29T02:30", berlin), Err(TimeProblem::Skipped(_))));
        assert!(matches!(parse_user_time("2026-10-25T02:30", berlin), Err(TimeProblem::Ambiguous(_))));
        assert!(matches!(zone(Some("Mars/Olympus")), Err(TimeProblem::UnknownZone(_))));
        assert!(!TimeProblem::Unreadable("x".into()).message(Lang::Ar).contains("write"));
    }
}
