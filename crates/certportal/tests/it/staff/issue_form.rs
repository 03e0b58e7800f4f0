//! The forms of «Utfärda certifikat», «Avslå» and «Spara granskning» are checked field
//! by field before the application layer decides; the page is read again only to show
//! field errors, and a caller the rules refuse gets the refusal, not the form.

use super::*;

crate::on_both_backends!(
    our_own_certificate_takes_no_external_issuer,
    an_external_certificate_needs_its_issuer,
    field_errors_give_way_to_the_rules_refusal,
);

const FGAS_1: &str = "Personcertifikat f-gas kat A1";

async fn our_own_certificate_takes_no_external_issuer(app: TestApp) {
    let (anna, anna_email) = person(&app, 130, "Anna").await;
    let (case_id, training) = open_case(&app, &anna, FGAS_1).await;
    upload(
        &app,
        &anna,
        &case_id,
        &training,
        "intyg.pdf",
        "application/pdf",
    )
    .await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let moments = {
        let id = case_id.clone();
        app.state
            .db
            .run(move |c| crate::harness::case_moments(c, &id))
            .await
            .unwrap()
    };
    // The training certificate, the check of qualification and the two exams (staff review
    // exams taken elsewhere by hand).
    assert_eq!(moments.len(), 4);
    for m in &moments {
        let r = hanna
            .post(
                &format!("/staff/moments/{}/review", m.moment.id),
                &[("decision", "approve")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    attest_and_invoice(&app, &anna, &case_id).await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;

    // The form suggests today plus the type's five years and asks nothing of another body.
    let suggested = domain::certification::default_valid_until(5, false, today()).unwrap();
    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains(&format!("action=\"/staff/cases/{case_id}/issue\""))
        .assert_contains(&format!("value=\"{}\"", ymd(suggested)));
    assert!(!page.body.contains("Utfärdande organ"));

    // What the form sends: «Giltigt till» only. A stray other body is not stored.
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[("valid_until", &ymd(suggested)), ("external_body", "Kiwa")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.certificate_number.as_deref(), Some("00001"));
    assert_eq!(case.valid_until, Some(suggested));
    assert_eq!(
        (
            case.external_body.as_str(),
            case.external_country.as_str(),
            case.external_number.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![(
            domain::certification::DecisionKind::Issue,
            bertil_id,
            String::new()
        )]
    );
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("00001"), "{}", mail.subject);
    assert!(mail.body.contains(FGAS_1), "{}", mail.body);
}

async fn an_external_certificate_needs_its_issuer(app: TestApp) {
    let (anna, _) = person(&app, 131, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;
    let path = format!("/staff/cases/{case_id}/issue");
    let valid = ymd(today() + time::Duration::days(400));

    // A form without the other body's fields (no page of an external type sends one):
    // refused by the rule, with nothing written and no number used.
    let before = footprint(&app).await;
    let r = bertil.post(&path, &[("valid_until", &valid)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Ett externt certifikat utfärdas med det utfärdande organets namn");
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);

    // Only some of them: the form comes back with the missing ones marked.
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", ""),
                ("external_number", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Ange i vilket land certifikatet är utfärdat")
        .assert_contains("Ange certifikatnumret hos det utfärdande organet")
        .assert_contains("value=\"Kiwa\"")
        .assert_contains(&format!("value=\"{valid}\""))
        .assert_contains("Händelselogg");
    assert!(!r
        .body
        .contains("Ange vilket organ som har utfärdat certifikatet"));
    assert_eq!(footprint(&app).await, before);

    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-9"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let case = case_of(&app, &case_id).await;
    assert_eq!(
        case.certificate_number.as_deref(),
        Some("00001"),
        "the refusal used no number"
    );
    assert_eq!(case.external_number, "K-9");
}

async fn field_errors_give_way_to_the_rules_refusal(app: TestApp) {
    let (anna, _) = person(&app, 132, "Anna").await;
    // Disa reviews the moment, so she may not decide the case.
    let (_, mut disa) = staff(&app, "Disa", true, true).await;
    let case_id = ready_case(&app, &mut disa, &anna).await;
    let (_, mut harald) = staff(&app, "Harald", true, false).await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;
    let issue = format!("/staff/cases/{case_id}/issue");
    let reject = format!("/staff/cases/{case_id}/reject");
    let empty = [
        ("valid_until", ""),
        ("external_body", ""),
        ("external_country", ""),
        ("external_number", ""),
    ];

    let before = footprint(&app).await;
    let r = disa.post(&issue, &empty).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "the rule, not the form");
    r.assert_contains("får därför inte fatta beslut");
    let r = disa.post(&reject, &[("reason", " ")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("får därför inte fatta beslut");
    let r = harald.post(&issue, &empty).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = harald.post(&reject, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(footprint(&app).await, before);

    // A case that does not exist: not found, with or without field errors.
    let missing = "00000000-0000-0000-0000-000000000000";
    let valid = ymd(today() + time::Duration::days(400));
    for fields in [
        &empty[..],
        &[
            ("valid_until", valid.as_str()),
            ("external_body", "Kiwa"),
            ("external_country", "Sverige"),
            ("external_number", "K-1"),
        ][..],
    ] {
        let r = bertil
            .post(&format!("/staff/cases/{missing}/issue"), fields)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let r = bertil
        .post(
            &format!("/staff/cases/{missing}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A moment that was reviewed already: the refusal, not the form's errors.
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
    let r = harald
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Momentet har inget att granska just nu");
    let r = harald
        .post(
            &format!("/staff/moments/{missing}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(footprint(&app).await, before);
}
