//! Lucene's ArabicStemmer: light stemming that strips one common prefix and a few suffixes. It
//! expects normalized input (so ة has already become ه).

const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ه", "ي"];

/// Stems a normalized word. Words with no Arabic letters are returned unchanged.
pub fn stem(word: &str) -> String {
    if !word.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return word.to_string();
    }
    let mut chars: Vec<char> = word.chars().collect();
    strip_prefix(&mut chars);
    strip_suffixes(&mut chars);
    chars.into_iter().collect()
}

fn strip_prefix(chars: &mut Vec<char>) {
    for prefix in PREFIXES {
        let p: Vec<char> = prefix.chars().collect();
        // و alone is a prefix only of words of four letters or more; any prefix must leave two.
        if p.len() == 1 && chars.len() < 4 {
            continue;
        }
        if chars.len() >= p.len() + 2 && chars.starts_with(&p) {
            chars.drain(..p.len());
            return;
        }
    }
}

fn strip_suffixes(chars: &mut Vec<char>) {
    // One pass in Lucene's order; each suffix may strip once while two letters remain.
    for suffix in SUFFIXES {
        let s: Vec<char> = suffix.chars().collect();
        if chars.len() >= s.len() + 2 && chars.ends_with(&s) {
            chars.truncate(chars.len() - s.len());
        }
    }
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
