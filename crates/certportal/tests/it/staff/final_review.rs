//! The final review page and who may decide: an incomplete case, a case officer, the
//! moment's reviewer, and the staff member's own case.

use super::*;

crate::on_both_backends!(
    final_review_refuses_an_incomplete_case,
    a_case_officer_sees_the_final_review_but_cannot_decide,
    the_reviewer_may_not_decide,
    staff_do_not_handle_their_own_case,
);

async fn final_review_refuses_an_incomplete_case(app: TestApp) {
    let (anna, _) = person(&app, 109, "Anna").await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;

    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Ärendet är inte klart för slutgranskning")
        .assert_contains("Anna Testsson")
        .assert_contains(MOMENT)
        .assert_contains("Ansökan är inte intygad ännu")
        .assert_contains("Ingen fakturamottagare är angiven ännu");
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));
    assert!(!page
        .body
        .contains(&format!("href=\"/staff/cases/{case_id}/reject\"")));
    bertil
        .get("/staff/cases")
        .await
        .assert_contains("0 träffar");

    let before = footprint(&app).await;
    let valid = ymd(today() + time::Duration::days(400));
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Ärendet är inte klart för slutgranskning");
    assert_eq!(
        bertil
            .get(&format!("/staff/cases/{case_id}/reject"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Saknas")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::InProgress);
    assert!(case.certificate_number.is_none() && case.latest_decision_on.is_none());

    // Approved and attested, but still no invoice recipient: not ready either.
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let r = hanna
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (pid, cid) = (anna.clone(), case_id.clone());
    app.state
        .db
        .run(move |c| {
            let text = CommitmentText::current(c, "externt")?.unwrap();
            Attestation::record(c, &cid, &pid, &text.id)
        })
        .await
        .unwrap();
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[("valid_until", &valid)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);
    assert_eq!(app.count("decisions").await, 0);
}

async fn a_case_officer_sees_the_final_review_but_cannot_decide(app: TestApp) {
    let (anna, anna_email) = person(&app, 110, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (_, mut harald) = staff(&app, "Harald", true, false).await;

    let list = harald.get("/staff/cases").await;
    list.assert_contains("<h1>Klara för slutgranskning</h1>")
        .assert_contains("1 träff")
        .assert_contains("Anna Testsson")
        .assert_contains(&format!("href=\"/staff/cases/{case_id}\""));
    harald
        .get("/staff")
        .await
        .assert_contains("1 ärende väntar");

    let page = harald.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<h1>Slutgranskning</h1>",
        "Anna Testsson",
        &pnr_display(110),
        "anna@example.se",
        "Externt certifikat - Personcertifikat f-gas kat V - Externt",
        "Pågående",
        MOMENT,
        "Godkänt",
        "Hanna Personal",
        "Version 1",
        "Mig personligen",
        "Privat Mottagare",
        "Storgatan 1",
        "903 25 Umeå",
        "Order 4711",
        "Händelselogg",
        "Moment godkänt",
        "Bara en beslutsfattare kan utfärda certifikatet",
    ] {
        page.assert_contains(text);
    }
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));
    assert!(
        !page.body.contains("Ladda upp fil"),
        "no upload links for staff"
    );

    let before = footprint(&app).await;
    let valid = ymd(today() + time::Duration::days(400));
    let r = harald
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    r.assert_contains("Bara en beslutsfattare kan fatta det här beslutet");
    assert_eq!(
        harald
            .get(&format!("/staff/cases/{case_id}/reject"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = harald
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);
    assert_eq!(
        app.mails_to(&anna_email).await.len(),
        2,
        "verification and the approval only"
    );
}

async fn the_reviewer_may_not_decide(app: TestApp) {
    let (anna, _) = person(&app, 111, "Anna").await;
    // Disa is both case officer and decision maker, and reviews the moment.
    let (_, mut disa) = staff(&app, "Disa", true, true).await;
    let case_id = ready_case(&app, &mut disa, &anna).await;

    let page = disa.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains(
        "Du har granskat ett moment i det här ärendet och får därför inte fatta beslut i det",
    );
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));
    assert!(!page
        .body
        .contains(&format!("href=\"/staff/cases/{case_id}/reject\"")));

    let before = footprint(&app).await;
    let valid = ymd(today() + time::Duration::days(400));
    let fields = [
        ("valid_until", valid.as_str()),
        ("external_body", "Kiwa"),
        ("external_country", "Sverige"),
        ("external_number", "K-1"),
    ];
    let r = disa
        .post(&format!("/staff/cases/{case_id}/issue"), &fields)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("får därför inte fatta beslut");
    let r = disa.get(&format!("/staff/cases/{case_id}/reject")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = disa
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("får därför inte fatta beslut");
    assert_eq!(footprint(&app).await, before);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::InProgress);
    assert!(case.certificate_number.is_none());

    // Another decision maker may, and gets the first number: the refusals used none.
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;
    let r = bertil
        .post(&format!("/staff/cases/{case_id}/issue"), &fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        case_of(&app, &case_id).await.certificate_number.as_deref(),
        Some("00001")
    );
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![(
            domain::certification::DecisionKind::Issue,
            bertil_id,
            String::new()
        )]
    );
}

async fn staff_do_not_handle_their_own_case(app: TestApp) {
    // A decision maker who also holds (applies for) a certificate.
    let (_, mut bertil) = staff(&app, "Bertil", true, true).await;
    let bertil_id = {
        app.state
            .db
            .run(|c| store::models::person::Person::find_by_email(c, "bertil@cert.example.se"))
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (case_id, moment_id) = open_case(&app, &bertil_id, KAT_V).await;
    upload(
        &app,
        &bertil_id,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let page = bertil.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains("Det här är din egen ansökan");
    assert!(!page.body.contains("Spara granskning"));
    let before = footprint(&app).await;
    let r = bertil
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Det här är din egen ansökan");
    assert_eq!(footprint(&app).await, before);

    // Reviewed by someone else and complete: still not his to decide.
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let r = hanna
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    attest_and_invoice(&app, &bertil_id, &case_id).await;
    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains("Det här är din egen ansökan");
    let valid = ymd(today() + time::Duration::days(400));
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);
}
