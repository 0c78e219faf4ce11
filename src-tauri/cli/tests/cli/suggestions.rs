//! Suggesting mode between machines, through the `qalam` binary only: an editor suggests, the
//! author accepts and rejects on her own laptop, the editor withdraws and approves — once by
//! hand-off files, once through a real desk. The contract's verb and flag names are used as
//! given; wrong input is refused in words.

use serde_json::Value;

use super::desk::{start_desk, submitted_and_pulled};
use super::keychain::PrivateKeychain;
use super::review::newsroom;

fn id_of(v: &Value) -> String {
    v["suggestion"].as_str().unwrap().to_string()
}

fn standing(list: &Value) -> Vec<(String, String, bool)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (s["id"].as_str().unwrap().into(), s["status"].as_str().unwrap().into(), s["detached"].as_bool().unwrap())
        })
        .collect()
}

#[test]
fn an_editors_suggestions_travel_by_hand_off_and_the_author_decides_on_her_laptop() {
    let (journalist, editor, id) = newsroom();
    journalist.json(&["submit", &id]);
    editor.receive(&journalist.handoff(&id, "to-editor.zip"));
    editor.json(&["start-review", &id]);

    let word = id_of(&editor.json(&["suggest", &id, "--quote", "سينخفض", "--replace-with", "سيتراجع"]));
    let cut = id_of(&editor.json(&["suggest", &id, "--quote", "اليوم", "--replace-with", ""]));
    let added = id_of(&editor.json(&["suggest", &id, "--after", "ثلاثة", "--insert", " ونصف"]));
    let title = id_of(&editor.json(&[
        "suggest",
        &id,
        "--quote",
        "الميزانية",
        "--replace-with",
        "الموازنة",
        "--field",
        "title",
    ]));
    // Wrong input is refused before anything is signed.
    assert_eq!(
        editor.refused(&["suggest", &id, "--quote", "غير موجود", "--replace-with", "x"])["error"]["code"],
        "quote-not-found"
    );
    let twice = editor.refused(&["suggest", &id, "--quote", "ا", "--replace-with", "x"]);
    assert!(twice["error"]["message"].as_str().unwrap().contains("quote more words"), "{twice}");
    let usage = editor.run(&["suggest", &id, "--quote", "سينخفض"]);
    assert_eq!(usage.status.code(), Some(2), "--replace-with is required with --quote");
    assert_eq!(editor.run(&["suggest", &id, "--insert", "x"]).status.code(), Some(2), "an insertion needs --after");
    assert_eq!(editor.refused(&["accept", &id, "NOSUCH"])["error"]["code"], "not-found");

    journalist.receive(&editor.handoff(&id, "to-author.zip"));
    let listed = journalist.json(&["suggestions", &id]);
    assert_eq!(listed.as_array().unwrap().len(), 4);
    assert!(listed.as_array().unwrap().iter().all(|s| s["by"] == "سامي نور" && s["status"] == "open"), "{listed}");
    // The text is untouched until she accepts.
    assert!(journalist
        .run(&["show", &id, "--format", "md"])
        .stdout
        .windows("سينخفض".len())
        .any(|w| w == "سينخفض".as_bytes()));

    let accepted = journalist.json(&["accept", &id, &word]);
    assert_eq!(accepted["decided"][0], word.as_str());
    journalist.json(&["reject", &id, &title]);
    let not_hers = journalist.refused(&["withdraw-suggestion", &id, &cut]);
    assert!(not_hers["error"]["message"].as_str().unwrap().contains("only the one who made"), "{not_hers}");
    let all = journalist.json(&["accept", &id, "--all"]);
    assert_eq!(all["decided"], serde_json::json!([cut, added]));

    editor.receive(&journalist.handoff(&id, "back.zip"));
    let text = String::from_utf8(editor.run(&["show", &id, "--format", "md"]).stdout).unwrap();
    assert!(text.contains("العجز سيتراجع") && text.contains("ثلاثة ونصف") && text.contains("البرلمان مشروع"), "{text}");
    assert!(text.contains("title: البرلمان يناقش الميزانية"), "the rejected title stays");
    let standing = standing(&editor.json(&["suggestions", &id]));
    let status_of = |s: &str| standing.iter().find(|(i, _, _)| i == s).unwrap().1.clone();
    assert_eq!(
        [word.as_str(), cut.as_str(), added.as_str(), title.as_str()].map(status_of),
        ["accepted", "accepted", "accepted", "rejected"].map(String::from)
    );

    // A new suggestion holds the approval back, in words; withdrawn, the approval goes through.
    let late = id_of(&editor.json(&["suggest", &id, "--quote", "الحكومة", "--replace-with", "الوزارة"]));
    let held = editor.refused(&["approve", &id]);
    assert!(held["error"]["message"].as_str().unwrap().starts_with("1 suggestion is still open"), "{held}");
    editor.json(&["withdraw-suggestion", &id, &late]);
    editor.json(&["approve", &id, "--note", "جاهز"]);
    let record: Vec<String> = editor.status(&id)["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| serde_json::to_string(&l["body"]["kind"]).unwrap())
        .collect();
    assert_eq!(record.iter().filter(|k| k.contains("\"op\":\"accept\"")).count(), 3, "{record:?}");
    assert_eq!(editor.json(&["audit", &id])["sound"], true);
}

#[test]
fn suggestions_and_their_acceptance_go_through_a_real_desk_and_every_laptop_converges() {
    let chain = PrivateKeychain::start();
    let desk = start_desk();
    let (sara, maha, id) = submitted_and_pulled(&chain, &desk);
    maha.ok(&["start-review", &id]);
    let suggested = maha.ok(&["suggest", &id, "--quote", "قوات أميركية", "--replace-with", "القوات الأميركية"]);
    assert_eq!(suggested["desk"]["state"], "sent", "{suggested}");
    let s = id_of(&suggested);
    let other = id_of(&maha.ok(&["suggest", &id, "--after", "قوات أميركية", "--insert", " إضافية"]));

    sara.ok(&["sync"]);
    let listed = sara.ok(&["suggestions", &id]);
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    let accepted = sara.ok(&["accept", &id, &s]);
    assert_eq!(accepted["desk"]["state"], "sent", "{accepted}");
    // The other one's place is found again after the words before it were replaced.
    let all = sara.ok(&["accept", &id, "--all"]);
    assert_eq!(all["decided"][0], other.as_str(), "{all}");

    maha.ok(&["sync"]);
    assert!(maha.markdown(&id).contains("القوات الأميركية إضافية"), "{}", maha.markdown(&id));
    assert_eq!(maha.markdown(&id), sara.markdown(&id));
    assert_eq!(maha.record(&id), sara.record(&id));
    let on_desk =
        desk.psql(&format!("SELECT string_agg(hash, ',' ORDER BY position) FROM events WHERE article_id = '{id}'"));
    assert_eq!(on_desk, sara.record(&id).join(","));
    assert_eq!(standing(&maha.ok(&["suggestions", &id])), standing(&sara.ok(&["suggestions", &id])));
    assert_eq!(maha.ok(&["audit", &id])["sound"], true);
}
