//! The shared desk's HTTP API, as types: what a laptop sends and what the desk answers. The desk
//! (`qalam-desk`) and the laptops' sync (`qalam-sync`) both use these, so the two cannot drift;
//! the OpenAPI description the desk serves is generated from them.
//!
//! Every path is under `/v1`. Every request but enrolment carries `Authorization: Bearer TOKEN`,
//! the device token enrolment returned.

use serde::{Deserialize, Serialize};

pub const API_PREFIX: &str = "/v1";

/// A laptop joining: the one-time code a desk chief gave its person, and the public key of the
/// library's profile, which signs everything that person does — with the proof that the laptop
/// holds its private key: its signature of a challenge the desk gave moments before
/// ([`enrollment_statement`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollRequest {
    pub code: String,
    /// Ed25519 public key, base64.
    pub public_key: String,
    pub fingerprint: String,
    /// What the person calls this machine ("laptop", a host name).
    pub device_name: String,
    /// The challenge `POST /v1/enroll/challenge` answered.
    pub challenge: String,
    /// Ed25519 signature (base64) of [`enrollment_statement`] by the key being enrolled.
    pub signature: String,
}

/// A challenge to sign when enrolling: random, single-use, valid for a few minutes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollChallenge {
    pub challenge: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// What a laptop signs to enrol: the challenge, bound to the key and the device's name.
pub fn enrollment_statement(challenge: &str, fingerprint: &str, device_name: &str) -> String {
    format!("qalam-enroll 1\n{challenge}\n{fingerprint}\n{device_name}\n")
}

/// A signing key the desk registered, as laptops trust it: whose it is, their role, and — if the
/// desk stopped counting it (its person removed, its device revoked) — since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskKeyInfo {
    pub fingerprint: String,
    /// Ed25519 public key, base64.
    pub public_key: String,
    pub person_id: i64,
    pub name: String,
    /// journalist, editor or chief.
    pub role: String,
    /// Milliseconds since the epoch; events the desk received from then on do not count.
    pub revoked_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollResponse {
    pub device_id: String,
    /// 256 random bits, hex. Shown once; the desk keeps only its hash.
    pub token: String,
    pub person: PersonInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonInfo {
    pub id: i64,
    pub name: String,
    /// journalist, editor or chief.
    pub role: String,
    /// The sections an editor reviews; none means every section.
    pub sections: Vec<String>,
}

/// A signed event exactly as it was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WireEvent {
    pub body: String,
    pub signature: String,
    /// In a pull: when the desk received it (ms since the epoch), the time its signer's trust was
    /// judged at. Not sent in a push.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<i64>,
}

/// An article as it travels: its text in Qalam's article format (pictures as
/// `assets/<sha256>.<ext>`), its record — whole in a pull, only the events the desk does not hold
/// yet in a push — and its revisions' hashes, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WireStory {
    pub id: String,
    pub markdown: String,
    pub events: Vec<WireEvent>,
    pub revision_hashes: Vec<String>,
    /// The `src` of each picture the text uses; each must be uploaded before the push.
    pub pictures: Vec<String>,
}

/// A laptop's copy of one article. `client_id` is chosen by the laptop, once per queued change:
/// a retry with the same id gets the first answer again and changes nothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub client_id: String,
    /// The desk's head (SHA-256 of its text) this copy was made from; none for a new article.
    pub based_on: Option<String>,
    pub story: WireStory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PushOutcome {
    /// The text is the desk's head now.
    Accepted,
    /// The desk already had this text (its events, if new, were added).
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub outcome: PushOutcome,
    /// The desk's head after the push.
    pub head: String,
    pub events_added: usize,
    /// The desk-wide sequence number of this change.
    pub seq: i64,
    /// When the desk took the push (ms since the epoch): the time its new events were received.
    #[serde(default)]
    pub received_at: i64,
    /// The hashes of the push's events the desk holds now (new or already there): a retry of the
    /// same client id gets the first push's list, so a laptop marks only what the desk has.
    #[serde(default)]
    pub held: Vec<String>,
}

/// HTTP 409: the desk's head is not the one the copy was based on. Nothing was applied; pull,
/// merge, push again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushConflict {
    /// Always "conflict".
    pub code: String,
    pub message: String,
    pub message_ar: String,
    pub head: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingRequest {
    pub hashes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingResponse {
    /// Those of the hashes the desk does not have yet.
    pub missing: Vec<String>,
}

/// One article the device may see, as the desk has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskStory {
    pub story: WireStory,
    pub head: String,
    pub status: String,
    pub author_name: Option<String>,
    pub section: Option<String>,
    /// When it last changed on the desk: the cursor after it.
    pub seq: i64,
}

/// A page of what changed after the cursor, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullPage {
    pub stories: Vec<DeskStory>,
    /// Pass it as `after` next time.
    pub cursor: i64,
    /// More changes wait beyond this page.
    pub more: bool,
}

/// Every refusal: a stable code, and the reason in English and in Arabic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub message_ar: String,
    /// For a push refused because of one event (`event-refused`): that event's hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// Taking a story's soft lock. Locks never stop anyone typing: they say who is editing, so
/// conflicts are rare; the compare-and-swap of pushes handles the rest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockRequest {
    /// Take the lock even though someone else holds it (recorded, with the note).
    #[serde(default)]
    pub take_over: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockInfo {
    pub article_id: String,
    pub person_id: i64,
    pub person_name: String,
    /// RFC 3339.
    pub since: String,
    pub expires_at: String,
}

/// HTTP 409 for a lock someone else holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockHeld {
    pub code: String,
    pub message: String,
    pub message_ar: String,
    pub lock: LockInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub status: String,
    pub section: Option<String>,
    pub author_name: Option<String>,
    pub rank: f32,
}

/// The publication's house style as a chief signed it: the signed text and its signature, exactly
/// as signed. Whoever carries it, it counts only if its signer is a chief of the desk now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WireStyleSheet {
    pub body: String,
    pub signature: String,
}

/// `GET /v1/style?after=T`: when the desk's sheet was issued, and the sheet itself only if it was
/// issued after T (a laptop that has it already gets a few bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskStyle {
    /// Milliseconds since the epoch; none until a chief's sheet reached the desk.
    pub issued_at: Option<i64>,
    pub sheet: Option<WireStyleSheet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StyleOutcome {
    /// The desk hands this sheet out from now on.
    Taken,
    /// The desk had this very sheet.
    Unchanged,
}

/// `PUT /v1/style`'s answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StyleAnswer {
    pub outcome: StyleOutcome,
    pub issued_at: i64,
}
