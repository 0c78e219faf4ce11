//! The library's profile — who works in it — and the people it trusts. The profile row holds the
//! public key and where the private key is kept, never the private key itself.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::review_error::ReviewError;
use super::Library;
use crate::identity::{Fingerprint, KeyPair, PublicKey, SecretStore};
use crate::workflow::Person;
use crate::workflow::Role;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub person: Person,
    pub store: SecretStore,
    pub created_at: i64,
}

/// The profile and its key pair, loaded to sign one or more steps.
pub struct Signer {
    pub profile: Profile,
    pub keys: KeyPair,
}

impl Library {
    pub fn profile(&self) -> Result<Option<Profile>, ReviewError> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, role, public_key, fingerprint, secret_store, created_at FROM profile WHERE only = 1",
                [],
                |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get(5)?)),
            )
            .optional()?
            .map(|(name, role, key, fingerprint, store, created_at)| Profile {
                person: Person {
                    name,
                    role: Role::parse(&role).unwrap_or(Role::Journalist),
                    public_key: PublicKey(key),
                    fingerprint: Fingerprint(fingerprint),
                },
                store: serde_json::from_str(&store).unwrap_or(SecretStore::Keychain),
                created_at,
            }))
    }

    /// Makes the library's profile with a new key pair, whose private key goes to `store`
    /// first: if the keychain or key file cannot take it, the library is not changed.
    pub fn init_profile(
        &mut self,
        name: &str,
        role: Role,
        store: SecretStore,
        passphrase: Option<&str>,
    ) -> Result<Profile, ReviewError> {
        let name = name.trim();
        if !crate::identity::names::is_acceptable(name) {
            return Err(ReviewError::BadName);
        }
        if let Some(existing) = self.profile()? {
            return Err(ReviewError::ProfileExists {
                name: existing.person.name,
                fingerprint: existing.person.fingerprint,
            });
        }
        let keys = KeyPair::generate();
        store.save(&keys, passphrase)?;
        let person =
            Person { name: name.to_string(), role, public_key: keys.public(), fingerprint: keys.fingerprint() };
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO profile (only, name, role, public_key, fingerprint, secret_store, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                person.name,
                role.as_str(),
                person.public_key.0,
                person.fingerprint.0,
                serde_json::to_string(&store).expect("a store always serializes"),
                now
            ],
        )?;
        super::people::trust_in(&tx, std::slice::from_ref(&person), now)?;
        tx.commit()?;
        Ok(Profile { person, store, created_at: now })
    }

    /// The profile with its private key, ready to sign.
    pub fn signer(&self, passphrase: Option<&str>) -> Result<Signer, ReviewError> {
        let profile = self.profile()?.ok_or(ReviewError::NoProfile)?;
        let keys = profile.store.load(&profile.person.fingerprint, passphrase)?;
        Ok(Signer { profile, keys })
    }
}
