//! Time zones by the names their newsrooms say: «بغداد» rather than `Asia/Baghdad` in Arabic, so a
//! schedule reads «بتوقيت بغداد». A zone not listed keeps its IANA name (in both languages).

use chrono_tz::Tz;

use crate::lang::Lang;

const ARABIC: &[(&str, &str)] = &[
    ("Asia/Baghdad", "بغداد"),
    ("Asia/Beirut", "بيروت"),
    ("Asia/Damascus", "دمشق"),
    ("Asia/Amman", "عمّان"),
    ("Asia/Jerusalem", "القدس"),
    ("Asia/Gaza", "غزة"),
    ("Asia/Hebron", "الخليل"),
    ("Asia/Riyadh", "الرياض"),
    ("Asia/Kuwait", "الكويت"),
    ("Asia/Qatar", "الدوحة"),
    ("Asia/Bahrain", "المنامة"),
    ("Asia/Dubai", "دبي"),
    ("Asia/Muscat", "مسقط"),
    ("Asia/Aden", "عدن"),
    ("Africa/Cairo", "القاهرة"),
    ("Africa/Khartoum", "الخرطوم"),
    ("Africa/Tripoli", "طرابلس الغرب"),
    ("Africa/Tunis", "تونس"),
    ("Africa/Algiers", "الجزائر"),
    ("Africa/Casablanca", "الدار البيضاء"),
    ("Africa/Nouakchott", "نواكشوط"),
    ("Europe/London", "لندن"),
    ("Europe/Paris", "باريس"),
    ("UTC", "التوقيت العالمي"),
];

/// The zone's name as a reader of `lang` says it.
pub fn zone_name(zone: Tz, lang: Lang) -> &'static str {
    let iana = zone.name();
    match lang {
        Lang::Ar => ARABIC.iter().find(|(name, _)| *name == iana).map_or(iana, |(_, arabic)| arabic),
        Lang::En => iana,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_zone_is_one_the_database_knows() {
        for (iana, _) in ARABIC {
            assert!(iana.parse::<Tz>().is_ok(), "{iana}");
        }
        assert_eq!(zone_name(chrono_tz::Asia::Baghdad, Lang::Ar), "بغداد");
        assert_eq!(zone_name(chrono_tz::Asia::Tokyo, Lang::Ar), "Asia/Tokyo");
        assert_eq!(zone_name(chrono_tz::Asia::Beirut, Lang::En), "Asia/Beirut");
    }
}
