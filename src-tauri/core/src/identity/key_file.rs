//! A private key kept in a file, for machines without a keychain (a bare server): the 32-byte
//! seed sealed with ChaCha20-Poly1305 under a key derived from the passphrase by Argon2id. The
//! file is JSON so that a person can see what it is; without the passphrase it reveals nothing
//! but the fingerprint.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::keys::{Fingerprint, KeyPair};

pub const KEY_FILE_FORMAT: &str = "qalam-key";

#[derive(Debug, Serialize, Deserialize)]
struct SealedKey {
    format: String,
    version: u32,
    fingerprint: Fingerprint,
    kdf: String,
    /// Argon2id memory in KiB, passes and lanes.
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Not a key file Qalam can read (the reason in English, for the cause).
    NotAKeyFile(String),
    /// The passphrase does not open it (or the file was altered).
    WrongPassphrase,
}

/// OWASP's minimum for Argon2id: 19 MiB, two passes, one lane.
const M_COST: u32 = 19 * 1024;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

fn derive(passphrase: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<Zeroizing<[u8; 32]>, OpenError> {
    let params = Params::new(m, t, p, Some(32)).map_err(|e| OpenError::NotAKeyFile(e.to_string()))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| OpenError::NotAKeyFile(e.to_string()))?;
    Ok(key)
}

/// The key file's text for `pair` under `passphrase`.
pub fn seal(pair: &KeyPair, passphrase: &str) -> String {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut salt).expect("the system's random source is available");
    getrandom::fill(&mut nonce).expect("the system's random source is available");
    let key = derive(passphrase, &salt, M_COST, T_COST, P_COST).expect("the fixed parameters are valid");
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()));
    let ciphertext =
        cipher.encrypt(Nonce::from_slice(&nonce), pair.seed().as_ref()).expect("encrypting 32 bytes cannot fail");
    let sealed = SealedKey {
        format: KEY_FILE_FORMAT.into(),
        version: 1,
        fingerprint: pair.fingerprint(),
        kdf: "argon2id".into(),
        m_cost: M_COST,
        t_cost: T_COST,
        p_cost: P_COST,
        salt: BASE64.encode(salt),
        nonce: BASE64.encode(nonce),
        ciphertext: BASE64.encode(ciphertext),
    };
    serde_json::to_string_pretty(&sealed).expect("the key file always serializes") + "\n"
}

/// The key pair in a key file's text.
pub fn open(text: &str, passphrase: &str) -> Result<KeyPair, OpenError> {
    let sealed: SealedKey = serde_json::from_str(text).map_err(|e| OpenError::NotAKeyFile(e.to_string()))?;
    if sealed.format != KEY_FILE_FORMAT || sealed.version != 1 || sealed.kdf != "argon2id" {
        return Err(OpenError::NotAKeyFile(format!("format {} version {}", sealed.format, sealed.version)));
    }
    // Bounded, so a crafted file cannot make Qalam allocate gigabytes.
    if sealed.m_cost > 1024 * 1024 || sealed.t_cost > 16 || sealed.p_cost > 8 {
        return Err(OpenError::NotAKeyFile("key derivation parameters out of range".into()));
    }
    let bytes = |field: &str| BASE64.decode(field).map_err(|e| OpenError::NotAKeyFile(e.to_string()));
    let (salt, nonce, ciphertext) = (bytes(&sealed.salt)?, bytes(&sealed.nonce)?, bytes(&sealed.ciphertext)?);
    if nonce.len() != 12 {
        return Err(OpenError::NotAKeyFile("nonce is not 12 bytes".into()));
    }
    let key = derive(passphrase, &salt, sealed.m_cost, sealed.t_cost, sealed.p_cost)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()));
    let seed = Zeroizing::new(
        cipher.decrypt(Nonce::from_slice(&nonce), ciphertext.as_slice()).map_err(|_| OpenError::WrongPassphrase)?,
    );
    let pair = KeyPair::from_seed(&seed).ok_or_else(|| OpenError::NotAKeyFile("the key is not 32 bytes".into()))?;
    if pair.fingerprint() != sealed.fingerprint {
        return Err(OpenError::NotAKeyFile("the key does not match the fingerprint the file names".into()));
    }
    Ok(pair)
}

/// The fingerprint a key file names (readable without the passphrase).
pub fn fingerprint_in(text: &str) -> Option<Fingerprint> {
    serde_json::from_str::<SealedKey>(text).ok().map(|s| s.fingerprint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_with_its_passphrase_only() {
        let pair = KeyPair::generate();
        let text = seal(&pair, "كلمة سر طويلة");
        assert_eq!(open(&text, "كلمة سر طويلة").unwrap().fingerprint(), pair.fingerprint());
        assert_eq!(open(&text, "wrong").err(), Some(OpenError::WrongPassphrase));
        assert_eq!(fingerprint_in(&text), Some(pair.fingerprint()));
        let seed_b64 = BASE64.encode(pair.seed().as_ref());
        assert!(!text.contains(&seed_b64), "the seed is not in the file in the clear");
    }

    #[test]
    fn an_altered_key_file_is_refused() {
        let pair = KeyPair::generate();
        let text = seal(&pair, "pw");
        let mut sealed: serde_json::Value = serde_json::from_str(&text).unwrap();
        sealed["fingerprint"] = serde_json::json!(KeyPair::generate().fingerprint());
        assert!(matches!(open(&sealed.to_string(), "pw"), Err(OpenError::NotAKeyFile(_))));
        assert!(matches!(open("{}", "pw"), Err(OpenError::NotAKeyFile(_))));
        sealed = serde_json::from_str(&text).unwrap();
        sealed["m_cost"] = serde_json::json!(u32::MAX);
        assert!(matches!(open(&sealed.to_string(), "pw"), Err(OpenError::NotAKeyFile(_))));
    }
}
