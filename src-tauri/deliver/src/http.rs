//! The one HTTP client deliveries use, and how a site's answers are sorted: passing troubles
//! (no connection, a timeout, 5xx, 429) apart from refusals, with the site's own words kept.

use std::time::Duration;

use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::DeliverError;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A whole answer (a picture's upload included) within this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// `timeout`: the whole-answer limit (tests of a stalled site use a short one).
pub fn client(timeout: Duration) -> Result<reqwest::Client, DeliverError> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .user_agent(concat!("qalam/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| DeliverError::Protocol { detail: e.to_string() })
}

/// The request's outcome as the delivery sees it.
pub fn sent(result: reqwest::Result<Response>) -> Result<Response, DeliverError> {
    result.map_err(|e| DeliverError::Offline { detail: without_url(&e) })
}

/// A success's body as `T`; any other answer as its error.
pub async fn json<T: DeserializeOwned>(result: reqwest::Result<Response>) -> Result<T, DeliverError> {
    let response = checked(sent(result)?).await?;
    let bytes = response.bytes().await.map_err(|e| DeliverError::Offline { detail: without_url(&e) })?;
    serde_json::from_slice(&bytes).map_err(|e| DeliverError::Protocol { detail: e.to_string() })
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
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    let code = body["code"].as_str().unwrap_or("").to_string();
    let message = body["message"].as_str().unwrap_or("").to_string();
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
