//! Lucene's ArabicNormalizer, plus lowercasing and Arabic-Indic digit folding.

/// Folds one word: آ أ إ ٱ → ا, ى → ي, ة → ه, harakat and tatweel removed, ٠–٩ and ۰–۹ → 0–9,
/// Latin lowercased.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'آ' | 'أ' | 'إ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            // Persian yeh and kaf, common in pasted text, fold to their Arabic forms.
            'ی' => out.push('ي'),
            'ک' => out.push('ك'),
            '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            // Tatweel, harakat (fathatan … sukun, and the rarer marks beside them), superscript
            // alef, Quranic marks, and zero-width joiners all vanish.
            '\u{0640}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{0610}'..='\u{061A}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{200C}'
            | '\u{200D}' => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_word;

    #[test]
    fn folds_hamza_forms_alef_maqsura_ta_marbuta_harakat_tatweel_and_digits() {
        assert_eq!(normalize_word("الأسد"), "الاسد");
        assert_eq!(normalize_word("إلى"), "الي");
        assert_eq!(normalize_word("آذار"), "اذار");
        assert_eq!(normalize_word("البصرة"), "البصره");
        assert_eq!(normalize_word("تمركُز"), "تمركز");
        assert_eq!(normalize_word("عـــاجل"), "عاجل");
        assert_eq!(normalize_word("١٥٠"), "150");
        assert_eq!(normalize_word("Pentagon"), "pentagon");
    }
}
