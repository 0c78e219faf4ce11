//! The house style through a real desk: a chief's signed sheet is kept and handed to every laptop,
//! whoever carried it there; a sheet signed by anyone who is not a chief of the desk now, a forged
//! one, or an older one is refused and changes nothing; a laptop takes what the desk hands out by
//! its own trust, and keeps checking with it offline.

#[path = "support/laptops.rs"]
mod laptops;
#[path = "support/local_desk.rs"]
mod local_desk;

use laptops::{person, start_desk};
use qalam_core::style::HouseStyle;
use qalam_core::workflow::{Role, StyleSheet};
use qalam_desk_api::{StyleOutcome, WireStyleSheet};
use qalam_sync::run::refresh_people;
use qalam_sync::style::{exchange_style, StyleExchange};
use qalam_sync::SyncError;

const RULES: &str = r#"{ "format": "qalam-house-style", "version": 1, "rules": [
  { "id": "trump", "kind": "prefer", "find": ["ترامب"], "replace": "ترمب", "message": { "ar": "تكتب الصحيفة «ترمب»" } }
] }"#;

fn wire(sheet: &StyleSheet) -> WireStyleSheet {
    WireStyleSheet { body: sheet.0.body.clone(), signature: sheet.0.signature.clone() }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, SyncError>) -> (u16, String, String) {
    match result {
        Err(SyncError::Desk { status, error }) => (status, error.code, error.message),
        other => panic!("not a refusal: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chiefs_sheet_reaches_every_laptop_and_nobody_else_can_change_the_rules() {
    let desk = start_desk();
    let mut chief = person(&desk, "رئيسة التحرير", Role::Chief).await;
    let editor = person(&desk, "مها", Role::Editor).await;
    let mut sara = person(&desk, "سارة", Role::Journalist).await;
    let style = HouseStyle::from_json(RULES).unwrap();

    // An editor signs rules naming herself a chief: the desk's people say she is not.
    let mut posing = editor.signer.profile.person.clone();
    posing.role = Role::Chief;
    let forged = StyleSheet::sign(&posing, &editor.signer.keys, &style, 1_000);
    let (status, code, message) = refusal(editor.client.offer_style(&wire(&forged)).await);
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    assert!(message.contains("not a chief of this desk"), "{message}");
    assert_eq!(desk.psql("SELECT count(*) FROM house_style"), "0");

    // The chief issues the rules; the sheet is signed, and a changed rule breaks the signature.
    let sheet = chief.lib.issue_style(&style, Some("pass")).unwrap();
    let mut tampered = wire(&sheet);
    tampered.body = tampered.body.replace("ترمب", "ترامب");
    assert_eq!(refusal(sara.client.offer_style(&tampered).await).0, 422);
    // Dated far ahead by the chief's own key (a wrong clock, or made to outrank every sheet to
    // come): refused, and said in Arabic in Arabic.
    let ahead = StyleSheet::sign(&chief.signer.profile.person, &chief.signer.keys, &style, i64::MAX);
    match chief.client.offer_style(&wire(&ahead)).await {
        Err(SyncError::Desk { status, error }) => {
            assert_eq!((status, error.code.as_str()), (422, "bad-style"));
            assert!(!error.message_ar.chars().any(|c| c.is_ascii_alphabetic()), "{}", error.message_ar);
        }
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(desk.psql("SELECT count(*) FROM house_style"), "0");

    // Anyone may carry the chief's sheet to the desk: her signature is what counts.
    let taken = sara.client.offer_style(&wire(&sheet)).await.unwrap();
    assert_eq!(taken.outcome, StyleOutcome::Taken);
    assert_eq!(chief.client.offer_style(&wire(&sheet)).await.unwrap().outcome, StyleOutcome::Unchanged);

    // The desk hands it out whole only to a laptop that does not have it.
    let handed = editor.client.style(0).await.unwrap();
    assert_eq!(handed.sheet, Some(wire(&sheet)));
    let current = editor.client.style(taken.issued_at).await.unwrap();
    assert_eq!((current.issued_at, current.sheet), (Some(taken.issued_at), None));

    // Sara's laptop takes it by its own trust — the chief is among the desk's people it holds.
    refresh_people(&mut sara.lib, &sara.client).await.unwrap();
    assert_eq!(exchange_style(&mut sara.lib, &sara.client).await.unwrap(), StyleExchange::Received);
    assert_eq!(sara.lib.house_style().unwrap(), style);
    assert_eq!(exchange_style(&mut sara.lib, &sara.client).await.unwrap(), StyleExchange::Same);

    // The chief's next sheet goes up with her sync; replaying the first one afterwards is refused.
    let mut tighter = style.clone();
    tighter.rules[0].severity = qalam_core::style::RuleSeverity::Error;
    let newer = chief.lib.issue_style(&tighter, Some("pass")).unwrap();
    refresh_people(&mut chief.lib, &chief.client).await.unwrap();
    assert_eq!(exchange_style(&mut chief.lib, &chief.client).await.unwrap(), StyleExchange::Sent);
    let (status, code, _) = refusal(sara.client.offer_style(&wire(&sheet)).await);
    assert_eq!((status, code.as_str()), (409, "older-style"));
    assert_eq!(exchange_style(&mut sara.lib, &sara.client).await.unwrap(), StyleExchange::Received);
    assert_eq!(sara.lib.style_sheet().unwrap(), Some(newer.clone()));

    // Once the chief is removed at the desk, a sheet she signs later counts nowhere.
    assert!(desk.admin(&["person", "remove", "رئيسة التحرير"]).status.success());
    let mut looser = tighter.clone();
    looser.rules.clear();
    let late = StyleSheet::sign(
        &chief.signer.profile.person,
        &chief.signer.keys,
        &looser,
        qalam_core::dates::now_ms() + 60_000,
    );
    assert_eq!(refusal(sara.client.offer_style(&wire(&late)).await).0, 403);
    refresh_people(&mut sara.lib, &sara.client).await.unwrap();
    assert!(sara.lib.take_style_sheet(&late).is_err(), "the laptop no longer trusts her either");
    // The laptop keeps checking with the last rules it took.
    assert_eq!(sara.lib.house_style().unwrap(), tighter);
}
