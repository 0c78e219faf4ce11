//! Laptops for the desk's tests: each a library of its own (its key in a sealed file: no
//! keychain needed) with a device enrolled at a real desk, and the requests they make.
#![allow(dead_code)]

use std::path::PathBuf;

use qalam_core::identity::SecretStore;
use qalam_core::library::{Library, Signer};
use qalam_core::workflow::Role;
use qalam_desk_api::PushRequest;
use qalam_sync::client::{DeskClient, Pushed};
use qalam_sync::send::wire_story;
use qalam_sync::SyncError;

use super::local_desk::LocalDesk;

pub fn start_desk() -> LocalDesk {
    LocalDesk::start(PathBuf::from(env!("CARGO_BIN_EXE_qalam-desk")))
}

/// A person with a library (key in a sealed file: no keychain needed here) and an enrolled device.
pub struct Person {
    pub lib: Library,
    pub signer: Signer,
    pub client: DeskClient,
    pub token: String,
    pub dir: tempfile::TempDir,
}

pub async fn person(desk: &LocalDesk, name: &str, role: Role) -> Person {
    person_in(desk, name, role, &[]).await
}

/// A person who reviews only `sections` (an editor's).
pub async fn person_in(desk: &LocalDesk, name: &str, role: Role, sections: &[&str]) -> Person {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib.sqlite3")).unwrap();
    let store = SecretStore::KeyFile { path: dir.path().join("key") };
    let profile = lib.init_profile(name, role, store, Some("pass")).unwrap();
    let signer = lib.signer(Some("pass")).unwrap();
    let code = desk.person(name, role.as_str(), sections);
    let enrolled = qalam_sync::join::enroll(&DeskClient::new(&desk.url, None, None).unwrap(), &signer, &code, "test")
        .await
        .unwrap();
    assert_eq!(enrolled.person.name, profile.person.name);
    let client = DeskClient::new(&desk.url, None, Some(enrolled.token.clone())).unwrap();
    Person { lib, signer, client, token: enrolled.token, dir }
}

pub const STORY: &str = "---\ntitle: خبر سري عن الميزانية\ncategory: اقتصاد\n---\n\nنص لا يراه إلا كاتبه والمحررون.\n";

pub fn new_story(p: &mut Person) -> String {
    let article = qalam_core::article::parse(STORY).unwrap();
    p.lib.import(&article).unwrap().0
}

pub fn request(p: &Person, id: &str, based_on: Option<String>) -> PushRequest {
    PushRequest { client_id: ulid(), based_on, story: wire_story(&p.lib.story(id).unwrap()) }
}

pub fn ulid() -> String {
    format!("t{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos())
}

pub async fn push(p: &Person, id: &str, based_on: Option<String>) -> Result<Pushed, SyncError> {
    p.client.push(&request(p, id, based_on)).await
}

pub fn refused_status(result: Result<Pushed, SyncError>) -> (u16, String) {
    match result {
        Err(SyncError::Desk { status, error }) => (status, serde_json::to_string(&error).unwrap()),
        Err(other) => panic!("not a refusal: {other:?}"),
        Ok(_) => panic!("the desk accepted it"),
    }
}
