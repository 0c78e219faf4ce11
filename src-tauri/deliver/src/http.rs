//! The one HTTP client deliveries use, and how a site's answers are sorted: passing troubles
//! (no connection, no answer in time, 5xx, 429) apart from refusals, with the site's own words
//! kept. A hostile or broken site is bounded: a redirect is followed only within the site's own
//! origin (scheme, host, port) and at most [`MAX_REDIRECTS`] times, never in a loop; an answer is
//! read up to [`MAX_ANSWER_BYTES`] (an error's words up to [`MAX_ERROR_BYTES`]), never whole.

use std::time::Duration;

use qalam_core::lang::printable;
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::DeliverError;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A whole answer (a picture's upload included) within this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The most redirects one request follows (all within the site's origin).
pub const MAX_REDIRECTS: usize = 5;
/// The largest answer read from a site: a WordPress API answer is a few kilobytes; a post with
/// its content a few hundred.
pub const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;
/// The most of a refusal's body read for its words.
pub const MAX_ERROR_BYTES: usize = 64 * 1024;

/// Why a redirect was not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectProblem {
    /// To another scheme, host or port: the password would go there.
    OtherOrigin {
        to: String,
    },
    /// Back to an address already visited.
    Loop {
        to: String,
    },
    TooMany,
}

impl std::fmt::Display for RedirectProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RedirectProblem::OtherOrigin { to } => write!(f, "redirect to another origin: {to}"),
            RedirectProblem::Loop { to } => write!(f, "redirect loop at {to}"),
            RedirectProblem::TooMany => write!(f, "more than {MAX_REDIRECTS} redirects"),
        }
    }
}

impl std::error::Error for RedirectProblem {}

/// Follows a redirect only within the origin of the request that started it, at most
/// [`MAX_REDIRECTS`] times, never back to an address already visited.
fn redirect_policy(attempt: reqwest::redirect::Attempt) -> reqwest::redirect::Action {
    let Some(first) = attempt.previous().first() else { return attempt.stop() };
    let next = attempt.url();
    let to = next.as_str().to_string();
    if next.origin() != first.origin() {
        return attempt.error(RedirectProblem::OtherOrigin { to });
    }
    if attempt.previous().iter().any(|seen| seen == next) {
        return attempt.error(RedirectProblem::Loop { to });
    }
    if attempt.previous().len() > MAX_REDIRECTS {
        return attempt.error(RedirectProblem::TooMany);
    }
    attempt.follow()
}

/// `timeout`: the whole-answer limit (tests of a stalled site use a short one).
pub fn client(timeout: Duration) -> Result<reqwest::Client, DeliverError> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::custom(redirect_policy))
        .user_agent(concat!("qalam/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| DeliverError::Protocol { detail: e.to_string() })
}

/// The request's outcome as the delivery sees it.
pub fn sent(result: reqwest::Result<Response>) -> Result<Response, DeliverError> {
    result.map_err(|e| failed(&e))
}

/// What a failed request says: a redirect refused, no answer in time, or no connection.
fn failed(e: &reqwest::Error) -> DeliverError {
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(problem) = inner.downcast_ref::<RedirectProblem>() {
            return DeliverError::Redirect { problem: problem.clone() };
        }
        source = inner.source();
    }
    if e.is_timeout() {
        return DeliverError::NoAnswer { secs: None };
    }
    DeliverError::Offline { detail: without_url(e) }
}

/// A success's body as `T`; any other answer as its error.
pub async fn json<T: DeserializeOwned>(result: reqwest::Result<Response>) -> Result<T, DeliverError> {
    let response = checked(sent(result)?).await?;
    let bytes = bounded(response, MAX_ANSWER_BYTES).await?;
    serde_json::from_slice(&bytes).map_err(|e| DeliverError::Protocol { detail: e.to_string() })
}

/// The body of `response`, read up to `limit` bytes: a longer one is refused as soon as it is
/// known to be (by its length, or as it arrives), never read whole.
pub async fn bounded(mut response: Response, limit: usize) -> Result<Vec<u8>, DeliverError> {
    let too_large = || DeliverError::AnswerTooLarge { limit };
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| failed(&e))? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The response if it is a success; else the error it says.
pub async fn checked(response: Response) -> Result<Response, DeliverError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        return Err(DeliverError::Server { status: status.as_u16() });
    }
    // The site's words, if it gave some within reason; a refusal is said either way.
    // Its words are shown to the user: nothing in them may drive a terminal or reorder a line.
    let (code, message) = match bounded(response, MAX_ERROR_BYTES).await {
        Ok(bytes) => {
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
            let field = |name: &str| printable(body[name].as_str().unwrap_or(""));
            (field("code"), field("message"))
        }
        // Too large to read: the message then says the site gave no reason that could be read.
        Err(_) => (String::new(), String::new()),
    };
    Err(match status {
        StatusCode::UNAUTHORIZED => DeliverError::Unauthorized,
        StatusCode::FORBIDDEN => DeliverError::Forbidden { code, message },
        _ => DeliverError::Refused { status: status.as_u16(), code, message },
    })
}

/// reqwest's words without the address (which may carry query parameters).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "the connection failed"
    };
    match std::error::Error::source(e) {
        Some(source) => format!("{kind}: {source}"),
        None => kind.to_string(),
    }
}

/// A site's address, checked: http(s), no credentials in it, plain http only on this machine.
pub fn site_url(url: &str) -> Result<String, DeliverError> {
    let bad = || DeliverError::BadUrl { url: url.into() };
    let parsed = reqwest::Url::parse(url.trim()).map_err(|_| bad())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() || !parsed.username().is_empty() {
        return Err(bad());
    }
    if parsed.scheme() == "http" && !is_loopback(parsed.host_str().unwrap_or("")) {
        return Err(DeliverError::PlainHttp { url: url.into() });
    }
    Ok(parsed.as_str().trim_end_matches('/').to_string())
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback()) || host == "[::1]"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_https_or_on_this_machine() {
        assert_eq!(site_url("https://news.example/").unwrap(), "https://news.example");
        assert_eq!(site_url("http://127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(site_url(" http://localhost/wp ").unwrap(), "http://localhost/wp");
        assert!(matches!(site_url("http://news.example"), Err(DeliverError::PlainHttp { .. })));
        assert!(matches!(site_url("ftp://news.example"), Err(DeliverError::BadUrl { .. })));
        assert!(matches!(site_url("https://user:pw@news.example"), Err(DeliverError::BadUrl { .. })));
        assert!(matches!(site_url("news"), Err(DeliverError::BadUrl { .. })));
    }
}
