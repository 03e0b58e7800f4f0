//! An employment from request to end: the person asks, the company administrator
//! confirms, the invoice recipient and the company certificate follow, and either side
//! ends it.

use super::{company_with_admin, employed_and_confirmed, first_employment_id, staff};
use crate::certificates::KAT_V;
use crate::harness::TestApp;
use axum::http::StatusCode;
use store::models::case::{Case, Issue};

/// The transition an issue makes, for tests that issue a case directly in the store.
const ISSUED: store::models::Change<domain::certification::CaseStatus> = store::models::Change {
    from: domain::certification::CaseStatus::InProgress,
    to: domain::certification::CaseStatus::Active,
};

crate::on_both_backends!(
    employment_confirmed_and_company_certificate_follows,
    person_ends_own_employment,
);

async fn employment_confirmed_and_company_certificate_follows(mut app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    app.signed_in_person("19850615-4569", "Eva", "eva@example.se")
        .await;
    let form = app.get("/employments/new").await;
    form.assert_contains("Ny anställning")
        .assert_contains("Företag")
        .assert_contains("Startdatum");
    form.assert_contains(
        "Sök på fullständigt organisationsnummer. Endast exakt matchning ger resultat.",
    );
    // A partial number or a name finds nothing.
    for partial in ["556012", "Test Företag AB"] {
        let r = app
            .post(
                "/employments/new",
                &[
                    ("orgnr", partial),
                    ("start_date", "2026-01-01"),
                    ("action", "search"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!r.body.contains("Test Företag AB</strong>"), "{partial}");
    }
    let r = app
        .post(
            "/employments/new",
            &[("orgnr", "5560125790"), ("action", "search")],
        )
        .await;
    r.assert_contains("<strong>Test Företag AB</strong>");
    let r = app
        .post(
            "/employments/new",
            &[
                ("orgnr", "556012-5790"),
                ("start_date", ""),
                ("action", "save"),
            ],
        )
        .await;
    r.assert_contains("Ange startdatum");
    let r = app
        .post(
            "/employments/new",
            &[
                ("orgnr", "556012-5790"),
                ("start_date", "2026-01-01"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = app.follow(r).await;
    list.assert_contains("Din förfrågan är skickad")
        .assert_contains("Väntar på bekräftelse")
        .assert_contains("2026-01-01");
    let r = app
        .post(
            "/employments/new",
            &[
                ("orgnr", "556012-5790"),
                ("start_date", "2026-01-01"),
                ("action", "save"),
            ],
        )
        .await;
    r.assert_contains("redan en anställning eller en väntande förfrågan");
    let mails = app.mails_to("frida@example.se").await;
    assert!(
        mails.last().unwrap().subject.contains("Eva Testsson"),
        "{:?}",
        mails.last().unwrap().subject
    );

    let page = frida.get(&format!("/companies/{cid}")).await;
    page.assert_contains("Förfrågningar om anställning")
        .assert_contains("Eva Testsson")
        .assert_contains("Bekräfta")
        .assert_contains("Avböj");
    assert!(
        !page.body.contains("19850615"),
        "no personnummer on the company page"
    );
    let eid = first_employment_id(&page.body);
    let r = frida
        .post(&format!("/companies/{cid}/employments/{eid}/confirm"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app
        .mails_to("eva@example.se")
        .await
        .last()
        .unwrap()
        .subject
        .contains("bekräftad"));
    app.get("/employments").await.assert_contains("Bekräftad");
    app.get("/events")
        .await
        .assert_contains("Anställning begärd")
        .assert_contains("Anställning bekräftad");
    // A second answer to the same request is refused.
    assert_eq!(
        frida
            .post(&format!("/companies/{cid}/employments/{eid}/reject"), &[])
            .await
            .status,
        StatusCode::CONFLICT
    );

    // The invoice recipient is pre-filled from the employment.
    let case_id = crate::certificates::apply(&mut app, KAT_V).await;
    let invoice = app.get(&format!("/cases/{case_id}/invoice")).await;
    invoice
        .assert_contains("Baserat på din anställning")
        .assert_contains("556012-5790")
        .assert_contains("value=\"company\" checked");

    // Eva's certificate is issued: the company certificate becomes active.
    let eva_id = app
        .state
        .db
        .run(|c| store::models::person::Person::find_by_email(c, "eva@example.se"))
        .await
        .unwrap()
        .unwrap()
        .id;
    let e = eva_id.clone();
    let id = case_id.clone();
    let base = app.state.config.base_url.clone();
    app.state
        .db
        .run(move |c| {
            store::write_tx(c, |c| {
                let today = app::today();
                Case::issue(
                    c,
                    &id,
                    ISSUED,
                    &Issue {
                        certificate_number: "09999".into(),
                        issued_on: today,
                        valid_until: today + time::Duration::days(400),
                        external_body: String::new(),
                        external_country: String::new(),
                        external_number: String::new(),
                        annual_renewal_on: None,
                        recertification_on: None,
                        status_index: None,
                    },
                )?;
                app::standing::recompute_for_person(c, &e, None, &base, app::today())?;
                Ok(())
            })
        })
        .await
        .unwrap();
    let page = frida.get(&format!("/companies/{cid}")).await;
    page.assert_contains("Hålls aktivt av: Eva Testsson")
        .assert_contains("09999")
        .assert_contains(KAT_V);

    // Ending the last qualifying employment puts it at risk: e-mail, staff list, event.
    let end_page = frida
        .get(&format!("/companies/{cid}/employments/{eid}/end"))
        .await;
    end_page
        .assert_contains("Avsluta anställning")
        .assert_contains("Slutdatum");
    let r = frida
        .post(
            &format!("/companies/{cid}/employments/{eid}/end"),
            &[("end_date", "2099-01-01")],
        )
        .await;
    r.assert_contains("kan inte ligga i framtiden");
    let today = domain::stockholm::format_date(app::today());
    let r = frida
        .post(
            &format!("/companies/{cid}/employments/{eid}/end"),
            &[("end_date", &today)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = frida.follow(r).await;
    page.assert_contains("I riskzonen")
        .assert_contains("Tidigare och avböjda")
        .assert_contains("Avslutad");
    assert!(frida
        .mails_to("frida@example.se")
        .await
        .last()
        .unwrap()
        .subject
        .contains("i riskzonen"));
    let mut officer = staff(
        &app,
        "hanna@example.se",
        web::admin::StaffRoles {
            handlaggare: true,
            ..Default::default()
        },
    )
    .await;
    officer
        .get("/staff/companies-at-risk")
        .await
        .assert_contains("Test Företag AB");
    app.get("/employments").await.assert_contains("Avslutad");
    let cid2 = cid.clone();
    let kinds: Vec<String> = app
        .state
        .db
        .run(move |c| {
            use diesel::prelude::*;
            use store::schema::events::dsl::*;
            Ok(events
                .filter(company_id.eq(cid2))
                .select(kind)
                .load::<String>(c)?)
        })
        .await
        .unwrap();
    assert!(
        kinds.contains(&"company-certificate-at-risk".to_string()),
        "{kinds:?}"
    );
}

async fn person_ends_own_employment(mut app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    app.signed_in_person("19850615-4569", "Eva", "eva@example.se")
        .await;
    let eid = employed_and_confirmed(&mut app, &mut frida, &cid).await;
    // Frida makes Eva an administrator too.
    let eva_id = app
        .state
        .db
        .run(|c| store::models::person::Person::find_by_email(c, "eva@example.se"))
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = frida
        .post(
            &format!("/companies/{cid}/admins"),
            &[("person_id", &eva_id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/companies/{cid}")).await.status,
        StatusCode::OK
    );
    let r = app
        .post(
            &format!("/employments/{eid}/end"),
            &[("end_date", "2025-01-01")],
        )
        .await;
    r.assert_contains("före startdatumet");
    let today = domain::stockholm::format_date(app::today());
    let r = app
        .post(&format!("/employments/{eid}/end"), &[("end_date", &today)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.follow(r)
        .await
        .assert_contains("Anställningen är avslutad")
        .assert_contains("Avslutad");
    // Another person's employment cannot be ended from the person's side.
    let mut stranger = app.new_browser();
    stranger
        .signed_in_person("19811218-9876", "Sten", "sten@example.se")
        .await;
    assert_eq!(
        stranger
            .get(&format!("/employments/{eid}/end"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
