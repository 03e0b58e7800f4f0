//! The application layer's staff functions called directly: whichever rule refuses a
//! decision or a review, nothing is written and no certificate number is used; the
//! expiry job expires a certificate once, the day after «Giltigt till».

use app::decisions::{ExternalIssuer, IssueInput, Issued};
use domain::RuleError;

use super::*;

crate::on_both_backends!(
    a_refused_decision_writes_nothing,
    a_certificate_expires_once_the_day_after_valid_until,
);

fn decider(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        beslutsfattare: true,
        ..Default::default()
    }
}

fn input(valid_until: time::Date, external: bool) -> IssueInput {
    IssueInput {
        valid_until,
        external: external.then(|| ExternalIssuer {
            body: "Kiwa".into(),
            country: "Sverige".into(),
            number: "K-1".into(),
        }),
    }
}

async fn issue(
    app: &TestApp,
    actor: app::Actor,
    case_id: &str,
    input: IssueInput,
) -> app::Result<Issued> {
    let (id, base) = (case_id.to_string(), app.state.config.base_url.clone());
    app.state
        .db
        .run(move |c| {
            Ok(app::decisions::issue(
                c,
                &actor,
                &id,
                &input,
                today(),
                &base,
            ))
        })
        .await
        .unwrap()
}

async fn reject(app: &TestApp, actor: app::Actor, case_id: &str) -> app::Result<()> {
    let (id, base) = (case_id.to_string(), app.state.config.base_url.clone());
    app.state
        .db
        .run(move |c| {
            Ok(app::decisions::reject(
                c,
                &actor,
                &id,
                "Nej",
                today(),
                &base,
            ))
        })
        .await
        .unwrap()
}

async fn review(app: &TestApp, actor: app::Actor, moment_id: &str) -> app::Result<()> {
    let (id, base) = (moment_id.to_string(), app.state.config.base_url.clone());
    app.state
        .db
        .run(move |c| Ok(app::review::review_moment(c, &actor, &id, true, "", &base)))
        .await
        .unwrap()
}

fn refused_by(result: app::Result<impl std::fmt::Debug>, rule: RuleError) {
    match result {
        Err(app::Error::Rule(r)) => assert_eq!(r, rule),
        other => panic!("expected {rule:?}, got {other:?}"),
    }
}

async fn a_refused_decision_writes_nothing(app: TestApp) {
    let (anna, _) = person(&app, 140, "Anna").await;
    let (hanna, mut hanna_browser) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna_browser, &anna).await;
    let (bertil, _) = staff(&app, "Bertil", false, true).await;
    let valid = today() + time::Duration::days(400);

    let before = footprint(&app).await;
    refused_by(
        issue(&app, decider(&bertil), &case_id, input(today(), true)).await,
        RuleError::ValidUntilNotAfterIssue,
    );
    refused_by(
        issue(&app, decider(&bertil), &case_id, input(valid, false)).await,
        RuleError::ExternalIssuerMissing,
    );
    // Hanna reviewed the moment: even as a decision maker she may not decide.
    refused_by(
        issue(&app, decider(&hanna), &case_id, input(valid, true)).await,
        RuleError::ReviewerMayNotDecide,
    );
    refused_by(
        reject(&app, decider(&hanna), &case_id).await,
        RuleError::ReviewerMayNotDecide,
    );
    refused_by(
        issue(&app, decider(&anna), &case_id, input(valid, true)).await,
        RuleError::OwnCase,
    );
    let officer = app::Actor {
        id: hanna.clone(),
        handlaggare: true,
        ..Default::default()
    };
    assert!(matches!(
        issue(&app, officer.clone(), &case_id, input(valid, true)).await,
        Err(app::Error::Forbidden(_))
    ));
    assert!(matches!(
        reject(&app, officer, &case_id).await,
        Err(app::Error::Forbidden(_))
    ));
    assert!(matches!(
        issue(&app, decider(&bertil), "no-such-case", input(valid, true)).await,
        Err(app::Error::NotFound)
    ));
    assert_eq!(
        footprint(&app).await,
        before,
        "no event, e-mail, decision, review or number"
    );

    let issued = issue(&app, decider(&bertil), &case_id, input(valid, true))
        .await
        .unwrap();
    assert_eq!(issued.number, "00001", "the refusals used no number");

    // Decided: a second decision, or a review of its moments, is refused.
    let before = footprint(&app).await;
    refused_by(
        issue(&app, decider(&bertil), &case_id, input(valid, true)).await,
        RuleError::CaseClosed,
    );
    refused_by(
        reject(&app, decider(&bertil), &case_id).await,
        RuleError::CaseClosed,
    );
    let moment_id = {
        let id = case_id.clone();
        app.state
            .db
            .run(move |c| crate::harness::case_moments(c, &id))
            .await
            .unwrap()
            .remove(0)
            .moment
            .id
    };
    refused_by(
        review(&app, decider(&bertil), &moment_id).await,
        RuleError::CaseClosed,
    );
    refused_by(
        review(&app, decider(&anna), &moment_id).await,
        RuleError::OwnCase,
    );
    assert!(matches!(
        review(&app, app::Actor::default(), &moment_id).await,
        Err(app::Error::Forbidden(_))
    ));
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Active);
}

async fn a_certificate_expires_once_the_day_after_valid_until(app: TestApp) {
    let (anna, _) = person(&app, 141, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (bertil, _) = staff(&app, "Bertil", false, true).await;
    let valid = today() + time::Duration::days(10);
    let issued = issue(&app, decider(&bertil), &case_id, input(valid, true))
        .await
        .unwrap();

    let expire = |on: time::Date| {
        let base = app.state.config.base_url.clone();
        app.state
            .db
            .run(move |c| Ok(app::jobs::expire_certificates(c, on, &base)))
    };
    // An external certificate has neither yearly attestation nor recertification: it
    // only expires at «Giltigt till».
    let issued_case = case_of(&app, &case_id).await;
    assert_eq!(issued_case.annual_renewal_on, None);
    assert_eq!(issued_case.recertification_on, None);
    // «Giltigt till» is the last valid day.
    assert_eq!(expire(valid).await.unwrap().unwrap(), 0);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Active);

    let next_day = valid + time::Duration::days(1);
    assert_eq!(expire(next_day).await.unwrap().unwrap(), 1);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Expired);
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::CertificateExpired);
    assert_eq!(events[0].detail, issued.number);
    assert_eq!(events[0].actor_id, None, "the portal itself");

    // Run again (or by another instance): nothing more expires, nothing more is recorded.
    let before = footprint(&app).await;
    assert_eq!(expire(next_day).await.unwrap().unwrap(), 0);
    assert_eq!(footprint(&app).await, before);
}
