//! The package's file name: a slug of the title and the revision, e.g. `قوات-أميركية-تغادر-r3`.
//! Arabic letters are kept as they are (every current file system and zip tool takes them);
//! harakat, tatweel and punctuation go, so the name is stable when only vowel marks change.

use crate::article::inline_text::is_arabic_mark;

const MAX_SLUG_CHARS: usize = 60;

pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in title.chars() {
        if is_arabic_mark(c) || c == '\u{0640}' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    let out: String = out.chars().take(MAX_SLUG_CHARS).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "article".into()
    } else {
        out.to_string()
    }
}

/// The package's name without extension.
pub fn package_name(title: &str, revision: i64) -> String {
    format!("{}-r{revision}", slug(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_arabic_letters_and_drops_marks_and_punctuation() {
        assert_eq!(slug("قوّات أميركيةٌ تغادر سوريا!"), "قوات-أميركية-تغادر-سوريا");
        assert_eq!(slug("  Iraq: U.S. troops  "), "iraq-u-s-troops");
        assert_eq!(slug("؟؟"), "article");
        assert_eq!(package_name("من نحو 2,000 جندي", 3), "من-نحو-2-000-جندي-r3");
    }

    #[test]
    fn long_titles_are_cut() {
        assert!(slug(&"كلمة ".repeat(40)).chars().count() <= MAX_SLUG_CHARS);
    }
}
