//! Joining a desk: the library's profile key is registered with a one-time code, the device token
//! goes to the keychain, and every article with a record is queued to go.

use qalam_core::library::{DeskLink, Joined, Library, Signer};
use qalam_desk_api::{enrollment_statement, EnrollRequest, EnrollResponse};

use crate::client::DeskClient;
use crate::error::SyncError;
use crate::token;

pub struct JoinOutcome {
    pub link: DeskLink,
    pub queued: usize,
}

/// Joins the desk at `url` with a one-time `code`; `passphrase`: the profile's key file's, if it
/// has one (joining signs the desk's challenge with the profile's key, proving it holds it).
pub async fn join(
    library: &mut Library,
    url: &str,
    code: &str,
    ca_file: Option<&str>,
    device_name: &str,
    passphrase: Option<&str>,
) -> Result<JoinOutcome, SyncError> {
    let signer = library.signer(passphrase)?;
    let profile = &signer.profile;
    let client = DeskClient::new(url, ca_file, None)?;
    token::check_available()?;
    let enrolled = enroll(&client, &signer, code, device_name).await?;
    if enrolled.person.role != profile.person.role.as_str() {
        return Err(SyncError::RoleMismatch {
            desk: enrolled.person.role,
            profile: profile.person.role.as_str().into(),
        });
    }
    let base = client.base().to_string();
    token::save(&base, &enrolled.device_id, &enrolled.token)?;
    if let Some(old) = library.desk_link()? {
        let _ = token::forget(&old.url, &old.device_id);
    }
    let link = library.join_desk(&Joined {
        url: &base,
        device_id: &enrolled.device_id,
        person_name: &enrolled.person.name,
        role: &enrolled.person.role,
        ca_file,
    })?;
    let queued = library.queue_all_with_record()?;
    Ok(JoinOutcome { link, queued })
}

/// Spends `code` at the desk for the profile's key, proving the key is this laptop's: the desk's
/// challenge, signed with the profile's private key.
pub async fn enroll(
    client: &DeskClient,
    signer: &Signer,
    code: &str,
    device_name: &str,
) -> Result<EnrollResponse, SyncError> {
    let challenge = client.enroll_challenge().await?.challenge;
    let fingerprint = signer.profile.person.fingerprint.0.clone();
    let statement = enrollment_statement(&challenge, &fingerprint, device_name);
    let request = EnrollRequest {
        code: code.to_string(),
        public_key: signer.profile.person.public_key.0.clone(),
        fingerprint,
        device_name: device_name.to_string(),
        challenge,
        signature: signer.keys.sign(statement.as_bytes()),
    };
    client.enroll(&request).await
}

/// What the desk calls this machine unless the user says: its host name.
pub fn default_device_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(|| "Qalam".into())
}

/// Leaves the desk: forgets the link and the token. The outbox keeps what was not sent.
pub fn leave(library: &mut Library) -> Result<DeskLink, SyncError> {
    let link = library.leave_desk()?.ok_or(SyncError::NotJoined)?;
    token::forget(&link.url, &link.device_id)?;
    Ok(link)
}

/// A client for the joined desk, with its token from the keychain.
pub fn client_for(library: &Library) -> Result<(DeskLink, DeskClient), SyncError> {
    let link = library.desk_link()?.ok_or(SyncError::NotJoined)?;
    let token = token::load(&link.url, &link.device_id)?;
    let client = DeskClient::new(&link.url, link.ca_file.as_deref(), Some(token.to_string()))?;
    Ok((link, client))
}
