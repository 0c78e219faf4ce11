//! ed25519 key pairs. A person is known by their key's fingerprint: the first 16 bytes of the
//! SHA-256 of the public key, in hex (shown in groups of four so people can compare them aloud).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// A public key, as its 32 bytes in base64 (what events and rosters carry).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PublicKey(pub String);

/// A key's fingerprint: 32 lowercase hex digits.
// A newtype is its string in serde already; `transparent` would only make ts-rs warn.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, type = "string"))]
pub struct Fingerprint(pub String);

impl Fingerprint {
    /// `3f2a 9c01 …`: the fingerprint grouped for reading aloud.
    pub fn grouped(&self) -> String {
        self.0.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join(" ")
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl PublicKey {
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        let bytes = BASE64.decode(&self.0).ok().filter(|b| b.len() == 32)?;
        Some(fingerprint_of(&bytes))
    }

    /// The key, if it is one anybody could hold the private half of: a weak (small-order) point
    /// has no private key — any signature "made" with it verifies for any message — so it is
    /// not a key at all.
    fn verifying_key(&self) -> Option<VerifyingKey> {
        let bytes: [u8; 32] = BASE64.decode(&self.0).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok().filter(|key| !key.is_weak())
    }

    /// Whether `signature` (base64) is this key's signature of `message`, checked strictly (no
    /// weak key, no signature whose parts are not in their canonical form): a signature only its
    /// key's private half could have made.
    pub fn verifies(&self, message: &[u8], signature: &str) -> bool {
        let Some(key) = self.verifying_key() else { return false };
        let Some(signature) = BASE64.decode(signature).ok().and_then(|b| Signature::from_slice(&b).ok()) else {
            return false;
        };
        key.verify_strict(message, &signature).is_ok()
    }
}

fn fingerprint_of(public: &[u8]) -> Fingerprint {
    let digest = Sha256::digest(public);
    Fingerprint(digest[..16].iter().map(|b| format!("{b:02x}")).collect())
}

/// A key pair held in memory only while it signs. Its secret bytes are wiped when dropped.
pub struct KeyPair {
    signing: SigningKey,
}

impl KeyPair {
    pub fn generate() -> KeyPair {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut()).expect("the system's random source is available");
        KeyPair { signing: SigningKey::from_bytes(&seed) }
    }

    /// The pair from its 32-byte secret seed.
    pub fn from_seed(seed: &[u8]) -> Option<KeyPair> {
        let seed: [u8; 32] = seed.try_into().ok()?;
        Some(KeyPair { signing: SigningKey::from_bytes(&seed) })
    }

    /// The secret seed, for the secret store only.
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(BASE64.encode(self.signing.verifying_key().as_bytes()))
    }

    pub fn fingerprint(&self) -> Fingerprint {
        fingerprint_of(self.signing.verifying_key().as_bytes())
    }

    /// The signature of `message`, in base64.
    pub fn sign(&self, message: &[u8]) -> String {
        BASE64.encode(self.signing.sign(message).to_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::Verifier;

    #[test]
    fn a_signature_verifies_only_its_message_under_its_key() {
        let pair = KeyPair::generate();
        let other = KeyPair::generate();
        let signature = pair.sign(b"approve r7");
        assert!(pair.public().verifies(b"approve r7", &signature));
        assert!(!pair.public().verifies(b"approve r8", &signature));
        assert!(!other.public().verifies(b"approve r7", &signature));
        assert!(!pair.public().verifies(b"approve r7", "not base64!"));
    }

    #[test]
    fn a_weak_key_verifies_nothing_though_its_trivial_signature_would_pass_a_lax_check() {
        // The identity point, and a point of order 2: with s = 0 and R the identity or the point
        // itself, one of the two "signatures" passes a lax check for any message.
        let mut order_two = [0xffu8; 32];
        order_two[0] = 0xec;
        order_two[31] = 0x7f;
        let mut identity = [0u8; 32];
        identity[0] = 1;
        for point in [identity, order_two] {
            let key = PublicKey(BASE64.encode(point));
            let lax = VerifyingKey::from_bytes(&point).unwrap();
            let forgeries: Vec<String> =
                [identity, point].iter().map(|r| BASE64.encode([&r[..], &[0u8; 32][..]].concat())).collect();
            let passes_lax = |f: &String| {
                lax.verify(b"any message at all", &Signature::from_slice(&BASE64.decode(f).unwrap()).unwrap()).is_ok()
            };
            assert!(forgeries.iter().any(passes_lax), "the forgery a lax check takes");
            assert!(forgeries.iter().all(|f| !key.verifies(b"any message at all", f)));
        }
    }

    #[test]
    fn the_fingerprint_is_the_public_keys_and_survives_the_seed() {
        let pair = KeyPair::generate();
        let again = KeyPair::from_seed(pair.seed().as_ref()).unwrap();
        assert_eq!(pair.fingerprint(), again.fingerprint());
        assert_eq!(pair.public().fingerprint(), Some(pair.fingerprint()));
        assert_eq!(pair.fingerprint().0.len(), 32);
        assert_eq!(pair.fingerprint().grouped().split(' ').count(), 8);
        assert_eq!(PublicKey("AAAA".into()).fingerprint(), None);
    }
}
