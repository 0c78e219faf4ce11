//! Every answer the desk gives has one error shape (`ApiError`: a code and the reason in English
//! and in Arabic). The handlers' own refusals have it already; this gives it to what axum's
//! extractors and router answer by themselves — malformed JSON (400), a missing or wrong content
//! type (415), a body past its limit (413), a bad query or path (400), a body that does not match
//! the API's types (422), an unknown route (404), a wrong method (405) — keeping their status
//! and their words as the English message's detail. (What does not parse as HTTP at all is
//! hyper's to close, before any route or layer sees a request.)

use axum::body::to_bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use qalam_desk_api::ApiError;

/// The most of a plain refusal's own words kept as its detail.
const MAX_DETAIL_BYTES: usize = 4 * 1024;

pub async fn no_such_route() -> Response {
    refusal(StatusCode::NOT_FOUND, String::new())
}

pub async fn as_api_error(response: Response) -> Response {
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_error || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let detail = match to_bytes(body, MAX_DETAIL_BYTES).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_string(),
        Err(_) => String::new(),
    };
    let mut answer = refusal(status, detail);
    // Headers that still hold (Allow on a 405, Retry-After), not the old body's.
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().insert(name.clone(), value.clone());
        }
    }
    answer
}

fn refusal(status: StatusCode, detail: String) -> Response {
    let (code, en, ar) = match status {
        StatusCode::BAD_REQUEST => ("bad-request", "the request does not read", "الطلب لا يُقرأ"),
        StatusCode::NOT_FOUND => ("not-found", "there is no such route", "لا يوجد مسار بهذا الاسم"),
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method-not-allowed", "this route does not take this method", "هذا المسار لا يقبل هذه الطريقة")
        }
        StatusCode::PAYLOAD_TOO_LARGE => ("too-large", "the request's body is too large", "جسم الطلب أكبر من المسموح"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported-media-type",
            "the request's content type is not the one this route takes",
            "نوع محتوى الطلب غير الذي يقبله هذا المسار",
        ),
        StatusCode::UNPROCESSABLE_ENTITY => {
            ("bad-input", "the request does not match what the API takes", "الطلب لا يطابق ما تقبله الواجهة")
        }
        s if s.is_server_error() => ("server-error", "the desk failed to answer", "تعذّر على المكتب أن يجيب"),
        _ => ("refused", "the request was refused", "رُفض الطلب"),
    };
    // The detail is axum's or hyper's own English: it goes with the English words only.
    let message = if detail.is_empty() { en.to_string() } else { format!("{en}: {detail}") };
    let message_ar = ar.to_string();
    let mut response = (status, Json(ApiError { code: code.into(), message, message_ar, event: None })).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
