//! The people a library trusts: itself, everyone in the rosters its user imported, and — once it
//! joined a desk — the desk's people, with the time the desk removed each (their key counts for
//! nothing that reaches the library after it).

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::review_error::{ReviewError, RosterChange};
use super::{standing, Library};
use crate::identity::names::{is_acceptable, name_key};
use crate::identity::{Fingerprint, PublicKey, Signed};
use crate::workflow::Role;
use crate::workflow::{Person, Roster};

/// Trusts `people` (a person already known keeps their key; name and role are updated).
pub(super) fn trust_in(conn: &Connection, people: &[Person], now: i64) -> Result<usize, rusqlite::Error> {
    let mut added = 0;
    for p in people {
        added += conn.execute(
            "INSERT INTO people (fingerprint, name, role, public_key, trusted_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, role = excluded.role",
            params![p.fingerprint.0, p.name, p.role.as_str(), p.public_key.0, now],
        )?;
    }
    Ok(added)
}

/// A key the desk has registered: its person, and when the desk stopped counting it (the person
/// removed, or this device revoked), in the desk's time (ms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskKey {
    pub fingerprint: Fingerprint,
    pub public_key: PublicKey,
    pub person_id: i64,
    pub name: String,
    pub role: Role,
    pub revoked_at: Option<i64>,
}

/// The one of `people` whose name reads like `name` (in other case, spacing, tatweel or harakat):
/// names that read alike are one name, so a look-alike cannot pass for a trusted person.
pub(crate) fn named_alike<'p>(people: &'p [Person], name: &str) -> Option<&'p Person> {
    let key = name_key(name);
    people.iter().find(|p| name_key(&p.name) == key)
}

/// Whether a key counts in this library now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum KeyStanding {
    Trusted,
    /// The desk removed the person or revoked the device: their key no longer counts.
    Removed,
    /// Not known here.
    Unknown,
}

/// What the people table holds for a key: name, role, public key, person, revoked since.
type KeyRow = (String, String, String, Option<String>, Option<i64>);

fn rank(role: Role) -> u8 {
    match role {
        Role::Journalist => 0,
        Role::Editor => 1,
        Role::Chief => 2,
    }
}

