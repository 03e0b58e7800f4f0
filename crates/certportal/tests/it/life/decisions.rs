//! Decisions after issue: only a «Beslutsfattare», never on their own certificate, each
//! with a reason; suspension at most six months; each recorded, with its event and a
//! letter in the holder's language that says how to appeal.

use app::life::{decide_after_issue, AfterIssue};
use domain::certification::DecisionKind;
use domain::RuleError;

use super::*;

crate::on_both_backends!(
    suspend_lift_reduce_and_withdraw_each_with_a_letter,
    decisions_are_for_decision_makers_with_reasons,
);

const TODAY: Date = date!(2026 - 06 - 01);

async fn decide(
    app: &TestApp,
    who: app::Actor,
    case_id: &str,
    decision: AfterIssue,
    reason: &str,
) -> app::Result<()> {
    let (id, reason, b) = (case_id.to_string(), reason.to_string(), base(app));
    db(app, move |c| {
        decide_after_issue(c, &who, &id, &decision, &reason, TODAY, &b)
    })
    .await
}

async fn latest_decision(app: &TestApp, case_id: &str) -> (DecisionKind, String, Option<Date>) {
    let id = case_id.to_string();
    db(app, move |c| {
        let d = store::models::decision::for_case(c, &id).unwrap().remove(0);
        (d.kind, d.reason, d.until_on)
    })
    .await
}

async fn suspend_lift_reduce_and_withdraw_each_with_a_letter(app: TestApp) {
    let eva = person(&app, 101, "Eva", "sv").await;
    let bertil = person(&app, 106, "Bertil", "sv").await;
    let evas = certificate(&app, &eva, "00001").await;
    let until = date!(2026 - 09 - 01);

    decide(
        &app,
        decider(&bertil),
        &evas,
        AfterIssue::Suspend { until },
        "Klagomål utreds",
    )
    .await
    .unwrap();
    let case = case_of(&app, &evas).await;
    assert_eq!(case.status, CaseStatus::Suspended);
    assert_eq!(case.suspended_until, Some(until));
    assert_eq!(case.latest_decision_on, Some(TODAY));
    assert_eq!(
        latest_decision(&app, &evas).await,
        (DecisionKind::Suspend, "Klagomål utreds".into(), Some(until))
    );
    assert_eq!(
        event_kinds(&app, &evas).await[0],
        EventKind::CertificateSuspended
    );
    let letter = mails_to(&app, "eva@example.se")
        .await
        .pop()
        .expect("letter");
    assert!(letter.subject.contains("suspenderat"), "{}", letter.subject);
    assert!(letter.body.contains("Klagomål utreds"), "{}", letter.body);
    assert!(letter.body.contains("2026-09-01"), "{}", letter.body);
    assert!(
        letter
            .body
            .contains("Du kan överklaga beslutet inom två månader"),
        "{}",
        letter.body
    );
    // Suspended once only.
    let r = decide(
        &app,
        decider(&bertil),
        &evas,
        AfterIssue::Suspend { until },
        "Igen",
    )
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::AlreadySuspended))),
        "{r:?}"
    );

    decide(
        &app,
        decider(&bertil),
        &evas,
        AfterIssue::Lift,
        "Utrett, inget fel",
    )
    .await
    .unwrap();
    let case = case_of(&app, &evas).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.suspended_until, None);
    assert_eq!(
        event_kinds(&app, &evas).await[0],
        EventKind::SuspensionLifted
    );
    let letter = mails_to(&app, "eva@example.se")
        .await
        .pop()
        .expect("letter");
    assert!(letter.subject.contains("hävd"), "{}", letter.subject);
    let r = decide(&app, decider(&bertil), &evas, AfterIssue::Lift, "Igen").await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::NotSuspended))),
        "{r:?}"
    );

    let scope = AfterIssue::ReduceScope {
        scope: "Endast system under 3 kg köldmedium".into(),
    };
    decide(
        &app,
        decider(&bertil),
        &evas,
        scope,
        "Praktiskt prov saknas för större",
    )
    .await
    .unwrap();
    let case = case_of(&app, &evas).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.scope_note, "Endast system under 3 kg köldmedium");
    let letter = mails_to(&app, "eva@example.se")
        .await
        .pop()
        .expect("letter");
    assert!(
        letter.body.contains("Endast system under 3 kg köldmedium"),
        "{}",
        letter.body
    );
    assert!(letter.body.contains("överklaga"), "{}", letter.body);

    decide(
        &app,
        decider(&bertil),
        &evas,
        AfterIssue::Withdraw,
        "Allvarliga brister",
    )
    .await
    .unwrap();
    assert_eq!(case_of(&app, &evas).await.status, CaseStatus::Withdrawn);
    assert_eq!(
        event_kinds(&app, &evas).await[0],
        EventKind::CertificateWithdrawn
    );
    let letter = mails_to(&app, "eva@example.se")
        .await
        .pop()
        .expect("letter");
    assert!(letter.subject.contains("återkallat"), "{}", letter.subject);
    // Withdrawal is final.
    for d in [AfterIssue::Suspend { until }, AfterIssue::Withdraw] {
        let r = decide(&app, decider(&bertil), &evas, d, "Igen").await;
        assert!(
            matches!(r, Err(app::Error::Rule(RuleError::CertificateNotLive))),
            "{r:?}"
        );
    }
    let r = decide(&app, decider(&bertil), &evas, AfterIssue::Lift, "Igen").await;
    assert!(r.is_err());
    assert_eq!(app.count("decisions").await, 4);
}

