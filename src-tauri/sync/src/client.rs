//! The desk's API over HTTPS (reqwest with rustls): one method per endpoint, every answer read
//! as the API's types, every failure sorted into passing troubles and refusals.

use std::time::Duration;

use qalam_desk_api::{
    ApiError, DeskKeyInfo, EnrollChallenge, EnrollRequest, EnrollResponse, LockHeld, LockInfo, LockRequest,
    MissingRequest, MissingResponse, PersonInfo, PullPage, PushConflict, PushRequest, PushResponse, SearchHit,
};
use qalam_desk_api::{DeskStyle, StyleAnswer, WireStyleSheet};
use reqwest::{RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::SyncError;

/// How long to wait for the desk to accept a connection, and for a whole answer.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub struct DeskClient {
    base: String,
    token: Option<String>,
    http: reqwest::Client,
}

/// What asking for a lock came to.
pub enum Locked {
    Mine(LockInfo),
    ByOther(LockInfo),
}

/// What a push came to.
pub enum Pushed {
    Done(PushResponse),
    /// The desk's head is not the one the copy was based on.
    Conflict {
        head: String,
    },
}

impl DeskClient {
    /// A client for the desk at `url` (https, or http on loopback), trusting `ca_file` as well as
    /// the system's authorities.
    pub fn new(url: &str, ca_file: Option<&str>, token: Option<String>) -> Result<DeskClient, SyncError> {
        let base = normalize_url(url)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("qalam/", env!("CARGO_PKG_VERSION")));
        if let Some(path) = ca_file {
            let pem = std::fs::read(path).map_err(|e| SyncError::BadCa { path: path.into(), detail: e.to_string() })?;
            let cert = reqwest::Certificate::from_pem(&pem)
                .map_err(|e| SyncError::BadCa { path: path.into(), detail: e.to_string() })?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder.build().map_err(|e| SyncError::Protocol { detail: e.to_string() })?;
        Ok(DeskClient { base, token, http })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn authed(&self, request: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    pub async fn enroll_challenge(&self) -> Result<EnrollChallenge, SyncError> {
        answer(self.http.post(format!("{}/v1/enroll/challenge", self.base)).send().await).await
    }

    /// The desk's registered keys, with their people and whether they still count.
    pub async fn people(&self) -> Result<Vec<DeskKeyInfo>, SyncError> {
        answer(self.authed(self.http.get(format!("{}/v1/people", self.base))).send().await).await
    }

    pub async fn enroll(&self, request: &EnrollRequest) -> Result<EnrollResponse, SyncError> {
        answer(self.http.post(format!("{}/v1/enroll", self.base)).json(request).send().await).await
    }

    pub async fn me(&self) -> Result<PersonInfo, SyncError> {
        answer(self.authed(self.http.get(format!("{}/v1/me", self.base))).send().await).await
    }

    pub async fn missing(&self, hashes: Vec<String>) -> Result<Vec<String>, SyncError> {
        let request = MissingRequest { hashes };
        let response: MissingResponse =
            answer(self.authed(self.http.post(format!("{}/v1/blobs/missing", self.base))).json(&request).send().await)
                .await?;
        Ok(response.missing)
    }

    pub async fn put_blob(&self, hash: &str, bytes: Vec<u8>) -> Result<(), SyncError> {
        let response = self.authed(self.http.put(format!("{}/v1/blobs/{hash}", self.base))).body(bytes).send().await;
        let response = response.map_err(offline)?;
        if response.status().is_success() {
            return Ok(());
        }
        Err(refusal(response).await)
    }

    pub async fn get_blob(&self, hash: &str) -> Result<Vec<u8>, SyncError> {
        let response =
            self.authed(self.http.get(format!("{}/v1/blobs/{hash}", self.base))).send().await.map_err(offline)?;
        if !response.status().is_success() {
            return Err(refusal(response).await);
        }
        // A picture is no larger than the desk accepts one.
        bounded(response, qalam_core::article::picture_file::MAX_IMAGE_BYTES).await
    }

    pub async fn push(&self, request: &PushRequest) -> Result<Pushed, SyncError> {
        let response = self
            .authed(self.http.post(format!("{}/v1/push", self.base)))
            .json(request)
            .send()
            .await
            .map_err(offline)?;
        if response.status() == StatusCode::CONFLICT {
            let text = String::from_utf8_lossy(&bounded(response, MAX_ERROR_BYTES).await?).into_owned();
            if let Ok(conflict) = serde_json::from_str::<PushConflict>(&text) {
                return Ok(Pushed::Conflict { head: conflict.head });
            }
            let error: ApiError =
                serde_json::from_str(&text).map_err(|e| SyncError::Protocol { detail: e.to_string() })?;
            return Err(SyncError::Desk { status: 409, error: printable_error(error) });
        }
        answer(Ok(response)).await.map(Pushed::Done)
    }

    /// The desk's change notifications: calls `on_change` with each change's number (0: catch
    /// up) until the stream ends or fails. No timeout: the desk sends a keep-alive comment every
    /// 15 seconds, and a connection silent for a minute is given up.
    pub async fn changes(&self, mut on_change: impl FnMut(i64)) -> Result<(), SyncError> {
        use futures_util::StreamExt;
        let request = self
            .authed(self.http.get(format!("{}/v1/changes", self.base)))
            .timeout(Duration::from_secs(365 * 24 * 3600));
        let response = request.send().await.map_err(offline)?;
        if !response.status().is_success() {
            return Err(refusal(response).await);
        }
        let mut body = response.bytes_stream();
        let mut pending = String::new();
        loop {
            let chunk = match tokio::time::timeout(Duration::from_secs(60), body.next()).await {
                Err(_) => return Err(SyncError::Offline { detail: "the desk went silent".into() }),
                Ok(None) => return Ok(()),
                Ok(Some(chunk)) => chunk.map_err(offline)?,
            };
            pending.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = pending.find("\n\n") {
                let event: String = pending.drain(..end + 2).collect();
                if let Some(seq) = sse_change(&event) {
                    on_change(seq);
                }
            }
            // An event is a line or two: a desk that sends no end of one is not a desk.
            if pending.len() > MAX_ERROR_BYTES {
                return Err(SyncError::Protocol {
                    detail: "the desk's change stream sent an event that never ends".into(),
                });
            }
        }
    }

    pub async fn lock(&self, id: &str, request: &LockRequest) -> Result<Locked, SyncError> {
        let url = format!("{}/v1/locks/{}", self.base, encode(id));
        let response = self.authed(self.http.post(url)).json(request).send().await.map_err(offline)?;
        if response.status() == StatusCode::CONFLICT {
            let bytes = bounded(response, MAX_ERROR_BYTES).await?;
            let held: LockHeld =
                serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol { detail: e.to_string() })?;
            return Ok(Locked::ByOther(held.lock));
        }
        answer(Ok(response)).await.map(Locked::Mine)
    }

    pub async fn unlock(&self, id: &str) -> Result<(), SyncError> {
        let url = format!("{}/v1/locks/{}", self.base, encode(id));
        let response = self.authed(self.http.delete(url)).send().await.map_err(offline)?;
        if response.status().is_success() {
            return Ok(());
        }
        Err(refusal(response).await)
    }

    pub async fn locks(&self) -> Result<Vec<LockInfo>, SyncError> {
        answer(self.authed(self.http.get(format!("{}/v1/locks", self.base))).send().await).await
    }

    pub async fn search(&self, query: &str, limit: i64) -> Result<Vec<SearchHit>, SyncError> {
        let request = self
            .authed(self.http.get(format!("{}/v1/search", self.base)))
            .query(&[("q", query), ("limit", &limit.to_string())]);
        answer(request.send().await).await
    }

    /// The desk's house style, whole only if issued after `after`.
    pub async fn style(&self, after: i64) -> Result<DeskStyle, SyncError> {
        let url = format!("{}/v1/style?after={after}", self.base);
        answer(self.authed(self.http.get(url)).send().await).await
    }

    pub async fn offer_style(&self, sheet: &WireStyleSheet) -> Result<StyleAnswer, SyncError> {
        answer(self.authed(self.http.put(format!("{}/v1/style", self.base))).json(sheet).send().await).await
    }

    pub async fn pull(&self, after: i64, limit: i64) -> Result<PullPage, SyncError> {
        let url = format!("{}/v1/pull?after={after}&limit={limit}", self.base);
        answer(self.authed(self.http.get(url)).send().await).await
    }
}

fn printable_error(error: ApiError) -> ApiError {
    use qalam_core::lang::printable;
    ApiError {
        code: printable(&error.code),
        message: printable(&error.message),
        message_ar: printable(&error.message_ar),
        event: error.event.map(|e| printable(&e)),
    }
}

/// `https://desk.example/` → `https://desk.example`; plain http only for loopback hosts.
fn normalize_url(url: &str) -> Result<String, SyncError> {
    let bad = || SyncError::BadUrl { url: url.into() };
    let parsed = reqwest::Url::parse(url.trim()).map_err(|_| bad())?;
    let host = parsed.host_str().ok_or_else(bad)?;
    let loopback = host == "localhost"
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        || host.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(SyncError::PlainHttp { url: url.trim().into() }),
        _ => return Err(bad()),
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad());
    }
    Ok(parsed.as_str().trim_end_matches('/').to_string())
}

