//! People, their enrolment codes and their devices. A desk chief adds a person, who gets a
//! one-time code valid for a day; a laptop spends the code to register the person's signing key
//! and gets a device token. Removing a person or revoking a device takes effect on the next
//! request, since every request looks its token up again.

use chrono::{DateTime, Duration, Utc};
use deadpool_postgres::GenericClient;
use serde::Serialize;

use crate::error::DeskError;
use crate::secrets;
use qalam_core::workflow::Role;
use qalam_desk_api::PersonInfo;

/// How long an enrolment code may be used.
pub const CODE_LIFETIME: Duration = Duration::hours(24);

#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub sections: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
    pub devices: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeviceRow {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub name: String,
    pub fingerprint: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Who is asking: an active device of a present person.
#[derive(Debug, Clone)]
pub struct Caller {
    pub device_id: i64,
    pub person: PersonInfo,
}

impl Caller {
    pub fn role(&self) -> Role {
        Role::parse(&self.person.role).unwrap_or(Role::Journalist)
    }
}

pub(super) fn check_name(name: &str) -> Result<String, DeskError> {
    let name = name.trim();
    if !qalam_core::identity::names::is_acceptable(name) {
        return Err(DeskError::BadInput {
            what: "name".into(),
            why: "empty, too long, or with hidden or direction-changing characters".into(),
        });
    }
    Ok(name.to_string())
}

/// Adds a person; returns them and their enrolment code (shown once). A name that reads like a
/// present colleague's (as laptops compare names: case, spaces, tatweel, harakat) is refused
/// unless `same_name` says the admin means it: colleagues tell signers apart by name.
pub async fn add_person(
    db: &impl GenericClient,
    name: &str,
    role: Role,
    sections: &[String],
    same_name: bool,
    now: DateTime<Utc>,
) -> Result<(PersonRow, String, DateTime<Utc>), DeskError> {
    let name = check_name(name)?;
    let key = qalam_core::identity::names::name_key(&name);
    let present = list_people(db).await?.into_iter().filter(|p| p.removed_at.is_none());
    if let Some(alike) = present.into_iter().find(|p| qalam_core::identity::names::name_key(&p.name) == key) {
        if !same_name {
            return Err(DeskError::BadInput {
                what: "name".into(),
                why: format!(
                    "it reads like the name of {} (number {}); choose a name colleagues can tell apart, or add --same-name if this is another person with the same name",
                    alike.name, alike.id
                ),
            });
        }
    }
    let sections: Vec<String> = sections.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    let row = super::cached::query_one(
        db,
        "INSERT INTO people (name, role, sections) VALUES ($1, $2, $3) RETURNING id",
        &[&name, &role.as_str(), &sections],
    )
    .await?;
    let id: i64 = row.get(0);
    let (code, expires) = new_enrollment(db, id, now).await?;
    let person = list_people(db).await?.into_iter().find(|p| p.id == id).expect("just added");
    Ok((person, code, expires))
}

/// A fresh code for person `id` (a lost one, or one that expired).
pub async fn new_enrollment(
    db: &impl GenericClient,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), DeskError> {
    let code = secrets::new_code();
    let expires = now + CODE_LIFETIME;
    super::cached::execute(
        db,
        "INSERT INTO enrollments (code_hash, person_id, expires_at) VALUES ($1, $2, $3)",
        &[&secrets::hash(&code), &person_id, &expires],
    )
    .await?;
    Ok((code, expires))
}

pub async fn list_people(db: &impl GenericClient) -> Result<Vec<PersonRow>, DeskError> {
    let rows = super::cached::query(
        db,
        "SELECT p.id, p.name, p.role, p.sections, p.created_at, p.removed_at,
                    (SELECT count(*) FROM devices d WHERE d.person_id = p.id AND d.revoked_at IS NULL)
             FROM people p ORDER BY p.id",
        &[],
    )
    .await?;
    Ok(rows
        .iter()
        .map(|r| PersonRow {
            id: r.get(0),
            name: r.get(1),
            role: r.get(2),
            sections: r.get(3),
            created_at: r.get(4),
            removed_at: r.get(5),
            devices: r.get(6),
        })
        .collect())
}

/// Removes a person (by id, or by exact name when only one present person has it): their
/// devices stop working at once; what they wrote stays on the desk.
pub async fn remove_person(db: &impl GenericClient, who: &str) -> Result<PersonRow, DeskError> {
    let person = find_person(db, who).await?;
    super::cached::execute(
        db,
        "UPDATE people SET removed_at = now() WHERE id = $1 AND removed_at IS NULL",
        &[&person.id],
    )
    .await?;
    super::cached::execute(
        db,
        "UPDATE devices SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL",
        &[&person.id],
    )
    .await?;
    Ok(list_people(db).await?.into_iter().find(|p| p.id == person.id).expect("still listed"))
}

pub async fn find_person(db: &impl GenericClient, who: &str) -> Result<PersonRow, DeskError> {
    let present: Vec<PersonRow> = list_people(db).await?.into_iter().filter(|p| p.removed_at.is_none()).collect();
    let by_id = who.parse::<i64>().ok().and_then(|id| present.iter().find(|p| p.id == id).cloned());
    if let Some(p) = by_id {
        return Ok(p);
    }
    let named: Vec<&PersonRow> = present.iter().filter(|p| p.name == who.trim()).collect();
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(DeskError::NoSuchPerson { who: who.into() }),
        _ => Err(DeskError::AmbiguousPerson { who: who.into(), count: named.len() }),
    }
}

