//! The certificate's life on the staff side: the decisions after issue (suspend, lift,
//! withdraw, reduce scope), who may make them, the suspension's end date, the paper
//! attestation, the queue «Suspensioner som löper ut» and the issue form of a
//! recertification case.

use super::*;
use store::models::case::Issue;
use store::models::life::AnnualAttestation;

crate::on_both_backends!(
    each_decision_by_a_decision_maker,
    officers_and_own_certificates_are_refused,
    the_suspension_end_date_is_checked,
    staff_register_a_paper_attestation,
    suspensions_that_reached_their_end_are_queued,
    a_recertification_is_issued_with_the_computed_date,
);

const KAT_A1: &str = "Personcertifikat f-gas kat A1";
// The decision pages' path segments.
const SUSPEND: &str = "suspend"; // not a status: a path segment
const WITHDRAW: &str = "withdraw"; // not a status: a path segment
const APPEAL: &str = "Du kan överklaga beslutet inom två månader";

/// A kat A1 certificate of `person_id`, issued straight in the store on `issued_on`,
/// valid until `valid_until`, its yearly attestation due on `annual_due`.
async fn issued(
    app: &TestApp,
    person_id: &str,
    number: &str,
    issued_on: time::Date,
    valid_until: time::Date,
    annual_due: Option<time::Date>,
) -> String {
    let (case_id, _) = open_case(app, person_id, KAT_A1).await;
    let (id, n) = (case_id.clone(), number.to_string());
    app.state
        .db
        .run(move |c| {
            let issue = Issue {
                certificate_number: n,
                issued_on,
                valid_until,
                external_body: String::new(),
                external_country: String::new(),
                external_number: String::new(),
                annual_renewal_on: annual_due,
                recertification_on: Some(valid_until),
                status_index: None,
            };
            let change = store::models::Change {
                from: CaseStatus::InProgress,
                to: CaseStatus::Active,
            };
            assert!(Case::issue(c, &id, change, &issue)?);
            Ok(())
        })
        .await
        .unwrap();
    case_id
}

/// An active certificate issued today, valid five years, first attestation in a year.
async fn active(app: &TestApp, person_id: &str, number: &str) -> String {
    let today = app::today();
    let valid = domain::certification::life::add_years(today, 5);
    let due = domain::certification::life::add_years(today, 1);
    issued(app, person_id, number, today, valid, Some(due)).await
}

fn days(n: i64) -> time::Duration {
    time::Duration::days(n)
}

async fn decide(
    b: &mut TestApp,
    case_id: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> crate::harness::Resp {
    b.post(&format!("/staff/cases/{case_id}/{action}"), fields)
        .await
}

/// The links to the decision pages that the case page offers.
fn offered(page: &crate::harness::Resp, case_id: &str) -> Vec<&'static str> {
    [SUSPEND, "lift", WITHDRAW, "scope"]
        .into_iter()
        .filter(|a| {
            page.body
                .contains(&format!("href=\"/staff/cases/{case_id}/{a}\""))
        })
        .collect()
}

async fn latest_event(app: &TestApp, case_id: &str) -> Logged {
    events_of(app, case_id).await.remove(0)
}

