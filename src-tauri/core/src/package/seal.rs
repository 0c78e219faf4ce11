//! A hand-off's seal: its sender's signature over the package's manifest. The manifest lists every
//! other file with its SHA-256 (the text, the pictures, the record), so a seal that checks means
//! the hand-off is byte for byte what its sender made, and says who that was. It lies beside the
//! manifest (`review/seal.json`), the one file the manifest does not list, since it signs it.
//!
//! A seal proves who sent the package, not that the sender may do anything: the events inside are
//! still judged one by one by the one rule, and a sender this library does not know is reported
//! like an unknown signer, for the user to trust or not after checking the fingerprint.

use serde::{Deserialize, Serialize};

use super::error::{Refusal, SealFault};
use crate::hash::sha256_hex;
use crate::identity::{names, Fingerprint, PublicKey, Signed};
use crate::library::Signer;

pub const SEAL_PATH: &str = "review/seal.json";
const SEAL_FORMAT: &str = "qalam-handoff-seal";
const SEAL_VERSION: u32 = 1;
/// A seal is a few hundred bytes; anything much larger is not one.
const MAX_SEAL_BYTES: usize = 8 * 1024;

/// What the sender signs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SealBody {
    format: String,
    version: u32,
    /// The article handed over (a seal is not moved to another article's package).
    article: String,
    /// SHA-256 of `manifest.json` exactly as it is in the package.
    manifest_sha256: String,
    /// The sender's name as their profile says it (not known to be theirs until the key is).
    name: String,
    public_key: PublicKey,
}

/// Who sealed a hand-off: their key checked, their name only claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sealer {
    pub fingerprint: Fingerprint,
    pub public_key: PublicKey,
    pub claimed_name: String,
}

/// `review/seal.json` for a package whose manifest is `manifest`, signed by `signer`.
pub fn seal(manifest: &[u8], article: &str, signer: &Signer) -> Vec<u8> {
    let body = SealBody {
        format: SEAL_FORMAT.into(),
        version: SEAL_VERSION,
        article: article.into(),
        manifest_sha256: sha256_hex(manifest),
        name: signer.profile.person.name.clone(),
        public_key: signer.keys.public(),
    };
    let mut bytes = serde_json::to_vec_pretty(&Signed::sign(&body, &signer.keys)).expect("a seal always serializes");
    bytes.push(b'\n');
    bytes
}

/// Checks a hand-off's seal against its manifest and article; who sealed it, if it holds.
pub fn check_seal(seal: &[u8], manifest: &[u8], article: &str) -> Result<Sealer, Refusal> {
    let broken = |fault| Refusal::SealBroken(fault);
    if seal.len() > MAX_SEAL_BYTES {
        return Err(broken(SealFault::Unreadable));
    }
    let signed: Signed = serde_json::from_slice(seal).map_err(|_| broken(SealFault::Unreadable))?;
    let body: SealBody = signed.read().map_err(|_| broken(SealFault::Unreadable))?;
    if body.format != SEAL_FORMAT || body.version != SEAL_VERSION || !names::is_acceptable(&body.name) {
        return Err(broken(SealFault::Unreadable));
    }
    let fingerprint = body.public_key.fingerprint().ok_or(broken(SealFault::BadSignature))?;
    if !signed.verifies(&body.public_key) {
        return Err(broken(SealFault::BadSignature));
    }
    if body.article != article {
        return Err(broken(SealFault::OtherArticle));
    }
    if body.manifest_sha256 != sha256_hex(manifest) {
        return Err(broken(SealFault::Altered));
    }
    Ok(Sealer { fingerprint, public_key: body.public_key, claimed_name: body.name })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{KeyPair, SecretStore};
    use crate::library::Profile;
    use crate::workflow::{Person, Role};

    fn signer(name: &str) -> Signer {
        let keys = KeyPair::generate();
        let person = Person {
            name: name.into(),
            role: Role::Journalist,
            public_key: keys.public(),
            fingerprint: keys.fingerprint(),
        };
        Signer { profile: Profile { person, store: SecretStore::Keychain, created_at: 0 }, keys }
    }

    #[test]
    fn a_seal_names_its_sender_and_holds_only_for_its_manifest_and_article() {
        let sender = signer("ليلى حداد");
        let sealed = seal(b"{\"files\":[]}", "A1", &sender);
        let sealer = check_seal(&sealed, b"{\"files\":[]}", "A1").unwrap();
        assert_eq!(sealer.fingerprint, sender.keys.fingerprint());
        assert_eq!(sealer.claimed_name, "ليلى حداد");
        assert_eq!(check_seal(&sealed, b"{\"files\":[1]}", "A1"), Err(Refusal::SealBroken(SealFault::Altered)));
        assert_eq!(check_seal(&sealed, b"{\"files\":[]}", "A2"), Err(Refusal::SealBroken(SealFault::OtherArticle)));
    }

    #[test]
    fn a_seal_resigned_under_a_claimed_key_or_edited_does_not_hold() {
        let sender = signer("ليلى حداد");
        let mallory = signer("ليلى حداد");
        let sealed = seal(b"m", "A1", &sender);
        let mut signed: Signed = serde_json::from_slice(&sealed).unwrap();
        // Mallory's signature on a body that claims Layla's key.
        signed.signature = mallory.keys.sign(signed.body.as_bytes());
        let forged = serde_json::to_vec(&signed).unwrap();
        assert_eq!(check_seal(&forged, b"m", "A1"), Err(Refusal::SealBroken(SealFault::BadSignature)));
        // Layla's signature kept, the manifest hash in the body changed.
        let mut edited: Signed = serde_json::from_slice(&sealed).unwrap();
        edited.body = edited.body.replace(&sha256_hex(b"m"), &sha256_hex(b"n"));
        let edited = serde_json::to_vec(&edited).unwrap();
        assert_eq!(check_seal(&edited, b"n", "A1"), Err(Refusal::SealBroken(SealFault::BadSignature)));
        assert_eq!(check_seal(b"not json", b"m", "A1"), Err(Refusal::SealBroken(SealFault::Unreadable)));
        // A weak key, which any signature "verifies" under a lax check: no private key made it.
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let body = SealBody {
            format: SEAL_FORMAT.into(),
            version: SEAL_VERSION,
            article: "A1".into(),
            manifest_sha256: sha256_hex(b"m"),
            name: "ليلى حداد".into(),
            public_key: PublicKey(b64.encode(identity)),
        };
        let weak =
            Signed { body: serde_json::to_string(&body).unwrap(), signature: b64.encode([identity, [0; 32]].concat()) };
        let weak = serde_json::to_vec(&weak).unwrap();
        assert_eq!(check_seal(&weak, b"m", "A1"), Err(Refusal::SealBroken(SealFault::BadSignature)));
        assert_eq!(
            check_seal(&vec![b' '; MAX_SEAL_BYTES + 1], b"m", "A1"),
            Err(Refusal::SealBroken(SealFault::Unreadable))
        );
    }
}
