//! The OpenAPI description, generated from the handlers and the API's types (served at
//! `/openapi.json`, so fuzzers and client generators read what the code really accepts).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::handlers;

#[derive(OpenApi)]
#[openapi(
    info(title = "Qalam desk", description = "One newsroom's shared desk: stories, their records and pictures."),
    paths(handlers::enroll_challenge, handlers::enroll, handlers::people_keys, handlers::me, handlers::push, handlers::pull, handlers::missing, handlers::put_blob,
        handlers::get_blob, handlers::health, super::changes::changes, handlers::take_lock, handlers::release_lock,
        handlers::list_locks, handlers::search, handlers::get_style, handlers::put_style),
    modifiers(&DeviceToken)
)]
pub struct ApiDoc;

struct DeviceToken;

impl Modify for DeviceToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn json() -> String {
    ApiDoc::openapi().to_pretty_json().expect("the description serializes")
}
