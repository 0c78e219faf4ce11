//! Dates the way the publication prints them: «20 نيسان 2025» with the Levantine month names used
//! in Iraq and the Levant, and Western digits (the seed's house style).

use chrono::{Datelike, NaiveDate};

use crate::lang::Lang;

const LEVANTINE_MONTHS: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The Hijri months as Arabic newspapers name them.
const HIJRI_MONTHS: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

/// «22 شوال 1446»: the date in the Umm al-Qura calendar (ICU4X's, from the official tables of
/// Saudi Arabia's KACST where they reach), or none outside the calendar's range.
pub fn hijri_date(date: NaiveDate) -> Option<String> {
    use icu_calendar::cal::Hijri;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    let iso = icu_calendar::Date::try_new_iso(date.year(), month, day).ok()?;
    let hijri = iso.to_calendar(Hijri::new_umm_al_qura());
    let name = HIJRI_MONTHS.get(usize::from(hijri.month().ordinal).checked_sub(1)?)?;
    Some(format!("{} {name} {}", hijri.day_of_month().0, hijri.era_year().year))
}

/// «20 نيسان 2025» in Arabic, «20 April 2025» in English.
pub fn display_date(date: NaiveDate, lang: Lang) -> String {
    let month = date.month0() as usize;
    let name = match lang {
        Lang::Ar => LEVANTINE_MONTHS[month],
        Lang::En => ENGLISH_MONTHS[month],
    };
    format!("{} {} {}", date.day(), name, date.year())
}

/// A library timestamp (milliseconds since the epoch) as ISO 8601 UTC, e.g. 2025-04-20T09:30:00Z.
/// Milliseconds since the epoch of an RFC 3339 time (what the desk sends), if it is one.
/// Milliseconds since the Unix epoch, now (the library's clock, and when a retry falls due).
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| t.timestamp_millis())
}

pub fn iso_time(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// A library timestamp in the user's local time, the publication's way: «20 نيسان 2025، 14:05».
pub fn display_local_time(millis: i64, lang: Lang) -> String {
    let Some(utc) = chrono::DateTime::from_timestamp_millis(millis) else { return String::new() };
    let local = utc.with_timezone(&chrono::Local);
    let separator = lang.pick("،", ",");
    format!("{}{separator} {}", display_date(local.date_naive(), lang), local.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_seed_date_in_the_publications_style() {
        let date = NaiveDate::from_ymd_opt(2025, 4, 20).unwrap();
        assert_eq!(display_date(date, Lang::Ar), "20 نيسان 2025");
        assert_eq!(display_date(date, Lang::En), "20 April 2025");
        // Umm al-Qura: 20 April 2025 was 22 Shawwal 1446, 1 March 2025 the first of Ramadan.
        assert_eq!(hijri_date(date).as_deref(), Some("22 شوال 1446"));
        let ramadan = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(hijri_date(ramadan).as_deref(), Some("1 رمضان 1446"));
    }
}
