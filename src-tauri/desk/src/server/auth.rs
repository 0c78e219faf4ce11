//! The caller of a request: the device whose token it carries, looked up on every request, so a
//! revoked device or a removed person is refused at once.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::AppState;
use crate::error::DeskError;
use crate::store::people::{caller, Caller};

impl FromRequestParts<AppState> for Caller {
    type Rejection = DeskError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
            .ok_or(DeskError::Unauthorized)?;
        let db = state.pool.get().await?;
        caller(&db, token).await?.ok_or(DeskError::Unauthorized)
    }
}
