//! The spellings of one name. Foreign names and loanwords reach Arabic through several accepted
//! spellings, and a reader types the one their country uses: غوغل in Beirut and Baghdad, جوجل in
//! Cairo, قوقل in the Gulf. After normalizing and stemming, the analyzer folds every known
//! spelling of a name to one term, so each finds the others — and nothing else: only the spellings
//! of the names listed here fold, whole words only (a fragment never matches: FTS5 compares whole
//! terms).
//!
//! The table is curated (names and loanwords frequent in Arabic news), and each entry's spellings
//! are widened by two correspondences documented for Arabic transcription of foreign words
//! (Wikipedia, «Arabic alphabet», section *Non-native letters*; and the Arab Academy of Cairo's
//! and Damascus's differing recommendations for foreign names, as described in Wikipedia's
//! «Romanization of Arabic» and «Egyptian Arabic» articles):
//!
//! 1. **/g/** has no letter of its own: it is written غ (Levant, Iraq, much of the Gulf press),
//!    ج (Egypt), ق (Gulf and Sudanese usage) or گ (Iraq, from Persian). A spelling with غ also
//!    stands for its ج and گ spellings; ق is listed by hand where the press uses it, since ق is a
//!    native letter too (البرتقال is an orange, not البرتغال).
//! 2. **Long vowels in foreign names** are written or left out (إنترنت/إنترنيت, واشنطن/واشنطون,
//!    تكنولوجيا/تكنلوجيا): a spelling of five letters or more also stands for each spelling with
//!    one of its inner ا، و or ي left out.
//!
//! A spelling the second rule makes is kept only if its term has five letters or more: shorter
//! ones meet ordinary words (أيلول without its ي stems like ولي, بوتين like البت). Spellings the rules do not
//! reach (ك for /g/ in كوكل, an added letter) are listed by hand. A test checks that none of a list
//! of ordinary words that look like these spellings is taken for a name. The
//! precision and recall of this on a corpus are measured by `cargo run --example search-variants`
//! (README, Benchmarks).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::normalize_word;
use super::stem::stem;

/// Bumped whenever the analyzer's terms change: a library's index made by an older analyzer is
/// rebuilt when the library opens.
pub const ANALYZER_VERSION: i64 = 4;

/// Each name's spellings, the one the publication prefers first.
const NAMES: &[&[&str]] = &[
    &["غوغل", "قوقل", "كوكل"],
    &["تكنولوجيا", "تقنولوجيا"],
    &["إنترنت", "انترنيت"],
    &["ترامب", "ترمب"],
    &["بوتين"],
    &["زيلينسكي"],
    &["واشنطن", "واشنطون"],
    &["مايكروسوفت", "ميكروسوفت"],
    &["فيسبوك", "فايسبوك"],
    &["يوتيوب", "يوتوب"],
    &["إنستغرام", "انستقرام", "انستجرام", "إنستاغرام"],
    &["تلغرام", "تيليغرام", "تليجرام", "تيليجرام", "تليقرام"],
    &["البنتاغون"],
    &["الكونغرس"],
    &["الكونغو"],
    &["أوغندا"],
    &["هونغ كونغ"],
    &["بلغراد"],
    &["هامبورغ"],
    &["لوكسمبورغ"],
    &["سنغافورة"],
    &["البرتغال"],
    &["جورجيا", "غورغيا"],
    &["ديمقراطية", "ديموقراطية"],
    &["فيروس", "فايروس"],
    &["تلفزيون", "تليفزيون", "تلفيزيون"],
    &["كمبيوتر", "كومبيوتر"],
    &["بروتوكول", "بروتكول"],
    &["استراتيجية", "إستراتيجية", "استراتيجيه"],
    &["ماكرون"],
    &["ميركل"],
    &["نتنياهو", "نتانياهو"],
    &["أوكرانيا", "اوكراينا"],
    &["كاليفورنيا"],
    &["الفيدرالي", "الفدرالي"],
    &["بلومبرغ"],
    &["رويترز", "رويتر"],
    &["غيغابايت", "جيجابايت"],
    &["بيتكوين", "بتكوين"],
    &["دولار"],
    &["أميركا", "أمريكا"],
    &["أميركي", "أمريكي"],
    &["أوروبا", "أوربا"],
    &["أوروبي", "أوربي"],
    // The Gregorian months by their Levantine and Iraqi names beside their Egyptian and Gulf
    // ones (آذار/مارس and آب/أغسطس are left out: مارس is also a verb, آب also «father»).
    &["شباط", "فبراير", "فبراير"],
    &["نيسان", "أبريل", "إبريل"],
    &["أيار", "مايو"],
    // يونيه and يوليه are left out: their stems are those of اليونان and يليه.
    &["حزيران", "يونيو"],
    &["تموز", "يوليو"],
    &["أيلول", "سبتمبر"],
];

const G_LETTERS: [char; 2] = ['ج', 'گ'];

/// Ordinary words the rules would make of a listed name (found by checking every rule-made
/// spelling against the 939,000 words of aspell-ar-large): never taken for the name.
const NOT_NAMES: &[&str] = &["فاروس", "مكرون", "أجندا"];

/// The fewest letters the term of a spelling with a long vowel left out may have.
const MADE_TERM_LETTERS: usize = 5;
const LONG_VOWELS: [char; 3] = ['ا', 'و', 'ي'];

