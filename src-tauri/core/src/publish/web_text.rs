//! The words a post shows, hashed so an approval can name them and a CMS can check them.
//!
//! An approval signs the package (text, page, pictures); a site cannot remake a package, but it
//! can read its post's title, excerpt and content. So an approval also signs the hash of those
//! words as Qalam sends them: markup and block comments dropped, the five entities and numeric
//! references decoded, runs of white space made one space. The WordPress plugin
//! (`integrations/wordpress/qalam-approvals`) computes the same from the stored post; any change
//! to a word — not to a picture's id or address, which the site chooses — shows as "changed after
//! approval". The rule is versioned (`qalam-web-text 1`) because both sides must follow it exactly.

use crate::hash::sha256_hex;

/// The characters counted as space, listed so the PHP side can use the very same class.
pub const SPACES: &[char] = &[
    '\t', '\n', '\u{0B}', '\u{0C}', '\r', ' ', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}',
    '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{2028}',
    '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];

/// `sha256("qalam-web-text 1\n" + words(title) + "\n" + words(excerpt) + "\n" + words(content))`.
pub fn web_text_hash(title: &str, excerpt: &str, content_markup: &str) -> String {
    let text = format!(
        "qalam-web-text 1\n{}\n{}\n{}",
        words(&decode(title)),
        words(&decode(excerpt)),
        words(&decode(&strip_markup(content_markup)))
    );
    sha256_hex(text.as_bytes())
}

/// The text of markup: comments removed, every tag replaced by a space.
pub fn strip_markup(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let end =
            if after.starts_with("<!--") { after.find("-->").map(|i| i + 3) } else { after.find('>').map(|i| i + 1) };
        match end {
            Some(end) => {
                out.push(' ');
                rest = &after[end..];
            }
            None => {
                // An unclosed tag runs to the end, as a browser reads it.
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `&amp; &lt; &gt; &quot; &apos; &nbsp;` and `&#N;` / `&#xH;` decoded; anything else kept.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let decoded = after.find(';').filter(|&semi| semi <= 12).and_then(|semi| {
            let name = &after[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{A0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .map(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').map(|dec| dec.parse::<u32>().ok()))
                    .flatten()
                    .and_then(char::from_u32),
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Words separated by one space, none at the ends.
pub fn words(text: &str) -> String {
    text.split(SPACES).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_comments_and_spacing_do_not_change_the_hash_but_a_word_does() {
        let sent = "<!-- wp:paragraph -->\n<p>قال الوزير &amp; أضاف</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {\"id\":7} -->\n<figure><img src=\"x\" alt=\"صورة\"/><figcaption>شرح</figcaption></figure>";
        let stored = "<p>قال   الوزير &#38; أضاف</p><figure><img src=\"https://site/other.jpg\" alt=\"صورة\"/><figcaption>شرح</figcaption></figure>";
        assert_eq!(web_text_hash("عنوان", "", sent), web_text_hash("عنوان", "", stored));
        let edited = stored.replace("أضاف", "نفى");
        assert_ne!(web_text_hash("عنوان", "", sent), web_text_hash("عنوان", "", &edited));
        assert_ne!(web_text_hash("عنوان", "", sent), web_text_hash("عنوان آخر", "", sent));
        // A word moved from the excerpt into the content is a change.
        assert_ne!(web_text_hash("ع", "أ ب", "ج"), web_text_hash("ع", "أ", "ب ج"));
    }

    #[test]
    fn tags_separate_words_and_entities_decode() {
        assert_eq!(words(&decode(&strip_markup("<p>أ</p><p>ب</p>"))), "أ ب");
        assert_eq!(decode("&lt;b&gt; &quot;x&quot; &#x41;&#66; &bogus; & ;"), "<b> \"x\" AB &bogus; & ;");
        assert_eq!(words("\u{A0}أ\u{2009}\u{2009}ب\n"), "أ ب");
        // Zero-width joiners and direction marks are not spaces: they are part of the words.
        assert_eq!(words("أ\u{200C}ب \u{200F}ج"), "أ\u{200C}ب \u{200F}ج");
        assert_eq!(strip_markup("a <unclosed"), "a ");
    }
}
