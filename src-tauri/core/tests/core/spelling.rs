//! Spell checking against the system's real hunspell dictionaries (hunspell-ar and hunspell-en-us,
//! which `.ci/install` installs).

use qalam_core::spelling::{dictionary_dirs, Speller};

fn arabic() -> Speller {
    Speller::load("ar", &dictionary_dirs()).expect("hunspell-ar is installed in /usr/share/hunspell")
}

#[test]
fn misspelled_arabic_and_english_words_are_found_at_their_utf16_offsets() {
    let speller = arabic();
    let text = "كشفت مصادر أمنية عن خطاءكبير في الأنبار (Pentagon, Pentagonn) عام 2025";
    let units: Vec<u16> = text.encode_utf16().collect();
    let found: Vec<String> = speller
        .misspelled(text)
        .into_iter()
        .map(|(a, b)| String::from_utf16(&units[a as usize..b as usize]).unwrap())
        .collect();
    assert_eq!(found, ["خطاءكبير", "Pentagonn"]);
}

#[test]
fn the_seed_article_has_few_unknown_words_and_harakat_do_not_count() {
    let speller = arabic();
    assert!(speller.misspelled("تَمَرْكُز القُوّات").is_empty(), "harakat are ignored as in hunspell-ar");
    let seed = std::fs::read_to_string(crate::support::seed_path()).unwrap();
    let words = qalam_core::spelling::words(&seed).count();
    let unknown = speller.misspelled(&seed).len();
    assert!(unknown * 10 < words, "{unknown} of {words} words unknown");
}

#[test]
fn suggestions_come_from_the_dictionary_of_the_words_script() {
    let speller = arabic();
    assert!(speller.suggest("خطاءكبير", 5).iter().any(|s| s == "خطاء كبير"), "{:?}", speller.suggest("خطاءكبير", 5));
    assert!(speller.suggest("Pentagonn", 5).iter().any(|s| s == "Pentagon"));
    assert!(Speller::load("xx", &dictionary_dirs()).is_none(), "no dictionary, no speller");
}

#[test]
fn a_vocalized_or_stretched_word_is_checked_as_its_letters_and_underlined_whole() {
    let speller = arabic();
    // Real vocalized text (the Quranic-style full tashkil of a news sentence) and tatweel used
    // for emphasis in a headline: each word is checked as its letters.
    let text = "أَعْلَنَتِ الحُكُومَةُ العِرَاقِيَّةُ اليَوْمَ عَنْ خُطَّةٍ جَدِيدَةٍ، وقال الوزيــــر إنّ الاقتصـــاد سيتحسّن.";
    assert!(speller.misspelled(text).is_empty(), "{:?}", speller.misspelled(text));
    // A misspelled vocalized word is underlined with all its marks.
    let wrong = "وَصَلَتْ الحُكُوومَةُ";
    let units: Vec<u16> = wrong.encode_utf16().collect();
    let found: Vec<String> = speller
        .misspelled(wrong)
        .into_iter()
        .map(|(a, b)| String::from_utf16(&units[a as usize..b as usize]).unwrap())
        .collect();
    assert_eq!(found, ["الحُكُوومَةُ"]);
    assert!(speller.suggest("الحُكُوومَةُ", 5).iter().any(|s| s == "الحكومة"), "{:?}", speller.suggest("الحُكُوومَةُ", 5));
}