/// The number a server-sent `change` event carries.
fn sse_change(event: &str) -> Option<i64> {
    let mut is_change = false;
    let mut data = None;
    for line in event.lines() {
        if let Some(name) = line.strip_prefix("event:") {
            is_change = name.trim() == "change";
        } else if let Some(value) = line.strip_prefix("data:") {
            data = value.trim().parse().ok();
        }
    }
    data.filter(|_| is_change)
}

/// An article id in a path (ids are ULIDs, but a path is never built from unchecked text).
fn encode(id: &str) -> String {
    id.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn offline(e: reqwest::Error) -> SyncError {
    SyncError::Offline { detail: e.to_string() }
}

/// The most of one answer a laptop reads: a page of stories is at most 32 MiB on the desk's side,
/// and one story (its text and a full record) well under this.
pub const MAX_ANSWER_BYTES: usize = 128 * 1024 * 1024;
/// The most of a refusal read for its words.
const MAX_ERROR_BYTES: usize = 64 * 1024;

async fn answer<T: DeserializeOwned>(response: Result<reqwest::Response, reqwest::Error>) -> Result<T, SyncError> {
    let response = response.map_err(offline)?;
    if !response.status().is_success() {
        return Err(refusal(response).await);
    }
    let bytes = bounded(response, MAX_ANSWER_BYTES).await?;
    serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol { detail: e.to_string() })
}

