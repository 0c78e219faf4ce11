//! Which URLs may become live links. The format allows http, https, mailto and relative paths;
//! anything else (javascript:, data:, vbscript:, in any case or with any spacing) is refused.

/// True when `url` may be rendered as a live link or image source.
pub fn is_allowed_url(url: &str) -> bool {
    // Browsers ignore ASCII tab/newline and leading control/space characters when they read a
    // scheme, so "java\tscript:" is still javascript: — strip them the same way before judging.
    let cleaned: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_start_matches(|c: char| c <= ' ');
    if cleaned.is_empty() {
        return false;
    }
    match scheme_of(cleaned) {
        None => true,
        Some(scheme) => matches!(scheme.as_str(), "http" | "https" | "mailto"),
    }
}

/// True when `src` is a path relative to the article file (`images/hero.jpg`): no scheme, not
/// absolute, not protocol-relative, no query or fragment.
pub fn is_local_path(src: &str) -> bool {
    !src.is_empty() && scheme_of(src).is_none() && !src.starts_with(['/', '\\']) && !src.contains(['?', '#'])
}

/// The scheme of a URL, lowercased, or None for a relative reference.
fn scheme_of(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let scheme = &url[..end];
    // A colon before any slash always means a scheme to a browser, even a malformed one like
    // "java script:" — treat every such prefix as a scheme so it is judged, not let through.
    Some(scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::is_allowed_url;

    #[test]
    fn allows_web_mail_and_relative_urls() {
        for ok in [
            "https://infoplus.iq/a",
            "HTTP://x",
            "mailto:desk@x.iq",
            "images/a.jpg",
            "/a/b",
            "#top",
            "?q=1",
            "//cdn.x/a",
        ] {
            assert!(is_allowed_url(ok), "{ok} should be allowed");
        }
    }

    #[test]
    fn refuses_script_and_data_urls_however_spelled() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
            "\u{1}javascript:x",
            "file:///etc/passwd",
            "",
        ] {
            assert!(!is_allowed_url(bad), "{bad:?} must be refused");
        }
    }
}
