//! Lucene's ArabicStemmer: light stemming that strips one common prefix and a few suffixes. It
//! expects normalized input (so ة has already become ه).

const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي"];

/// Stems a normalized word. Words with no Arabic letters are returned unchanged.
pub fn stem(word: &str) -> String {
    if !word.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return word.to_string();
    }
    let mut s = strip_prefix(word);
    // One pass in Lucene's order; each suffix may strip once while two letters remain.
    for suffix in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suffix).filter(|r| r.chars().count() >= 2) {
            s = rest;
        }
    }
    s.to_string()
}

fn strip_prefix(word: &str) -> &str {
    let letters = word.chars().count();
    for prefix in PREFIXES {
        // و alone is a prefix only of words of four letters or more; any prefix must leave two.
        if prefix.chars().count() == 1 && letters < 4 {
            continue;
        }
        if let Some(rest) = word.strip_prefix(prefix).filter(|r| r.chars().count() >= 2) {
            return rest;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::stem;
    use crate::search::normalize::normalize_word;

    fn term(w: &str) -> String {
        stem(&normalize_word(w))
    }

    #[test]
    fn a_query_and_the_text_it_should_find_share_a_term() {
        for (query, text) in
            [("الاسد", "الأسد"), ("تمركز", "تمركُز"), ("البصره", "البصرة"), ("مزارع", "المزارعين"), ("القوات", "قوات")]
        {
            assert_eq!(term(query), term(text), "{query} should find {text}");
        }
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(term("ولد"), "ولد");
        assert_eq!(term("اب"), "اب");
        assert_eq!(term("news"), "news");
    }
}
