//! The HTTP service: a router over a connection pool and nothing else, so several instances may
//! serve one database. HTTPS with rustls from a certificate and key file; plain HTTP is refused
//! unless the address is loopback.

mod auth;
pub mod changes;
pub mod edge;
pub mod handlers;
mod json_errors;
pub mod openapi;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post};
use axum::Router;
use deadpool_postgres::Pool;

use crate::store::blobs::MAX_BLOB_BYTES;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// Change numbers as PostgreSQL notifies them (see [`changes`]).
    pub changes: tokio::sync::broadcast::Sender<i64>,
}

impl AppState {
    /// The state over `pool`, listening for changes on a connection of its own.
    pub fn new(pool: Pool, config: tokio_postgres::Config) -> AppState {
        let (changes, _) = tokio::sync::broadcast::channel(256);
        tokio::spawn(changes::listen(config, changes.clone()));
        AppState { pool, changes }
    }
}

/// The largest push body: a long article and its record.
const MAX_PUSH_BYTES: usize = 16 * 1024 * 1024;
/// The largest house-style sheet: its rules file at most, signed and escaped as JSON.
const MAX_STYLE_BYTES: usize = 4 * qalam_core::style::MAX_FILE_BYTES;
/// Pushes (and picture uploads) one instance reads at once: a body is held in memory while it
/// arrives, so this times the limit bounds what unfinished bodies can hold; the others wait.
const MAX_BODIES_AT_ONCE: usize = 8;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(handlers::health))
        .route(
            "/openapi.json",
            get(|| async { ([(axum::http::header::CONTENT_TYPE, "application/json")], openapi::json()) }),
        )
        .route("/v1/enroll/challenge", post(handlers::enroll_challenge))
        .route("/v1/enroll", post(handlers::enroll))
        .route("/v1/people", get(handlers::people_keys))
        .route("/v1/me", get(handlers::me))
        .route(
            "/v1/push",
            post(
                handlers::push
                    .layer(DefaultBodyLimit::max(MAX_PUSH_BYTES))
                    .layer(tower::limit::GlobalConcurrencyLimitLayer::new(MAX_BODIES_AT_ONCE)),
            ),
        )
        .route("/v1/pull", get(handlers::pull))
        .route("/v1/changes", get(changes::changes))
        .route("/v1/locks", get(handlers::list_locks))
        .route("/v1/locks/{id}", post(handlers::take_lock).delete(handlers::release_lock))
        .route("/v1/search", get(handlers::search))
        .route(
            "/v1/style",
            get(handlers::get_style).put(handlers::put_style.layer(DefaultBodyLimit::max(MAX_STYLE_BYTES))),
        )
        .route("/v1/blobs/missing", post(handlers::missing))
        .route(
            "/v1/blobs/{hash}",
            get(handlers::get_blob).put(
                handlers::put_blob
                    .layer(DefaultBodyLimit::max(MAX_BLOB_BYTES))
                    .layer(tower::limit::GlobalConcurrencyLimitLayer::new(MAX_BODIES_AT_ONCE)),
            ),
        )
        .fallback(json_errors::no_such_route)
        .with_state(state)
        // axum's own refusals (bad JSON, a wrong content type, a body too large, a bad query)
        // answer in the API's one error shape, like every other refusal.
        .layer(axum::middleware::map_response(json_errors::as_api_error))
}

pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("plain HTTP is only for loopback addresses: give --tls-cert and --tls-key to listen on {0}")]
    PlainOffLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {error}")]
    Bind { addr: SocketAddr, error: std::io::Error },
    #[error("the TLS certificate or key: {0}")]
    Tls(std::io::Error),
}

/// Serves until `shutdown` resolves; `on_listening` is told the address actually bound (port 0
/// picks a free one). Every connection is held to `limits` ([`edge`]).
pub async fn serve(
    state: AppState,
    addr: SocketAddr,
    tls: Option<Tls>,
    limits: edge::Limits,
    on_listening: impl FnOnce(SocketAddr, bool),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let app = router(state);
    let listener = std::net::TcpListener::bind(addr).map_err(|error| ServeError::Bind { addr, error })?;
    listener.set_nonblocking(true).map_err(|error| ServeError::Bind { addr, error })?;
    let bound = listener.local_addr().map_err(|error| ServeError::Bind { addr, error })?;
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(std::time::Duration::from_secs(5)));
    });
    match tls {
        Some(tls) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key)
                .await
                .map_err(ServeError::Tls)?;
            // HTTP/1.1 only (see `header_deadline`): TLS offers no other protocol.
            let mut inner = (*config.get_inner()).clone();
            inner.alpn_protocols = vec![b"http/1.1".to_vec()];
            config.reload_from_config(std::sync::Arc::new(inner));
            on_listening(bound, true);
            let mut server = axum_server::from_tcp_rustls(listener, config)
                .map(|tls| edge::EdgeAcceptor::new(tls.handshake_timeout(limits.header), limits));
            header_deadline(server.http_builder(), limits);
            server
                .handle(handle)
                .serve(app.into_make_service_with_connect_info::<SocketAddr>())
                .await
                .map_err(|error| ServeError::Bind { addr, error })
        }
        None => {
            if !addr.ip().is_loopback() {
                return Err(ServeError::PlainOffLoopback(addr));
            }
            on_listening(bound, false);
            let mut server = axum_server::from_tcp(listener).map(|plain| edge::EdgeAcceptor::new(plain, limits));
            header_deadline(server.http_builder(), limits);
            server
                .handle(handle)
                .serve(app.into_make_service_with_connect_info::<SocketAddr>())
                .await
                .map_err(|error| ServeError::Bind { addr, error })
        }
    }
}

/// hyper's own deadline for a request's headers (it needs a timer to keep one).
fn header_deadline(
    builder: &mut hyper_util::server::conn::auto::Builder<hyper_util::rt::TokioExecutor>,
    limits: edge::Limits,
) {
    builder.http1().timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(limits.header);
}
