//! The people a library trusts: itself, and everyone in the rosters its user imported.

use rusqlite::{params, Connection, TransactionBehavior};

use super::review_error::ReviewError;
use super::Library;
use crate::identity::{Fingerprint, Person, PublicKey, Roster, Signed};
use crate::workflow::Role;

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

impl Library {
    /// Everyone this library trusts.
    pub fn people(&self) -> Result<Vec<Person>, ReviewError> {
        let mut stmt = self.conn.prepare("SELECT name, role, public_key, fingerprint FROM people ORDER BY name")?;
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

    /// A roster of everyone this library trusts, signed by its profile.
    pub fn export_roster(&self, passphrase: Option<&str>) -> Result<Roster, ReviewError> {
        let signer = self.signer(passphrase)?;
        Ok(Roster::sign(&signer.profile.person, &signer.keys, self.people()?, self.now()))
    }

    /// Trusts everyone in `roster` (its signer included) — the user's decision, made after seeing
    /// the fingerprints. Returns the people it names.
    pub fn import_roster(&mut self, roster: &Roster) -> Result<Vec<Person>, ReviewError> {
        let body = roster.verified().map_err(ReviewError::Roster)?;
        let mut people = vec![body.signer.clone()];
        people.extend(body.people.into_iter().filter(|p| p.fingerprint != body.signer.fingerprint));
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        trust_in(&tx, &people, now)?;
        tx.execute(
            "INSERT OR IGNORE INTO rosters (hash, body, signature, imported_at) VALUES (?1, ?2, ?3, ?4)",
            params![roster.0.hash(), roster.0.body, roster.0.signature, now],
        )?;
        tx.commit()?;
        Ok(people)
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
