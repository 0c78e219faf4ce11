//! A signed document: the exact JSON text that was signed, and the signature over its bytes.
//! Keeping the text (not a re-serialisation) means any reader — another Qalam, the desk
//! server, a CMS plugin in another language — checks the same bytes the signer signed.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::keys::{KeyPair, PublicKey};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    /// The signed JSON document, as text.
    pub body: String,
    /// ed25519 over `body`'s UTF-8 bytes, base64.
    pub signature: String,
}

impl Signed {
    pub fn sign<T: Serialize>(value: &T, pair: &KeyPair) -> Signed {
        let body = serde_json::to_string(value).expect("signed documents always serialize");
        let signature = pair.sign(body.as_bytes());
        Signed { body, signature }
    }

    pub fn verifies(&self, key: &PublicKey) -> bool {
        key.verifies(self.body.as_bytes(), &self.signature)
    }

    /// The document, read from the signed text.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.body)
    }

    /// SHA-256 of the signed text: the document's identity.
    pub fn hash(&self) -> String {
        crate::hash::sha256_hex(self.body.as_bytes())
    }
}
