//! The API's handlers: each reads its input, asks the store, and answers JSON (or a picture's
//! bytes). The rules live in the store, not here.

use axum::body::Bytes;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use qalam_desk_api::{
    ApiError, DeskKeyInfo, EnrollChallenge, EnrollRequest, EnrollResponse, LockHeld, LockInfo, LockRequest,
    MissingRequest, MissingResponse, PersonInfo, PullPage, PushConflict, PushRequest, PushResponse, SearchHit,
};
use qalam_desk_api::{DeskStyle, StyleAnswer, WireStyleSheet};
use serde::Deserialize;
use utoipa::IntoParams;

use super::AppState;
use crate::error::DeskError;
use crate::store::locks::Taken;
use crate::store::people::Caller;
use crate::store::{blobs, enrolment, house_style, locks, people, search as desk_search, stories};

#[utoipa::path(post, path = "/v1/enroll/challenge",
    responses((status = 200, body = EnrollChallenge), (status = 429, body = ApiError)))]
pub async fn enroll_challenge(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Result<Json<EnrollChallenge>, DeskError> {
    let db = state.pool.get().await?;
    Ok(Json(enrolment::challenge(&db, &peer.ip().to_string(), chrono::Utc::now()).await?))
}

#[utoipa::path(post, path = "/v1/enroll", request_body = EnrollRequest,
    responses((status = 200, body = EnrollResponse), (status = 401, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = ApiError), (status = 429, body = ApiError)))]
pub async fn enroll(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<EnrollRequest>,
) -> Result<Json<EnrollResponse>, DeskError> {
    let mut db = state.pool.get().await?;
    Ok(Json(enrolment::enroll(&mut db, &request, &peer.ip().to_string(), chrono::Utc::now()).await?))
}

#[utoipa::path(get, path = "/v1/people", security(("device" = [])),
    responses((status = 200, body = Vec<DeskKeyInfo>), (status = 401, body = ApiError)))]
pub async fn people_keys(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<DeskKeyInfo>>, DeskError> {
    let db = state.pool.get().await?;
    Ok(Json(people::keys(&db, &caller).await?))
}

#[utoipa::path(get, path = "/v1/me", security(("device" = [])),
    responses((status = 200, body = PersonInfo), (status = 401, body = ApiError)))]
pub async fn me(caller: Caller) -> Json<PersonInfo> {
    Json(caller.person)
}

#[utoipa::path(post, path = "/v1/push", request_body = PushRequest, security(("device" = [])),
    responses((status = 200, body = PushResponse), (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 409, body = PushConflict), (status = 422, body = ApiError)))]