/// The term every spelling of a listed name folds to, by the term an analyzer without this step
/// gives it; terms of other words are not in the map.
fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for spellings in NAMES {
            // A name of two words (هونغ كونغ) folds word by word.
            let preferred: Vec<&str> = spellings[0].split(' ').collect();
            for spelling in spellings.iter().filter(|s| s.split(' ').count() == preferred.len()) {
                for (word, canonical) in spelling.split(' ').zip(&preferred) {
                    let canonical = analyzed(canonical);
                    map.entry(analyzed(word)).or_insert_with(|| canonical.clone());
                    for (variant, vowel_left_out) in widened(word) {
                        let key = analyzed(&variant);
                        if NOT_NAMES.iter().any(|w| analyzed(w) == key) {
                            continue;
                        }
                        if !vowel_left_out || key.chars().count() >= MADE_TERM_LETTERS {
                            map.entry(key).or_insert_with(|| canonical.clone());
                        }
                    }
                }
            }
        }
        map
    })
}

fn analyzed(word: &str) -> String {
    stem(&normalize_word(word))
}

/// A spelling and the spellings the two correspondences give for it, each with whether a long
/// vowel was left out to make it.
fn widened(spelling: &str) -> Vec<(String, bool)> {
    let mut out = vec![(spelling.to_string(), false)];
    // 1. /g/ written غ stands for its ج and گ spellings.
    if spelling.contains('غ') {
        for g in G_LETTERS {
            out.push((spelling.replace('غ', &g.to_string()), false));
        }
    }
    // 2. An inner long vowel of a name of five letters or more may be left out.
    for (written, _) in out.clone() {
        let letters: Vec<char> = written.chars().collect();
        if letters.len() < 5 {
            continue;
        }
        for i in 1..letters.len() - 1 {
            if LONG_VOWELS.contains(&letters[i]) {
                out.push((letters.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c).collect(), true));
            }
        }
    }
    out
}

/// The term of a name's spelling folded to its preferred spelling's; any other term as it is.
pub fn fold(term: String) -> String {
    match table().get(&term) {
        Some(canonical) => canonical.clone(),
        None => term,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::term;

    #[test]
    fn each_spelling_of_a_name_gives_one_term() {
        let same = |a: &str, b: &str| assert_eq!(term(a), term(b), "{a} / {b}");
        same("غوغل", "جوجل");
        same("جوجل", "قوقل");
        same("كوكل", "غوغل");
        same("تكنولوجيا", "تكنلوجيا");
        same("إنترنت", "انترنيت");
        same("الإنترنت", "الانترنيت");
        same("ترامب", "ترمب");
        same("البنتاغون", "البنتاجون");
        same("والكونغرس", "الكونجرس");
        same("أيلول", "سبتمبر");
        same("واشنطن", "واشنطون");
        same("الأمريكية", "الأميركية");
        same("الأوربي", "الأوروبي");
    }

    #[test]
    fn no_spelling_stands_for_two_names_and_no_word_of_the_seed_is_taken_for_a_name() {
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (n, spellings) in NAMES.iter().enumerate() {
            for spelling in spellings.iter().flat_map(|s| s.split(' ')) {
                for (variant, _) in widened(spelling) {
                    let key = analyzed(&variant);
                    if let Some(other) = owner.insert(key, n) {
                        assert_eq!(other, n, "«{variant}» stands for {:?} and {:?}", NAMES[other], NAMES[n]);
                    }
                }
            }
        }
        // Every word of a real article folds only if it is a listed name's spelling.
        let seed = include_str!("../../../assets/sample-article.md");
        for (_, word) in crate::search::words(seed) {
            let plain = analyzed(word);
            if let Some(canonical) = table().get(&plain).filter(|c| **c != plain) {
                let listed = NAMES
                    .iter()
                    .any(|n| n.iter().flat_map(|s| s.split(' ')).flat_map(widened).any(|(v, _)| analyzed(&v) == plain));
                assert!(listed, "«{word}» of the seed folds to «{canonical}»");
            }
        }
    }

    /// Ordinary words that look like a name's spellings or what the rules make of them.
    const ORDINARY: &[&str] = &[
        "ولي",
        "الولي",
        "وله",
        "يلي",
        "يليه",
        "يليها",
        "البرتقال",
        "برتقالي",
        "قانا",
        "اليونان",
        "البت",
        "المكر",
        "نسي",
        "نسيان",
        "الغول",
        "جول",
        "قول",
        "كول",
        "جمل",
        "قمل",
        "تراب",
        "ترب",
        "بيت",
        "بوت",
        "الكون",
        "الوزير",
        "الدولة",
        "الحكومة",
        "المئة",
        "العام",
        "اليوم",
        "الشعب",
        "الرئيس",
        "الأجندا",
        "فاروس",
        "مكرون",
        "شنطة",
        "الشنط",
        "يتوب",
        "بيتك",
        "الروتر",
        "الفروسية",
        "ويلات",
        "النسيان",
    ];

    #[test]
    fn ordinary_words_that_look_like_spellings_are_not_taken_for_names() {
        let names: std::collections::HashSet<String> = table().values().cloned().collect();
        for word in ORDINARY {
            let plain = analyzed(word);
            assert!(
                !table().contains_key(&plain) || names.contains(&plain) && table()[&plain] == plain,
                "«{word}» is taken for «{}»",
                table()[&plain]
            );
        }
    }

    #[test]
    fn other_words_keep_their_own_terms() {
        let differ = |a: &str, b: &str| assert_ne!(term(a), term(b), "{a} / {b}");
        differ("غوغل", "غول");
        differ("جوجل", "جول");
        differ("ترامب", "تراب");
        differ("مايو", "ماء");
        differ("بوتين", "بيت");
        differ("الكونغرس", "الكون");
    }
}
