//! The two decisions: issuing (with gap-free certificate numbers under concurrency)
//! and rejecting.

use super::*;

crate::on_both_backends!(
    issuing_a_certificate,
    rejecting_an_application,
    parallel_issuing_gives_unique_gap_free_numbers,
);

async fn issuing_a_certificate(app: TestApp) {
    let (anna, anna_email) = person(&app, 112, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;

    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    for text in [
        &format!("action=\"/staff/cases/{case_id}/issue\""),
        "Utfärda certifikat",
        "Giltigt till",
        "type=\"date\"",
        "Utfärdande organ",
        ">Land <span class=\"required\">*</span>",
        "Certifikatnummer hos det utfärdande organet",
        &format!("href=\"/staff/cases/{case_id}/reject\">Avslå</a>"),
    ] {
        page.assert_contains(text);
    }

    let path = format!("/staff/cases/{case_id}/issue");
    let before = footprint(&app).await;
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", ""),
                ("external_body", ""),
                ("external_country", ""),
                ("external_number", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Ange till vilket datum certifikatet gäller")
        .assert_contains("Ange vilket organ som har utfärdat certifikatet")
        .assert_contains("Ange i vilket land certifikatet är utfärdat")
        .assert_contains("Ange certifikatnumret hos det utfärdande organet")
        .assert_contains("href=\"#f-valid_until\"");
    let today_s = ymd(today());
    for (date, message) in [
        ("31/12/2030", "Ange datumet som år-månad-dag"),
        ("2030-02-30", "Ange datumet som år-månad-dag"),
        ("2020-01-01", "Datumet måste vara efter dagens datum"),
        (today_s.as_str(), "Datumet måste vara efter dagens datum"),
    ] {
        let r = bertil
            .post(
                &path,
                &[
                    ("valid_until", date),
                    ("external_body", "Kiwa Sverige"),
                    ("external_country", "Sverige"),
                    ("external_number", "K-123"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        r.assert_contains(message)
            .assert_contains("value=\"Kiwa Sverige\"");
    }
    assert_eq!(footprint(&app).await, before, "nothing changed");
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);

    let valid = today() + time::Duration::days(3 * 365);
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", &ymd(valid)),
                ("external_body", "Kiwa Sverige"),
                ("external_country", "Sverige"),
                ("external_number", "K-123"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/staff/cases/{case_id}"));
    let page = bertil.follow(r).await;
    page.assert_contains("Certifikatet är utfärdat")
        .assert_contains("Aktivt")
        .assert_contains("00001")
        .assert_contains("Beslut är fattat i ärendet")
        .assert_contains("Certifikat utfärdat: 00001");
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));

    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.certificate_number.as_deref(), Some("00001"));
    assert_eq!(case.issued_on, Some(today()));
    assert_eq!(case.valid_until, Some(valid));
    assert_eq!(case.latest_decision_on, Some(today()));
    assert_eq!(case.external_body, "Kiwa Sverige");
    assert_eq!(case.external_country, "Sverige");
    assert_eq!(case.external_number, "K-123");
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![(
            domain::certification::DecisionKind::Issue,
            bertil_id.clone(),
            String::new()
        )]
    );
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::CertificateIssued);
    assert_eq!(events[0].detail, "00001");
    assert_eq!(events[0].actor_id.as_deref(), Some(bertil_id.as_str()));
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("00001"), "{}", mail.subject);
    assert!(
        mail.body.contains(&ymd(valid)) && mail.body.contains("Certifikatnummer: 00001"),
        "{}",
        mail.body
    );
    assert!(mail
        .body
        .contains(&format!("{}/cases/{case_id}", app.state.config.base_url)));
    bertil
        .get("/staff/cases")
        .await
        .assert_contains("0 träffar");

    // A second decision on the same case is refused and changes nothing.
    let before = footprint(&app).await;
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", &ymd(valid)),
                ("external_body", "X"),
                ("external_country", "Y"),
                ("external_number", "Z"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Ärendet är avslutat");
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.external_body, "Kiwa Sverige");
}

