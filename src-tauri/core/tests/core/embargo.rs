//! Embargoes on real libraries: an editor sets "not before T" as a signed step; until T the
//! publish step is refused by the one rule (here, and wherever the event arrives); an editor may
//! move it later but not lift it early — only a chief breaks it, saying why; a journalist sets none.

use qalam_core::identity::SecretStore;
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::workflow::authority::Why;
use qalam_core::workflow::embargo::EmbargoProblem;
use qalam_core::workflow::{Action, ArticleStatus, Role};

use super::support::temp_library;

fn laptop(name: &str, role: Role) -> (tempfile::TempDir, Library, Signer) {
    let (dir, mut lib) = temp_library();
    lib.init_profile(name, role, SecretStore::KeyFile { path: dir.path().join("key.json") }, Some("pw")).unwrap();
    let signer = lib.signer(Some("pw")).unwrap();
    (dir, lib, signer)
}

fn approved(lib: &mut Library, signer: &Signer) -> String {
    let article =
        qalam_core::article::parse("---\ntitle: نتائج الانتخابات\ncategory: سياسة\n---\n\nتُعلن النتائج صباحًا.\n")
            .unwrap();
    let (id, _) = lib.import(&article).unwrap();
    lib.act(&id, Action::Submit, None, signer).unwrap();
    lib.act(&id, Action::StartReview, None, signer).unwrap();
    qalam_core::package::approve(lib, &id, None, signer, &lib.check_settings().unwrap()).unwrap();
    id
}

/// Why a step was refused: before signing (the library asks the rule first) or by the rule itself.
fn refusal(result: Result<impl std::fmt::Debug, ReviewError>) -> Why {
    match result {
        Err(ReviewError::EventRefused { why, .. }) => why,
        Err(ReviewError::Embargo(problem)) => Why::Embargo { problem },
        Err(ReviewError::Embargoed { until }) => Why::Embargoed { until },
        other => panic!("not refused by the rule: {other:?}"),
    }
}

const HOUR: i64 = 3_600_000;

#[test]
fn an_embargo_holds_publishing_until_its_time_and_only_a_chief_breaks_it() {
    let (_d, mut chief, me) = laptop("رئيسة التحرير", Role::Chief);
    let id = approved(&mut chief, &me);
    let now = qalam_core::dates::now_ms();
    chief.set_embargo(&id, Some(now + HOUR), Some("Asia/Baghdad"), None, &me).unwrap();
    let held = chief.embargo(&id).unwrap().unwrap();
    assert_eq!((held.until, held.zone.as_deref()), (now + HOUR, Some("Asia/Baghdad")));

    // Publishing before the time: refused by the rule, the story stays approved.
    assert!(
        matches!(refusal(chief.act(&id, Action::Publish, None, &me)), Why::Embargoed { until } if until == now + HOUR)
    );
    assert_eq!(chief.review_state(&id).unwrap().status, ArticleStatus::Approved);
    // Moving it later is an editor's ordinary step; lifting it early without a reason is not.
    chief.set_embargo(&id, Some(now + 2 * HOUR), None, None, &me).unwrap();
    let early = chief.set_embargo(&id, None, None, None, &me);
    assert_eq!(refusal(early), Why::Embargo { problem: EmbargoProblem::OnlyAChiefBreaks });
    // The chief breaks it, saying why: then it publishes.
    chief.set_embargo(&id, None, None, Some("the minister announced it live"), &me).unwrap();
    assert_eq!(chief.embargo(&id).unwrap(), None);
    // Lifted already: lifting it again records nothing.
    let recorded = chief.events(&id).unwrap().len();
    let again = chief.set_embargo(&id, None, None, Some("again"), &me);
    assert_eq!(refusal(again), Why::Embargo { problem: EmbargoProblem::NoneToLift });
    assert_eq!(chief.events(&id).unwrap().len(), recorded);
    chief.act(&id, Action::Publish, None, &me).unwrap();
    assert_eq!(chief.review_state(&id).unwrap().status, ArticleStatus::Published);
    // Every step is on the record, and the record is sound.
    assert!(chief.audit(&id).unwrap().problems.is_empty());
}

#[test]
fn an_editor_cannot_lift_an_embargo_early_and_a_journalist_sets_none() {
    let (_e, mut editor, me) = laptop("مها", Role::Editor);
    let id = approved(&mut editor, &me);
    let now = qalam_core::dates::now_ms();
    editor.set_embargo(&id, Some(now + HOUR), None, None, &me).unwrap();
    // Moving it earlier, even with a reason, is breaking it.
    let earlier = editor.set_embargo(&id, Some(now + 60_000), None, Some("قرار المحرر"), &me);
    assert_eq!(refusal(earlier), Why::Embargo { problem: EmbargoProblem::OnlyAChiefBreaks });
    assert_eq!(editor.embargo(&id).unwrap().unwrap().until, now + HOUR);
    let (_j, mut journalist, her) = laptop("سارة", Role::Journalist);
    let article = qalam_core::article::parse("---\ntitle: خبر\n---\n\nنص.\n").unwrap();
    let (own, _) = journalist.import(&article).unwrap();
    let set = journalist.set_embargo(&own, Some(now + HOUR), None, None, &her);
    assert_eq!(refusal(set), Why::Embargo { problem: EmbargoProblem::EditorsOnly });
}

#[test]
fn an_embargo_whose_time_passed_holds_nothing_back_and_a_time_past_or_years_away_is_refused() {
    let (_d, mut editor, me) = laptop("مها", Role::Editor);
    let id = approved(&mut editor, &me);
    let now = qalam_core::dates::now_ms();
    assert_eq!(
        refusal(editor.set_embargo(&id, Some(now - HOUR), None, None, &me)),
        Why::Embargo { problem: EmbargoProblem::Passed }
    );
    let years = Some(now + 11 * 366 * 24 * HOUR);
    assert_eq!(
        refusal(editor.set_embargo(&id, years, None, None, &me)),
        Why::Embargo { problem: EmbargoProblem::TooFar }
    );
    editor.set_embargo(&id, Some(now + 1_500), None, None, &me).unwrap();
    assert!(matches!(refusal(editor.act(&id, Action::Publish, None, &me)), Why::Embargoed { .. }));
    std::thread::sleep(std::time::Duration::from_millis(1_600));
    editor.act(&id, Action::Publish, None, &me).unwrap();
    assert_eq!(editor.review_state(&id).unwrap().status, ArticleStatus::Published);
}