async fn decisions_are_for_decision_makers_with_reasons(app: TestApp) {
    let eva = person(&app, 101, "Eva", "en").await;
    let bertil = person(&app, 106, "Bertil", "sv").await;
    let hanna = person(&app, 105, "Hanna", "sv").await;
    let evas = certificate(&app, &eva, "00001").await;
    let bertils = certificate(&app, &bertil, "00002").await;
    let before = footprint(&app).await;

    let suspend = |until| AfterIssue::Suspend { until };
    let r = decide(&app, officer(&hanna), &evas, AfterIssue::Withdraw, "Skäl").await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    let r = decide(
        &app,
        decider(&bertil),
        &bertils,
        AfterIssue::Withdraw,
        "Skäl",
    )
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::OwnCase))),
        "{r:?}"
    );
    let r = decide(&app, decider(&bertil), &evas, AfterIssue::Withdraw, " \n ").await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::ReasonRequired))),
        "{r:?}"
    );
    let r = decide(&app, decider(&bertil), &evas, suspend(TODAY), "Skäl").await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::SuspensionEndPast))),
        "{r:?}"
    );
    let r = decide(
        &app,
        decider(&bertil),
        &evas,
        suspend(date!(2026 - 12 - 02)),
        "Skäl",
    )
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::SuspensionTooLong))),
        "{r:?}"
    );
    let empty_scope = AfterIssue::ReduceScope { scope: " ".into() };
    let r = decide(&app, decider(&bertil), &evas, empty_scope, "Skäl").await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::ScopeRequired))),
        "{r:?}"
    );
    assert_eq!(footprint(&app).await, before, "a refusal writes nothing");
    assert_eq!(case_of(&app, &evas).await.status, CaseStatus::Active);

    // Six months to the day is allowed; the letter is in the holder's language.
    decide(
        &app,
        decider(&bertil),
        &evas,
        suspend(date!(2026 - 12 - 01)),
        "Complaint",
    )
    .await
    .unwrap();
    let letter = mails_to(&app, "eva@example.se")
        .await
        .pop()
        .expect("letter");
    assert!(
        letter.subject.contains("is suspended"),
        "{}",
        letter.subject
    );
    assert!(letter.body.contains("appeal"), "{}", letter.body);
}