/// An answer's body, read up to `limit` bytes: a longer one is refused as soon as it is known to
/// be, never read whole.
async fn bounded(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, SyncError> {
    let too_large = || SyncError::Protocol { detail: format!("the desk's answer is larger than {} MiB", limit >> 20) };
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(offline)? {
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A failed answer: the desk's own refusal when it gave one, else a passing server failure.
async fn refusal(response: reqwest::Response) -> SyncError {
    let status = response.status().as_u16();
    match bounded(response, MAX_ERROR_BYTES).await.map(|b| String::from_utf8_lossy(&b).into_owned()) {
        Err(e) => e,
        Ok(text) => match serde_json::from_str::<ApiError>(&text) {
            // The desk's words are shown to the user: nothing in them may drive the terminal.
            Ok(error) => SyncError::Desk { status, error: printable_error(error) },
            Err(_) if status >= 500 => SyncError::Server { status },
            Err(_) => SyncError::Protocol {
                detail: format!(
                    "HTTP {status}: {}",
                    qalam_core::lang::printable(&text.chars().take(200).collect::<String>())
                ),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_url;

    #[test]
    fn change_events_are_read_and_others_ignored() {
        use super::sse_change;
        assert_eq!(sse_change("event: change\ndata: 42\n\n"), Some(42));
        assert_eq!(sse_change("event:change\ndata:0\n\n"), Some(0));
        assert_eq!(sse_change(": keep-alive\n\n"), None);
        assert_eq!(sse_change("event: other\ndata: 1\n\n"), None);
    }

    #[test]
    fn plain_http_only_reaches_loopback() {
        assert_eq!(normalize_url("https://desk.example/").unwrap(), "https://desk.example");
        assert_eq!(normalize_url("http://127.0.0.1:8765").unwrap(), "http://127.0.0.1:8765");
        assert_eq!(normalize_url("http://localhost:1/").unwrap(), "http://localhost:1");
        assert!(matches!(normalize_url("http://desk.example"), Err(crate::SyncError::PlainHttp { .. })));
        assert!(normalize_url("ftp://desk.example").is_err());
        assert!(normalize_url("desk.example").is_err());
        assert!(normalize_url("https://desk.example/?x=1").is_err());
    }
}