pub async fn push(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<PushRequest>,
) -> Result<Json<PushResponse>, DeskError> {
    let mut db = state.pool.get().await?;
    Ok(Json(stories::push(&mut db, &caller, &request, chrono::Utc::now()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StyleQuery {
    /// When the laptop's sheet was issued (ms since the epoch); 0 if it has none.
    #[serde(default)]
    pub after: i64,
}

#[utoipa::path(get, path = "/v1/style", params(StyleQuery), security(("device" = [])),
    responses((status = 200, body = DeskStyle), (status = 401, body = ApiError)))]
pub async fn get_style(
    State(state): State<AppState>,
    _caller: Caller,
    Query(query): Query<StyleQuery>,
) -> Result<Json<DeskStyle>, DeskError> {
    let db = state.pool.get().await?;
    Ok(Json(house_style::newest(&db, query.after).await?))
}

#[utoipa::path(put, path = "/v1/style", request_body = WireStyleSheet, security(("device" = [])),
    responses((status = 200, body = StyleAnswer), (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_style(
    State(state): State<AppState>,
    _caller: Caller,
    Json(sheet): Json<WireStyleSheet>,
) -> Result<Json<StyleAnswer>, DeskError> {
    let mut db = state.pool.get().await?;
    Ok(Json(house_style::offer(&mut db, &sheet, chrono::Utc::now()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// The cursor of the last page read; 0 for everything.
    #[serde(default)]
    pub after: i64,
    /// At most this many stories (1 to 200).
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/v1/pull", params(PullQuery), security(("device" = [])),
    responses((status = 200, body = PullPage), (status = 401, body = ApiError)))]
pub async fn pull(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PullQuery>,
) -> Result<Json<PullPage>, DeskError> {
    let db = state.pool.get().await?;
    Ok(Json(stories::pull(&db, &caller, query.after.max(0), query.limit.unwrap_or(100)).await?))
}

#[utoipa::path(post, path = "/v1/blobs/missing", request_body = MissingRequest, security(("device" = [])),
    responses((status = 200, body = MissingResponse), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn missing(
    State(state): State<AppState>,
    caller: Caller,
    Json(request): Json<MissingRequest>,
) -> Result<Json<MissingResponse>, DeskError> {
    for hash in &request.hashes {
        check_hash(hash)?;
    }
    let db = state.pool.get().await?;
    Ok(Json(MissingResponse { missing: blobs::missing(&db, &caller, &request.hashes).await? }))
}

#[utoipa::path(put, path = "/v1/blobs/{hash}", params(("hash" = String, Path, description = "SHA-256 of the bytes, hex")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"), security(("device" = [])),
    responses((status = 204), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn put_blob(
    State(state): State<AppState>,
    caller: Caller,
    Path(hash): Path<String>,
    bytes: Bytes,
) -> Result<StatusCode, DeskError> {
    check_hash(&hash)?;
    let db = state.pool.get().await?;
    blobs::put(&db, &caller, &hash, &bytes).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/blobs/{hash}", params(("hash" = String, Path, description = "SHA-256 of the bytes, hex")),
    security(("device" = [])),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_blob(
    State(state): State<AppState>,
    caller: Caller,
    Path(hash): Path<String>,
) -> Result<impl IntoResponse, DeskError> {
    check_hash(&hash)?;
    let db = state.pool.get().await?;
    let bytes = blobs::get(&db, &caller, &hash).await?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes))
}

#[utoipa::path(post, path = "/v1/locks/{id}", params(("id" = String, Path, description = "the story's id")),
    request_body = LockRequest, security(("device" = [])),
    responses((status = 200, body = LockInfo), (status = 401, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = LockHeld), (status = 422, body = ApiError)))]
pub async fn take_lock(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Json(request): Json<LockRequest>,
) -> Result<axum::response::Response, DeskError> {
    check_id(&id)?;
    let mut db = state.pool.get().await?;
    Ok(match locks::take(&mut db, &caller, &id, &request, chrono::Utc::now()).await? {
        Taken::Held(lock) => Json(lock).into_response(),
        Taken::ByOther(lock) => {
            let held = LockHeld {
                code: "locked".into(),
                message: format!("{} is editing this story", lock.person_name),
                message_ar: format!("{} يحرّر هذه القصة الآن", lock.person_name),
                lock,
            };
            (StatusCode::CONFLICT, Json(held)).into_response()
        }
    })
}

#[utoipa::path(delete, path = "/v1/locks/{id}", params(("id" = String, Path, description = "the story's id")),
    security(("device" = [])), responses((status = 204), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn release_lock(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, DeskError> {
    check_id(&id)?;
    let mut db = state.pool.get().await?;
    locks::release(&mut db, &caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/locks", security(("device" = [])),
    responses((status = 200, body = Vec<LockInfo>), (status = 401, body = ApiError)))]
pub async fn list_locks(State(state): State<AppState>, caller: Caller) -> Result<Json<Vec<LockInfo>>, DeskError> {
    let db = state.pool.get().await?;
    Ok(Json(locks::list(&db, &caller, chrono::Utc::now()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (Arabic-aware: hamza, taa marbuta, harakat and common affixes do not matter).
    pub q: String,
    /// At most this many hits (1 to 100).
    pub limit: Option<i64>,
}

#[utoipa::path(get, path = "/v1/search", params(SearchQuery), security(("device" = [])),
    responses((status = 200, body = Vec<SearchHit>), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Vec<SearchHit>>, DeskError> {
    let db = state.pool.get().await?;
    Ok(Json(desk_search::search(&db, &caller, &query.q, query.limit.unwrap_or(20)).await?))
}

fn check_id(id: &str) -> Result<(), DeskError> {
    if !qalam_core::article::model::is_valid_id(id) {
        return Err(DeskError::BadInput { what: "id".into(), why: "not an article id".into() });
    }
    Ok(())
}

#[utoipa::path(get, path = "/health", responses((status = 200, description = "the service and its database answer")))]
pub async fn health(State(state): State<AppState>) -> Result<&'static str, DeskError> {
    let db = state.pool.get().await?;
    db.query_one("SELECT 1", &[]).await?;
    Ok("ok\n")
}

fn check_hash(hash: &str) -> Result<(), DeskError> {
    if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(DeskError::BadInput { what: "hash".into(), why: "not a SHA-256 in hex".into() });
    }
    Ok(())
}