impl Library {
    /// Everyone this library trusts now (a person the desk removed is not).
    pub fn people(&self) -> Result<Vec<Person>, ReviewError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, role, public_key, fingerprint FROM people WHERE revoked_at IS NULL ORDER BY name, fingerprint",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Person {
                name: r.get(0)?,
                role: Role::parse(&r.get::<_, String>(1)?).unwrap_or(Role::Journalist),
                public_key: PublicKey(r.get(2)?),
                fingerprint: Fingerprint(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How this library stands to a key, and the name it knows its holder by (none when unknown).
    pub fn key_standing(&self, fingerprint: &Fingerprint) -> Result<(KeyStanding, Option<String>), ReviewError> {
        let row: Option<(String, Option<i64>)> = self
            .conn
            .query_row("SELECT name, revoked_at FROM people WHERE fingerprint = ?1", [&fingerprint.0], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(match row {
            None => (KeyStanding::Unknown, None),
            Some((name, Some(_))) => (KeyStanding::Removed, Some(name)),
            Some((name, None)) => (KeyStanding::Trusted, Some(name)),
        })
    }

    /// A roster of everyone this library trusts, signed by its profile.
    pub fn export_roster(&self, passphrase: Option<&str>) -> Result<Roster, ReviewError> {
        let signer = self.signer(passphrase)?;
        Ok(Roster::sign(&signer.profile.person, &signer.keys, self.people()?, self.now()))
    }

    /// What importing `roster` would change about people already trusted: a trusted name given
    /// another key, a trusted key given a higher role.
    pub fn roster_changes(&self, roster: &Roster) -> Result<Vec<RosterChange>, ReviewError> {
        let body = roster.verified().map_err(ReviewError::Roster)?;
        let trusted = self.people()?;
        let mut changes = Vec::new();
        for p in std::iter::once(&body.signer).chain(body.people.iter()) {
            match trusted.iter().find(|t| t.fingerprint == p.fingerprint) {
                Some(t) if rank(p.role) > rank(t.role) => changes.push(RosterChange::HigherRole {
                    name: t.name.clone(),
                    fingerprint: t.fingerprint.clone(),
                    from: t.role,
                    to: p.role,
                }),
                Some(_) => {}
                None => {
                    if let Some(t) = named_alike(&trusted, &p.name) {
                        changes.push(RosterChange::NewKey {
                            name: p.name.clone(),
                            trusted: t.fingerprint.clone(),
                            new: p.fingerprint.clone(),
                        });
                    }
                }
            }
        }
        changes.dedup();
        Ok(changes)
    }

    /// Trusts everyone in `roster` (its signer included) — the user's decision, made after seeing
    /// the fingerprints. A roster that changes whom the library trusts (another key for a trusted
    /// name, a higher role) is refused unless `accept_changes`, with the changes named. Every
    /// story is replayed again with the new trust. Returns the people it names.
    pub fn import_roster(&mut self, roster: &Roster, accept_changes: bool) -> Result<Vec<Person>, ReviewError> {
        let body = roster.verified().map_err(ReviewError::Roster)?;
        let changes = self.roster_changes(roster)?;
        if !changes.is_empty() && !accept_changes {
            return Err(ReviewError::RosterChanges(changes));
        }
        let mut people = vec![body.signer.clone()];
        people.extend(body.people.into_iter().filter(|p| p.fingerprint != body.signer.fingerprint));
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        trust_in(&tx, &people, now)?;
        tx.execute(
            "INSERT OR IGNORE INTO rosters (hash, body, signature, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![roster.0.hash(), roster.0.body, roster.0.signature, now],
        )?;
        standing::refresh_all(&tx)?;
        tx.commit()?;
        Ok(people)
    }

    /// Trusts one key the user checked (its fingerprint read to them by its owner), as `name` in
    /// `role` — how a window user comes to trust a colleague whose hand-off arrived first (a key
    /// already trusted takes this name and role). Every story is replayed again.
    pub fn trust_signer(&mut self, key: &PublicKey, name: &str, role: Role) -> Result<Person, ReviewError> {
        let name = name.trim();
        if !is_acceptable(name) {
            return Err(ReviewError::BadName);
        }
        let fingerprint = key
            .fingerprint()
            .ok_or_else(|| ReviewError::Roster(crate::workflow::RosterProblem::Inconsistent { name: name.into() }))?;
        let person = Person { name: name.to_string(), role, public_key: key.clone(), fingerprint };
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        trust_in(&tx, std::slice::from_ref(&person), now)?;
        standing::refresh_all(&tx)?;
        tx.commit()?;
        Ok(person)
    }

    /// Takes the joined desk's people: each key it registered with its person, role and, if the
    /// desk stopped counting it, since when. The desk is this library's authority for those keys
    /// (it is where the newsroom's chief adds and removes people); every story is replayed again.
    /// Returns whether anything changed.
    pub fn take_desk_people(&mut self, keys: &[DeskKey]) -> Result<bool, ReviewError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut changed = 0;
        for k in keys {
            if k.public_key.fingerprint().as_ref() != Some(&k.fingerprint) {
                continue;
            }
            let before: Option<KeyRow> = tx
                .query_row(
                    "SELECT name, role, public_key, person, revoked_at FROM people WHERE fingerprint = ?1",
                    [&k.fingerprint.0],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let person = format!("desk:{}", k.person_id);
            let after = (
                k.name.clone(),
                k.role.as_str().to_string(),
                k.public_key.0.clone(),
                Some(person.clone()),
                k.revoked_at,
            );
            if before.as_ref() == Some(&after) {
                continue;
            }
            changed += tx.execute(
                "INSERT INTO people (fingerprint, name, role, public_key, trusted_at, person, revoked_at, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'desk')
                 ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, role = excluded.role,
                     person = excluded.person, revoked_at = excluded.revoked_at,
                     source = CASE WHEN people.source = 'self' THEN 'self' ELSE 'desk' END
                 WHERE people.public_key = excluded.public_key",
                params![k.fingerprint.0, k.name, k.role.as_str(), k.public_key.0, now, person, k.revoked_at],
            )?;
        }
        if changed > 0 {
            standing::refresh_all(&tx)?;
        }
        tx.commit()?;
        Ok(changed > 0)
    }

    /// The imported rosters signed by a chief this library trusts: they vouch for their people
    /// wherever this library's approvals go.
    pub fn chief_rosters(&self) -> Result<Vec<Roster>, ReviewError> {
        let trusted = self.people()?;
        let mut stmt = self.conn.prepare("SELECT body, signature FROM rosters ORDER BY imported_at")?;
        let rows = stmt.query_map([], |r| Ok(Roster(Signed { body: r.get(0)?, signature: r.get(1)? })))?;
        let mut out = Vec::new();
        for roster in rows {
            let roster = roster?;
            let Ok(body) = roster.verified() else { continue };
            let chief = trusted.iter().any(|p| p.fingerprint == body.signer.fingerprint && p.role == Role::Chief);
            if chief {
                out.push(roster);
            }
        }
        Ok(out)
    }
}
