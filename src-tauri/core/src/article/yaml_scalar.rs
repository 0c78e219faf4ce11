//! Writing YAML scalars so that they read back as the same string. A value is written plain when
//! that is unambiguous (most Arabic text is) and double-quoted with escapes otherwise.

/// Formats `s` as a YAML scalar in block context (a `key: value` line) that a YAML parser reads
/// back as exactly `s`.
pub fn scalar(s: &str) -> String {
    if can_be_plain(s, false) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// Formats `s` as a YAML scalar inside a flow sequence (`[a, b]`).
pub fn flow_scalar(s: &str) -> String {
    if can_be_plain(s, true) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

fn can_be_plain(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else { return false };
    // Starting with a letter rules out numbers, dates, indicators (- ? : & * ! | > % @ `) and
    // quotes. In a block value the remaining traps are ": " (a mapping), " #" (a comment), a
    // trailing colon and keywords; in a flow sequence, its punctuation too.
    let flow_trap = |c: char| in_flow && matches!(c, ',' | '[' | ']' | '{' | '}' | ':' | '#');
    if first.is_ascii_digit() {
        // Ids such as ULIDs start with a digit; plain is safe when YAML itself reads the token back
        // as this very string (not as a number such as 1e5, 0x1F or 1_000).
        return s.chars().all(|c| c.is_ascii_alphanumeric())
            && matches!(serde_yaml_ng::from_str::<serde_yaml_ng::Value>(s), Ok(serde_yaml_ng::Value::String(ref v)) if v == s);
    }
    first.is_alphabetic()
        && !s.ends_with(char::is_whitespace)
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| matches!(c, '"' | '\'' | '\\') || flow_trap(c) || needs_escape(c))
        && !is_yaml_keyword(s)
}

fn is_yaml_keyword(s: &str) -> bool {
    matches!(s.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null")
}

/// Characters YAML does not accept raw or reads as line breaks.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{flow_scalar, scalar};

    #[test]
    fn arabic_prose_stays_plain_and_tricky_values_are_quoted() {
        assert_eq!(scalar("قوات أميركية تغادر سوريا"), "قوات أميركية تغادر سوريا");
        assert_eq!(scalar("https://x.org/a#b"), "https://x.org/a#b");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2025"), "\"2025\"");
        assert_eq!(scalar("1e5"), "\"1e5\"");
        assert_eq!(scalar("01M8JKCKBCRF4Q5DBWJG93S99E"), "01M8JKCKBCRF4Q5DBWJG93S99E");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(flow_scalar("a, b"), "\"a, b\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    }
}