async fn each_decision_by_a_decision_maker(app: TestApp) {
    let (anna, anna_email) = person(&app, 301, "Anna").await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;
    let case_id = active(&app, &anna, "00101").await;
    let today = app::today();

    // The case page: the certificate, and the decisions an active one takes.
    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("00101")
        .assert_contains("Aktivt")
        .assert_contains("Beslut om certifikatet")
        .assert_contains("Årlig förlängning");
    assert_eq!(offered(&page, &case_id), [SUSPEND, WITHDRAW, "scope"]);

    // «Suspendera»: the confirmation page names the holder, the certificate and what
    // will happen.
    let page = bertil.get(&format!("/staff/cases/{case_id}/suspend")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Suspendera certifikat</h1>")
        .assert_contains("Anna Testsson")
        .assert_contains(&pnr_display(301))
        .assert_contains("Personcertifikat f-gas kat A1")
        .assert_contains("00101")
        .assert_contains("Suspenderad till")
        .assert_contains("type=\"date\"")
        .assert_contains("Motivering")
        .assert_contains("name=\"csrf\"");

    let until = today + days(30);
    let r = decide(
        &mut bertil,
        &case_id,
        SUSPEND,
        &[
            ("until", &ymd(until)),
            ("reason", "Felaktig hantering av köldmedium."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/staff/cases/{case_id}"));
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Suspended);
    assert_eq!(case.suspended_until, Some(until));
    assert_eq!(case.latest_decision_on, Some(today));
    let e = latest_event(&app, &case_id).await;
    assert_eq!(e.kind, EventKind::CertificateSuspended);
    assert_eq!(e.actor_id.as_deref(), Some(bertil_id.as_str()));
    assert!(decisions_of(&app, &case_id).await.contains(&(
        domain::certification::DecisionKind::Suspend,
        bertil_id.clone(),
        "Felaktig hantering av köldmedium.".into()
    )));
    let mail = app.mails_to(&anna_email).await.pop().expect("letter");
    assert!(mail.subject.contains("suspenderat"), "{}", mail.subject);
    assert!(mail.body.contains("Felaktig hantering av köldmedium."));
    assert!(mail.body.contains(&ymd(until)));
    assert!(mail.body.contains(APPEAL), "{}", mail.body);

    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains("Certifikatet är suspenderat")
        .assert_contains("Suspenderat till")
        .assert_contains("Felaktig hantering av köldmedium.");
    assert_eq!(offered(&page, &case_id), ["lift", WITHDRAW, "scope"]);
    // Suspended already: the rule's text, nothing written.
    let before = footprint(&app).await;
    let r = bertil.get(&format!("/staff/cases/{case_id}/suspend")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Certifikatet är redan suspenderat.");
    let r = decide(
        &mut bertil,
        &case_id,
        SUSPEND,
        &[("until", &ymd(until)), ("reason", "Igen")],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);

    // «Häv suspension».
    let page = bertil.get(&format!("/staff/cases/{case_id}/lift")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Häv suspension</h1>");
    let r = decide(&mut bertil, &case_id, "lift", &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Skriv en motivering till beslutet.");
    assert_eq!(footprint(&app).await, before);
    let r = decide(&mut bertil, &case_id, "lift", &[("reason", "Rättat.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.suspended_until, None);
    assert_eq!(
        latest_event(&app, &case_id).await.kind,
        EventKind::SuspensionLifted
    );
    let mail = app.mails_to(&anna_email).await.pop().expect("letter");
    assert!(mail.subject.contains("hävd"), "{}", mail.subject);
    assert!(mail.body.contains("Rättat.") && mail.body.contains(APPEAL));
    // Only a suspended certificate has a suspension to lift.
    let r = bertil.get(&format!("/staff/cases/{case_id}/lift")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Certifikatet är inte suspenderat.");
    let before = footprint(&app).await;
    let r = decide(&mut bertil, &case_id, "lift", &[("reason", "Igen")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);

    // «Begränsa omfattning»: both fields required, kept when the other is missing.
    let page = bertil.get(&format!("/staff/cases/{case_id}/scope")).await;
    page.assert_contains("<h1>Begränsa omfattning</h1>")
        .assert_contains("Begränsad omfattning");
    let r = decide(
        &mut bertil,
        &case_id,
        "scope",
        &[("scope", ""), ("reason", "Brister vid kontroll.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Beskriv den begränsade omfattningen.")
        .assert_contains("Brister vid kontroll.</textarea>")
        .assert_contains("href=\"#f-scope\"");
    assert_eq!(footprint(&app).await, before);
    let r = decide(
        &mut bertil,
        &case_id,
        "scope",
        &[
            ("scope", "Endast system under 3 kg köldmedium."),
            ("reason", "Brister vid kontroll."),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.scope_note, "Endast system under 3 kg köldmedium.");
    assert_eq!(
        latest_event(&app, &case_id).await.kind,
        EventKind::ScopeReduced
    );
    let mail = app.mails_to(&anna_email).await.pop().expect("letter");
    assert!(mail.body.contains("Endast system under 3 kg köldmedium."));
    assert!(mail.body.contains("Brister vid kontroll.") && mail.body.contains(APPEAL));
    bertil
        .get(&format!("/staff/cases/{case_id}"))
        .await
        .assert_contains("Begränsad omfattning")
        .assert_contains("Endast system under 3 kg köldmedium.");

    // «Återkalla»: final.
    let page = bertil
        .get(&format!("/staff/cases/{case_id}/withdraw"))
        .await;
    page.assert_contains("<h1>Återkalla certifikat</h1>")
        .assert_contains("button-danger");
    let r = decide(
        &mut bertil,
        &case_id,
        WITHDRAW,
        &[("reason", "Upprepade brister.")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Withdrawn);
    assert_eq!(
        latest_event(&app, &case_id).await.kind,
        EventKind::CertificateWithdrawn
    );
    let mail = app.mails_to(&anna_email).await.pop().expect("letter");
    assert!(mail.subject.contains("återkallat"), "{}", mail.subject);
    assert!(mail.body.contains("Upprepade brister.") && mail.body.contains(APPEAL));
    let kinds: Vec<_> = decisions_of(&app, &case_id)
        .await
        .into_iter()
        .map(|d| d.0)
        .collect();
    assert_eq!(kinds.len(), 4);

    // Nothing more is offered, and nothing more is taken.
    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains("Återkallat")
        .assert_contains("Certifikatet gäller inte längre.");
    assert!(offered(&page, &case_id).is_empty());
    let before = footprint(&app).await;
    for action in [SUSPEND, "lift", WITHDRAW, "scope"] {
        let r = bertil
            .get(&format!("/staff/cases/{case_id}/{action}"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{action}");
        let r = decide(
            &mut bertil,
            &case_id,
            action,
            &[
                ("until", &ymd(today + days(10))),
                ("scope", "Något"),
                ("reason", "Igen"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{action}");
    }
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Withdrawn);
}

async fn officers_and_own_certificates_are_refused(app: TestApp) {
    let (anna, _) = person(&app, 302, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;
    let case_id = active(&app, &anna, "00102").await;
    let today = app::today();
    let until = ymd(today + days(30));
    let before = footprint(&app).await;

    // A «Handläggare» reads the certificate but decides nothing on it.
    let page = hanna.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("00102")
        .assert_contains("Bara en beslutsfattare kan suspendera");
    assert!(offered(&page, &case_id).is_empty());
    for action in [SUSPEND, "lift", WITHDRAW, "scope"] {
        let r = hanna.get(&format!("/staff/cases/{case_id}/{action}")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
        let fields = [
            ("until", until.as_str()),
            ("scope", "Något"),
            ("reason", "Skäl"),
        ];
        let r = decide(&mut hanna, &case_id, action, &fields).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
        // An empty form is refused for the role too, not re-shown.
        let r = decide(&mut hanna, &case_id, action, &[("reason", "")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
    }
    // Without the form's CSRF token nothing is taken either.
    let r = bertil
        .post_raw(
            &format!("/staff/cases/{case_id}/withdraw"),
            "reason=Skäl".into(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Active);

    // A decision maker never decides on their own certificate.
    let own = active(&app, &bertil_id, "00103").await;
    let page = bertil.get(&format!("/staff/cases/{own}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Det här är din egen ansökan");
    assert!(offered(&page, &own).is_empty());
    let before = footprint(&app).await;
    for action in [SUSPEND, WITHDRAW, "scope"] {
        let r = bertil.get(&format!("/staff/cases/{own}/{action}")).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{action}");
        r.assert_contains("Det här är din egen ansökan");
        let fields = [
            ("until", until.as_str()),
            ("scope", "Något"),
            ("reason", "Skäl"),
        ];
        let r = decide(&mut bertil, &own, action, &fields).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{action}");
    }
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &own).await.status, CaseStatus::Active);
    // And an unknown case is simply not there.
    let r = bertil
        .get("/staff/cases/00000000-0000-0000-0000-000000000000/suspend")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn the_suspension_end_date_is_checked(app: TestApp) {
    let (anna, _) = person(&app, 303, "Anna").await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;
    let case_id = active(&app, &anna, "00104").await;
    let today = app::today();
    let latest = domain::certification::life::add_months(
        today,
        domain::certification::life::MAX_SUSPENSION_MONTHS,
    );
    let before = footprint(&app).await;
    let reason = "Kontroll pågår.";
    for (until, message) in [
        (
            String::new(),
            "Ange till vilket datum certifikatet är suspenderat",
        ),
        ("31/12/2026".into(), "Ange datumet som år-månad-dag"),
        (ymd(today - days(1)), "Slutdatumet måste vara efter i dag."),
        (ymd(today), "Slutdatumet måste vara efter i dag."),
        (
            ymd(latest + days(1)),
            "En suspension får vara högst sex månader.",
        ),
    ] {
        let r = decide(
            &mut bertil,
            &case_id,
            SUSPEND,
            &[("until", &until), ("reason", reason)],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{until}");
        r.assert_contains(message)
            .assert_contains("href=\"#f-until\"")
            .assert_contains(&format!("value=\"{until}\""))
            .assert_contains("Kontroll pågår.</textarea>");
    }
    // Both missing: both named, in the form's order.
    let r = decide(
        &mut bertil,
        &case_id,
        SUSPEND,
        &[("until", ""), ("reason", "")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let at_until = r.body.find("href=\"#f-until\"").expect("until error");
    let at_reason = r.body.find("href=\"#f-reason\"").expect("reason error");
    assert!(at_until < at_reason);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Active);

    // Six months to the day is allowed.
    let r = decide(
        &mut bertil,
        &case_id,
        SUSPEND,
        &[("until", &ymd(latest)), ("reason", reason)],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(case_of(&app, &case_id).await.suspended_until, Some(latest));
}

async fn staff_register_a_paper_attestation(app: TestApp) {
    let (anna, anna_email) = person(&app, 304, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let today = app::today();
    // Issued a year ago less a month: the first attestation is due in a month, so open.
    let issued_on = today - days(335);
    let valid = domain::certification::life::add_years(issued_on, 5);
    let due = domain::certification::life::add_years(issued_on, 1);
    let case_id = issued(&app, &anna, "00105", issued_on, valid, Some(due)).await;
    // Another whose attestation is not open yet.
    let later = active(&app, &anna, "00106").await;

    let page = hanna.get(&format!("/staff/cases/{later}")).await;
    assert!(!page
        .body
        .contains("Registrera årlig förlängning (pappersintyg)"));
    let before = footprint(&app).await;
    let r = hanna
        .post(
            &format!("/staff/cases/{later}/annual"),
            &[("note", "Intyg")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Årlig förlängning går att intyga först två månader före förfallodagen.");
    assert_eq!(footprint(&app).await, before);

    let page = hanna.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains("Registrera årlig förlängning (pappersintyg)")
        .assert_contains(&format!("action=\"/staff/cases/{case_id}/annual\""))
        .assert_contains(&ymd(due))
        .assert_contains("Ingen årlig förlängning är intygad ännu.");
    let r = hanna
        .post(&format!("/staff/cases/{case_id}/annual"), &[("note", "  ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Skriv en anteckning om pappersintyget.")
        .assert_contains("href=\"#f-note\"");
    assert_eq!(footprint(&app).await, before);

    let note = "Intyg från Kyl AB inkom per post.";
    let r = hanna
        .post(&format!("/staff/cases/{case_id}/annual"), &[("note", note)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(
        case.annual_renewal_on,
        Some(domain::certification::life::add_years(issued_on, 2))
    );
    let id = case_id.clone();
    let recorded = app
        .state
        .db
        .run(move |c| AnnualAttestation::for_case(c, &id))
        .await
        .unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        recorded[0].basis,
        domain::certification::AttestationBasis::Staff
    );
    assert_eq!(recorded[0].due_on, due);
    assert_eq!(recorded[0].note, note);
    assert_eq!(
        latest_event(&app, &case_id).await.kind,
        EventKind::AnnualAttested
    );
    assert!(app
        .mails_to(&anna_email)
        .await
        .iter()
        .all(|m| !m.body.contains(note)));
    let page = hanna.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains(note)
        .assert_contains("Pappersintyg")
        .assert_contains("Hanna Personal");
    assert!(!page
        .body
        .contains("Registrera årlig förlängning (pappersintyg)"));
    // The same year twice: refused.
    let r = hanna
        .post(&format!("/staff/cases/{case_id}/annual"), &[("note", note)])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // An inactive certificate whose attestation is overdue becomes active again.
    let overdue_issued = today - days(380);
    let inactive = issued(
        &app,
        &anna,
        "00107",
        overdue_issued,
        domain::certification::life::add_years(overdue_issued, 5),
        Some(domain::certification::life::add_years(overdue_issued, 1)),
    )
    .await;
    let id = inactive.clone();
    app.state
        .db
        .run(move |c| {
            Case::change_status(
                c,
                &id,
                store::models::Change {
                    from: CaseStatus::Active,
                    to: CaseStatus::Inactive,
                },
            )
        })
        .await
        .unwrap();
    let page = hanna.get(&format!("/staff/cases/{inactive}")).await;
    page.assert_contains("Inaktivt")
        .assert_contains("Registrera årlig förlängning (pappersintyg)");
    let r = hanna
        .post(
            &format!("/staff/cases/{inactive}/annual"),
            &[("note", "Sent intyg.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(case_of(&app, &inactive).await.status, CaseStatus::Active);
}

async fn suspensions_that_reached_their_end_are_queued(app: TestApp) {
    let (anna, _) = person(&app, 305, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;
    let case_id = active(&app, &anna, "00108").await;
    let other = active(&app, &anna, "00109").await;
    let today = app::today();
    for id in [&case_id, &other] {
        let r = decide(
            &mut bertil,
            id,
            SUSPEND,
            &[("until", &ymd(today + days(14))), ("reason", "Utredning.")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let r = hanna.get("/staff/suspensions").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Suspensioner som löper ut</h1>")
        .assert_contains("Inga suspensioner har nått sitt slutdatum.");
    hanna
        .get("/staff")
        .await
        .assert_contains("href=\"/staff/suspensions\"")
        .assert_contains("0 suspensioner har nått sitt slutdatum");

    // The end date passes without a decision.
    let (id, ended) = (case_id.clone(), today - days(2));
    app.state
        .db
        .run(move |c| {
            use diesel::prelude::*;
            use store::schema::cases;
            diesel::update(cases::table.find(id))
                .set(cases::suspended_until.eq(ended))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    let r = hanna.get("/staff/suspensions").await;
    r.assert_contains("Anna Testsson")
        .assert_contains("Personcertifikat f-gas kat A1")
        .assert_contains("00108")
        .assert_contains(&ymd(ended))
        .assert_contains(&format!("href=\"/staff/cases/{case_id}\""));
    assert!(!r.body.contains("00109"), "not yet ended");
    hanna
        .get("/staff")
        .await
        .assert_contains("1 suspension har nått sitt slutdatum");
    // Nothing happened to it by itself.
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Suspended);
    // Lifted, it leaves the queue.
    let r = decide(&mut bertil, &case_id, "lift", &[("reason", "Utredd.")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    hanna
        .get("/staff/suspensions")
        .await
        .assert_contains("Inga suspensioner har nått sitt slutdatum.");
    // Only staff see the queue.
    let mut anna_b = app.new_browser();
    anna_b.login("anna@example.se", PASSWORD).await;
    assert_eq!(
        anna_b.get("/staff/suspensions").await.status,
        StatusCode::FORBIDDEN
    );
}

async fn a_recertification_is_issued_with_the_computed_date(app: TestApp) {
    let (anna, anna_email) = person(&app, 306, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;
    let today = app::today();
    // Issued almost five years ago: valid for three more months, recertification open.
    let old_valid = today + days(90);
    let issued_on = domain::certification::life::add_years(old_valid, -5);
    let old = issued(&app, &anna, "00110", issued_on, old_valid, None).await;
    let (pid, oid) = (anna.clone(), old.clone());
    let new = app
        .state
        .db
        .run(move |c| {
            let actor = app::Actor {
                id: pid,
                ..Default::default()
            };
            Ok(app::life::apply_recertification(c, &actor, &oid, today))
        })
        .await
        .unwrap()
        .expect("recertification opened");
    let nid = new.clone();
    let moments = app
        .state
        .db
        .run(move |c| crate::harness::case_moments(c, &nid))
        .await
        .unwrap();
    for m in moments {
        upload(
            &app,
            &anna,
            &new,
            &m.moment.id,
            "intyg.pdf",
            "application/pdf",
        )
        .await;
        let r = hanna
            .post(
                &format!("/staff/moments/{}/review", m.moment.id),
                &[("decision", "approve"), ("comment", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    attest_and_invoice(&app, &anna, &new).await;

    let expected = domain::certification::life::recertified_valid_until(old_valid, 5);
    let page = bertil.get(&format!("/staff/cases/{new}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Ärendet omcertifierar certifikat 00110.")
        .assert_contains(&ymd(old_valid))
        .assert_contains(&ymd(expected))
        .assert_contains(&format!(
            "<input type=\"hidden\" name=\"valid_until\" value=\"{}\">",
            ymd(expected)
        ))
        .assert_contains(&format!("href=\"/staff/cases/{old}\""));
    assert!(
        !page.body.contains("id=\"f-valid_until\""),
        "no date to enter"
    );

    // Issued without a date of its own: the certificate keeps its number and gains the
    // type's validity from the old «Giltigt till».
    let r = bertil
        .post(&format!("/staff/cases/{new}/issue"), &[("valid_until", "")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let renewed = case_of(&app, &new).await;
    assert_eq!(renewed.status, CaseStatus::Active);
    assert_eq!(renewed.certificate_number.as_deref(), Some("00110"));
    assert_eq!(renewed.valid_until, Some(expected));
    let was = case_of(&app, &old).await;
    assert_eq!(was.status, CaseStatus::Recertified);
    assert_eq!(was.renewed_by_case_id.as_deref(), Some(new.as_str()));
    assert!(app
        .mails_to(&anna_email)
        .await
        .iter()
        .any(|m| m.body.contains(&ymd(expected))));
    // The old case now shows where its certificate went, and takes no decisions.
    let page = bertil.get(&format!("/staff/cases/{old}")).await;
    page.assert_contains("Omcertifierad")
        .assert_contains(&format!("href=\"/staff/cases/{new}\""));
    assert!(offered(&page, &old).is_empty());
    // The renewed certificate does.
    let page = bertil.get(&format!("/staff/cases/{new}")).await;
    assert_eq!(offered(&page, &new), [SUSPEND, WITHDRAW, "scope"]);
}
