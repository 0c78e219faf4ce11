//! The publication's house style on the desk: the newest sheet a chief signed, handed to every
//! laptop. The desk takes a sheet from whoever carries it, but only if the signature is its named
//! signer's, the signer is a chief of this desk now (a device of theirs active, the person not
//! removed), and it was issued after the sheet the desk has — so an old sheet replayed, or rules
//! written by anyone else, change nothing. Laptops check it again by their own trust when it
//! arrives ([`qalam_core::library::Library::take_style_sheet`]).

use chrono::{DateTime, Utc};
use deadpool_postgres::{Client, GenericClient};
use qalam_core::identity::Signed;
use qalam_core::workflow::{SheetProblem, StyleSheet};
use qalam_desk_api::{DeskStyle, StyleAnswer, StyleOutcome, WireStyleSheet};

use crate::error::DeskError;

/// The desk's sheet, sent whole only if issued after `after` (what the laptop has).
pub async fn newest(db: &impl GenericClient, after: i64) -> Result<DeskStyle, DeskError> {
    let row = db.query_opt("SELECT body, signature, issued_at FROM house_style WHERE singleton", &[]).await?;
    Ok(match row {
        None => DeskStyle { issued_at: None, sheet: None },
        Some(r) => {
            let issued_at: i64 = r.get(2);
            let sheet = (issued_at > after).then(|| WireStyleSheet { body: r.get(0), signature: r.get(1) });
            DeskStyle { issued_at: Some(issued_at), sheet }
        }
    })
}

/// Takes `wire` as the desk's house style if a chief of the desk signed it after the one kept.
pub async fn offer(db: &mut Client, wire: &WireStyleSheet, now: DateTime<Utc>) -> Result<StyleAnswer, DeskError> {
    let sheet = StyleSheet(Signed { body: wire.body.clone(), signature: wire.signature.clone() });
    let body = sheet.checked(now.timestamp_millis()).map_err(bad_sheet)?;
    let tx = db.transaction().await?;
    let chief: Option<i64> = tx
        .query_opt(
            "SELECT p.id FROM devices d JOIN people p ON p.id = d.person_id
             WHERE d.fingerprint = $1 AND d.public_key = $2 AND d.revoked_at IS NULL
               AND p.removed_at IS NULL AND p.role = 'chief'
             LIMIT 1",
            &[&body.signer.fingerprint.0, &body.signer.public_key.0],
        )
        .await?
        .map(|r| r.get(0));
    let Some(signer_person) = chief else {
        return Err(DeskError::Forbidden {
            why: format!(
                "the house style is signed by «{}», who is not a chief of this desk now; only a chief issues it",
                body.signer.name
            ),
            why_ar: format!(
                "ورقة الأسلوب موقّعة من «{}»، وليس رئيس تحرير في هذا المكتب الآن؛ لا يصدر الأسلوب إلا عن رئيس تحرير",
                body.signer.name
            ),
        });
    };
    // Locked, so two chiefs' sheets arriving together are ordered by their issue times.
    let kept = tx.query_opt("SELECT body, issued_at FROM house_style WHERE singleton FOR UPDATE", &[]).await?;
    if let Some(kept) = kept {
        let (kept_body, kept_at): (String, i64) = (kept.get(0), kept.get(1));
        if kept_body == wire.body {
            return Ok(StyleAnswer { outcome: StyleOutcome::Unchanged, issued_at: kept_at });
        }
        if kept_at >= body.issued_at {
            return Err(DeskError::OlderStyle { kept_at });
        }
    }
    tx.execute(
        "INSERT INTO house_style (singleton, body, signature, issued_at, signer_person, received_at)
         VALUES (true, $1, $2, $3, $4, $5)
         ON CONFLICT (singleton) DO UPDATE SET body = excluded.body, signature = excluded.signature,
           issued_at = excluded.issued_at, signer_person = excluded.signer_person, received_at = excluded.received_at",
        &[&wire.body, &wire.signature, &body.issued_at, &signer_person, &now],
    )
    .await?;
    tx.commit().await?;
    Ok(StyleAnswer { outcome: StyleOutcome::Taken, issued_at: body.issued_at })
}

/// A sheet the desk will not keep, said as a library says it, in both languages.
fn bad_sheet(problem: SheetProblem) -> DeskError {
    use qalam_core::lang::{Lang, Localized};
    DeskError::BadStyle { why: problem.message(Lang::En), why_ar: problem.message(Lang::Ar) }
}