async fn rejecting_an_application(app: TestApp) {
    let (anna, anna_email) = person(&app, 113, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;

    let page = bertil.get(&format!("/staff/cases/{case_id}/reject")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Avslå ansökan</h1>")
        .assert_contains("Ansökan avslås")
        .assert_contains("Personen får ett e-postmeddelande")
        .assert_contains("Anna Testsson")
        .assert_contains("Motivering <span class=\"required\">*</span>")
        .assert_contains(">Avslå ansökan</button>")
        .assert_contains(&format!("href=\"/staff/cases/{case_id}\">Avbryt</a>"))
        .assert_contains("name=\"csrf\"");

    let path = format!("/staff/cases/{case_id}/reject");
    let before = footprint(&app).await;
    let r = bertil.post(&path, &[("reason", "  ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Skriv en motivering som förklarar varför ansökan avslås")
        .assert_contains("aria-invalid=\"true\"");
    assert_eq!(footprint(&app).await, before);

    let reason = "Det uppladdade certifikatet har slutat gälla.";
    let r = bertil.post(&path, &[("reason", reason)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/staff/cases/{case_id}"));
    let page = bertil.follow(r).await;
    page.assert_contains("Ansökan är avslagen")
        .assert_contains("Avslag")
        .assert_contains(reason);

    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Rejected);
    assert_eq!(case.decision_reason, reason);
    assert_eq!(case.latest_decision_on, Some(today()));
    assert!(case.certificate_number.is_none());
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![(
            domain::certification::DecisionKind::Reject,
            bertil_id,
            reason.to_string()
        )]
    );
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::ApplicationRejected);
    assert_eq!(events[0].detail, reason);
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("avslagen"), "{}", mail.subject);
    assert!(mail.body.contains(reason), "{}", mail.body);

    let before = footprint(&app).await;
    let r = bertil.post(&path, &[("reason", "Igen")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);
}

async fn parallel_issuing_gives_unique_gap_free_numbers(app: TestApp) {
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let mut cases = Vec::new();
    for i in 0..7u32 {
        let (pid, _) = person(&app, 120 + i, &format!("Person{i}")).await;
        cases.push(ready_case(&app, &mut hanna, &pid).await);
    }
    staff(&app, "Bertil", false, true).await;
    let mut browsers = Vec::new();
    for _ in 0..8 {
        let mut b = app.new_browser();
        b.login("bertil@cert.example.se", PASSWORD).await;
        b.get("/staff").await;
        browsers.push(b);
    }
    let valid = ymd(today() + time::Duration::days(700));
    // Six cases at once, and the seventh twice at once: one of those two must lose.
    let targets: Vec<String> = cases[..6]
        .iter()
        .cloned()
        .chain([cases[6].clone(), cases[6].clone()])
        .collect();
    let results =
        futures_util::future::join_all(browsers.iter_mut().zip(targets.iter()).map(|(b, id)| {
            let valid = valid.clone();
            async move {
                b.post(
                    &format!("/staff/cases/{id}/issue"),
                    &[
                        ("valid_until", valid.as_str()),
                        ("external_body", "Kiwa"),
                        ("external_country", "Sverige"),
                        ("external_number", "K-1"),
                    ],
                )
                .await
                .status
            }
        }))
        .await;
    assert!(
        results[..6].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{results:?}"
    );
    let mut last_two = results[6..].to_vec();
    last_two.sort();
    assert_eq!(
        last_two,
        vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT],
        "one decision per case"
    );

    let mut numbers = Vec::new();
    for id in &cases {
        let case = case_of(&app, id).await;
        assert_eq!(case.status, CaseStatus::Active);
        numbers.push(case.certificate_number.unwrap());
    }
    numbers.sort();
    let expected: Vec<String> = (1..=7).map(|n| format!("{n:05}")).collect();
    assert_eq!(numbers, expected, "unique and without gaps");
    assert_eq!(app.count("decisions").await, 7);
}
