//! A roster: the people a library knows (name, role, public key), signed by whoever exported it.
//! Importing one is the user's decision to trust those keys. A roster signed by a chief the user
//! trusts vouches for the people in it, which is how a package's approver can be checked on a
//! machine that has only the chief's roster.

use serde::{Deserialize, Serialize};

use super::Role;
use crate::identity::{Fingerprint, KeyPair, PublicKey, Signed};

pub const ROSTER_FORMAT: &str = "qalam-roster";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Person {
    pub name: String,
    pub role: Role,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub public_key: PublicKey,
    pub fingerprint: Fingerprint,
}

impl Person {
    /// Whether the fingerprint is the key's (a roster entry could claim any).
    pub fn is_consistent(&self) -> bool {
        self.public_key.fingerprint().as_ref() == Some(&self.fingerprint)
    }
}

/// What a roster file says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterBody {
    pub format: String,
    pub version: u32,
    /// Who exported and signed it.
    pub signer: Person,
    /// When (milliseconds since the epoch).
    pub exported_at: i64,
    pub people: Vec<Person>,
}

/// A roster as it travels: the signed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster(pub Signed);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterProblem {
    NotARoster(String),
    BadSignature,
    /// An entry whose fingerprint is not its key's.
    Inconsistent {
        name: String,
    },
    /// A name with hidden characters (a bidirectional override, a zero-width space…), or empty.
    BadName {
        name: String,
    },
}

impl Roster {
    pub fn sign(signer: &Person, pair: &KeyPair, people: Vec<Person>, now: i64) -> Roster {
        let body =
            RosterBody { format: ROSTER_FORMAT.into(), version: 1, signer: signer.clone(), exported_at: now, people };
        Roster(Signed::sign(&body, pair))
    }

    /// The roster's contents, if its signature is its signer's and every entry is consistent.
    pub fn verified(&self) -> Result<RosterBody, RosterProblem> {
        let body: RosterBody = self.0.read().map_err(|e| RosterProblem::NotARoster(e.to_string()))?;
        if body.format != ROSTER_FORMAT {
            return Err(RosterProblem::NotARoster(format!("format {}", body.format)));
        }
        if !body.signer.is_consistent() || !self.0.verifies(&body.signer.public_key) {
            return Err(RosterProblem::BadSignature);
        }
        if let Some(bad) = body.people.iter().find(|p| !p.is_consistent()) {
            return Err(RosterProblem::Inconsistent { name: bad.name.clone() });
        }
        let everyone = std::iter::once(&body.signer).chain(body.people.iter());
        if let Some(bad) = everyone.clone().find(|p| !crate::identity::names::is_acceptable(&p.name)) {
            return Err(RosterProblem::BadName { name: bad.name.escape_debug().to_string() });
        }
        Ok(body)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.0).expect("a roster always serializes") + "\n"
    }

    pub fn from_json(text: &str) -> Result<Roster, RosterProblem> {
        serde_json::from_str(text).map(Roster).map_err(|e| RosterProblem::NotARoster(e.to_string()))
    }
}

/// The people one trusts, and whom they vouch for: the trusted people themselves, plus everyone
/// in a roster signed by a trusted chief.
pub fn trusted_with_vouching(trusted: &[Person], carried: &[Roster]) -> Vec<Person> {
    let mut people = trusted.to_vec();
    for roster in carried {
        let Ok(body) = roster.verified() else { continue };
        let vouched = trusted.iter().any(|t| t.fingerprint == body.signer.fingerprint && t.role == Role::Chief);
        if vouched {
            for person in body.people {
                if !people.iter().any(|p| p.fingerprint == person.fingerprint) {
                    people.push(person);
                }
            }
        }
    }
    people
}
