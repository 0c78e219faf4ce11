//! Enrolment: a laptop spends a one-time code to register its profile's public key and get a
//! device token — after proving it holds the matching private key, by signing a challenge the
//! desk gave it moments before (single use, five minutes). A key belongs to one person: a key
//! another person enrolled is refused. Failed attempts are counted per address; past
//! [`MAX_FAILURES`] in [`FAILURE_WINDOW`] the address is refused until the window passes.

use chrono::{DateTime, Duration, Utc};
use deadpool_postgres::{Client, GenericClient};
use qalam_core::identity::PublicKey;
use qalam_desk_api::{enrollment_statement, EnrollChallenge, EnrollRequest, EnrollResponse};

use super::people::person_info;
use crate::error::DeskError;
use crate::secrets;

/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);
/// The most challenges waiting to be answered at once, desk-wide: past it the oldest go (a laptop
/// answers its own within a moment, so a flood only shortens an attacker's).
const MAX_OPEN_CHALLENGES: i64 = 10_000;
/// The most challenges one address may hold at once.
pub const MAX_CHALLENGES_PER_ADDRESS: i64 = 20;
/// Failed enrolments one address may make within [`FAILURE_WINDOW`].
pub const MAX_FAILURES: i64 = 10;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// Refuses an address that failed too often lately.
async fn check_address(db: &impl GenericClient, address: &str, now: DateTime<Utc>) -> Result<(), DeskError> {
    let row = super::cached::query_one(
        db,
        "SELECT count(*), min(at) FROM enroll_failures WHERE address = $1 AND at > $2",
        &[&address, &(now - FAILURE_WINDOW)],
    )
    .await?;
    let (count, oldest): (i64, Option<DateTime<Utc>>) = (row.get(0), row.get(1));
    if count >= MAX_FAILURES {
        let until = oldest.unwrap_or(now) + FAILURE_WINDOW;
        let retry_after_secs = (until - now).num_seconds().max(1) as u64;
        return Err(DeskError::TooManyAttempts { retry_after_secs });
    }
    Ok(())
}

/// A new challenge for `address`.
pub async fn challenge(
    db: &impl GenericClient,
    address: &str,
    now: DateTime<Utc>,
) -> Result<EnrollChallenge, DeskError> {
    check_address(db, address, now).await?;
    super::cached::execute(db, "DELETE FROM enroll_challenges WHERE expires_at < $1", &[&now]).await?;
    let row = super::cached::query_one(
        db,
        "SELECT count(*), min(expires_at) FROM enroll_challenges WHERE address = $1 AND used_at IS NULL",
        &[&address],
    )
    .await?;
    let (held, oldest): (i64, Option<DateTime<Utc>>) = (row.get(0), row.get(1));
    if held >= MAX_CHALLENGES_PER_ADDRESS {
        let retry_after_secs = oldest.map_or(60, |t| (t - now).num_seconds().max(1) as u64);
        return Err(DeskError::TooManyRequests { retry_after_secs });
    }
    // Desk-wide, the oldest make room.
    super::cached::execute(
        db,
        "DELETE FROM enroll_challenges WHERE challenge IN
           (SELECT challenge FROM enroll_challenges ORDER BY expires_at
            LIMIT greatest((SELECT count(*) FROM enroll_challenges) - $1 + 1, 0))",
        &[&MAX_OPEN_CHALLENGES],
    )
    .await?;
    let challenge = secrets::new_token();
    let expires = now + CHALLENGE_LIFETIME;
    super::cached::execute(
        db,
        "INSERT INTO enroll_challenges (challenge, expires_at, address) VALUES ($1, $2, $3)",
        &[&challenge, &expires, &address],
    )
    .await?;
    Ok(EnrollChallenge { challenge, expires_at: expires.to_rfc3339() })
}

/// Spends an enrolment code: checks the proof of the key, registers the device, returns its token.
/// A failure counts against `address`.
pub async fn enroll(
    db: &mut Client,
    request: &EnrollRequest,
    address: &str,
    now: DateTime<Utc>,
) -> Result<EnrollResponse, DeskError> {
    check_address(&*db, address, now).await?;
    let result = try_enroll(db, request, now).await;
    if matches!(result, Err(DeskError::BadCode | DeskError::ExpiredCode | DeskError::BadProof | DeskError::KeyTaken)) {
        super::cached::execute(&*db, "INSERT INTO enroll_failures (address, at) VALUES ($1, $2)", &[&address, &now])
            .await?;
    }
    result
}

async fn try_enroll(db: &mut Client, request: &EnrollRequest, now: DateTime<Utc>) -> Result<EnrollResponse, DeskError> {
    let key = PublicKey(request.public_key.clone());
    if key.fingerprint().map(|f| f.0) != Some(request.fingerprint.clone()) {
        return Err(DeskError::BadInput {
            what: "public_key".into(),
            why: "not an Ed25519 key with that fingerprint".into(),
        });
    }
    let device_name = super::people::check_name(&request.device_name)?;
    let tx = db.transaction().await?;
    // The challenge: given by this desk, unexpired, answered once, signed by the key enrolled.
    let spent = super::cached::execute(
        &tx,
        "UPDATE enroll_challenges SET used_at = $2 WHERE challenge = $1 AND used_at IS NULL AND expires_at > $2",
        &[&request.challenge, &now],
    )
    .await?;
    let statement = enrollment_statement(&request.challenge, &request.fingerprint, &request.device_name);
    if spent != 1 || !key.verifies(statement.as_bytes(), &request.signature) {
        return Err(DeskError::BadProof);
    }
    let code_hash = secrets::hash(&secrets::normalize_code(&request.code));
    let row = super::cached::query_opt(
        &tx,
        "SELECT e.person_id, e.expires_at, e.used_at, p.removed_at IS NOT NULL
             FROM enrollments e JOIN people p ON p.id = e.person_id WHERE e.code_hash = $1 FOR UPDATE OF e",
        &[&code_hash],
    )
    .await?
    .ok_or(DeskError::BadCode)?;
    let (person_id, expires, used, removed): (i64, DateTime<Utc>, Option<DateTime<Utc>>, bool) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    if used.is_some() || removed {
        return Err(DeskError::BadCode);
    }
    if expires <= now {
        return Err(DeskError::ExpiredCode);
    }
    // One person per key: two enrolments of one key at once are ordered by this lock.
    super::cached::execute(&tx, "SELECT pg_advisory_xact_lock(hashtext($1))", &[&request.fingerprint]).await?;
    let owners: Vec<i64> = super::cached::query(
        &tx,
        "SELECT DISTINCT person_id FROM devices WHERE fingerprint = $1 OR public_key = $2",
        &[&request.fingerprint, &request.public_key],
    )
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    if owners.iter().any(|owner| *owner != person_id) {
        return Err(DeskError::KeyTaken);
    }
    super::cached::execute(&tx, "UPDATE enrollments SET used_at = $2 WHERE code_hash = $1", &[&code_hash, &now])
        .await?;
    let token = secrets::new_token();
    let device: i64 = super::cached::query_one(&tx,
            "INSERT INTO devices (person_id, name, public_key, fingerprint, token_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[&person_id, &device_name, &request.public_key, &request.fingerprint, &secrets::hash(&token)],
        )
        .await?
        .get(0);
    let person = person_info(&tx, person_id).await?;
    tx.commit().await?;
    Ok(EnrollResponse { device_id: device.to_string(), token, person })
}