pub async fn list_devices(db: &impl GenericClient) -> Result<Vec<DeviceRow>, DeskError> {
    let rows = super::cached::query(
        db,
        "SELECT d.id, d.person_id, p.name, d.name, d.fingerprint, d.created_at, d.revoked_at
             FROM devices d JOIN people p ON p.id = d.person_id ORDER BY d.id",
        &[],
    )
    .await?;
    Ok(rows
        .iter()
        .map(|r| DeviceRow {
            id: r.get(0),
            person_id: r.get(1),
            person_name: r.get(2),
            name: r.get(3),
            fingerprint: r.get(4),
            created_at: r.get(5),
            revoked_at: r.get(6),
        })
        .collect())
}

pub async fn revoke_device(db: &impl GenericClient, id: i64) -> Result<DeviceRow, DeskError> {
    let n =
        super::cached::execute(db, "UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1", &[&id])
            .await?;
    if n == 0 {
        return Err(DeskError::NoSuchDevice { id });
    }
    Ok(list_devices(db).await?.into_iter().find(|d| d.id == id).expect("just revoked"))
}

pub async fn person_info(db: &impl GenericClient, id: i64) -> Result<PersonInfo, DeskError> {
    let r = super::cached::query_one(db, "SELECT id, name, role, sections FROM people WHERE id = $1", &[&id]).await?;
    Ok(PersonInfo { id: r.get(0), name: r.get(1), role: r.get(2), sections: r.get(3) })
}

/// Whether device `id` is active and its person present (a change stream looks again).
pub async fn device_active(db: &impl GenericClient, id: i64) -> Result<bool, DeskError> {
    let row = super::cached::query_opt(
        db,
        "SELECT 1 FROM devices d JOIN people p ON p.id = d.person_id
         WHERE d.id = $1 AND d.revoked_at IS NULL AND p.removed_at IS NULL",
        &[&id],
    )
    .await?;
    Ok(row.is_some())
}

/// The caller a device token belongs to, if the device is active and its person present.
pub async fn caller(db: &impl GenericClient, token: &str) -> Result<Option<Caller>, DeskError> {
    let row = super::cached::query_opt(
        db,
        "SELECT d.id, p.id, p.name, p.role, p.sections FROM devices d JOIN people p ON p.id = d.person_id
             WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND p.removed_at IS NULL",
        &[&secrets::hash(token)],
    )
    .await?;
    Ok(row.map(|r| Caller {
        device_id: r.get(0),
        person: PersonInfo { id: r.get(1), name: r.get(2), role: r.get(3), sections: r.get(4) },
    }))
}

/// The keys a caller's laptop judges events by: every editor's and chief's (their steps reach
/// every story), the caller's own, and those of the authors of stories the caller may see — each
/// with its person and, once its device was revoked or its person removed, since when it stopped
/// counting. A journalist learns nothing of colleagues whose stories they may not see.
pub async fn keys(db: &impl GenericClient, caller: &Caller) -> Result<Vec<qalam_desk_api::DeskKeyInfo>, DeskError> {
    let sql = format!(
        "SELECT d.fingerprint, min(d.public_key), p.id, p.name, p.role,
                CASE WHEN bool_or(d.revoked_at IS NULL) AND p.removed_at IS NULL THEN NULL
                     WHEN bool_or(d.revoked_at IS NULL) THEN p.removed_at
                     ELSE least(max(d.revoked_at), coalesce(p.removed_at, 'infinity')) END
         FROM devices d JOIN people p ON p.id = d.person_id
         WHERE p.role IN ('editor', 'chief') OR p.id = $1
            OR EXISTS (SELECT 1 FROM articles a WHERE a.author_person = p.id AND {})
         GROUP BY d.fingerprint, p.id, p.name, p.role, p.removed_at ORDER BY p.id, d.fingerprint",
        super::visibility::visible_sql(1, 2, 3)
    );
    let rows = super::cached::query(
        db,
        &sql,
        &[&caller.person.id, &super::visibility::is_editor(&caller.person), &caller.person.sections],
    )
    .await?;
    Ok(rows
        .iter()
        .map(|r| qalam_desk_api::DeskKeyInfo {
            fingerprint: r.get(0),
            public_key: r.get(1),
            person_id: r.get(2),
            name: r.get(3),
            role: r.get(4),
            revoked_at: r.get::<_, Option<DateTime<Utc>>>(5).map(|t| t.timestamp_millis()),
        })
        .collect())
}
