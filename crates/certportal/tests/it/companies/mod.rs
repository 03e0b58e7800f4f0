//! Companies, employments and the company certificate (the manual's «Koppla dig till ett
//! företag»), and the invoice recipient pre-filled from the employment.

use crate::certificates::KAT_V;
use crate::harness::{TestApp, PASSWORD};
use axum::http::StatusCode;
use store::models::case::{Case, Issue};

crate::on_both_backends!(
    administrator_registers_companies_and_appoints_admins,
    employment_confirmed_and_company_certificate_follows,
    only_the_companys_admins_decide,
    person_ends_own_employment,
    expired_certificate_no_longer_keeps_the_company_active,
);

async fn staff(app: &TestApp, email: &str, roles: web::admin::StaffRoles) -> TestApp {
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: email.into(),
            first_name: "Staff".into(),
            last_name: "Member".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles,
        },
    )
    .await
    .unwrap();
    let mut b = app.new_browser();
    b.login(email, PASSWORD).await;
    b
}

async fn company_id(app: &TestApp, orgnr10: &str) -> String {
    let nr = orgnr10.to_string();
    app.state
        .db
        .run(move |c| store::models::company::Company::find_by_orgnr(c, &nr))
        .await
        .unwrap()
        .expect("company")
        .id
}

/// The id of the first employment link on a company page.
fn first_employment_id(company_page: &str) -> String {
    company_page
        .split("/employments/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

/// The signed-in person asks to be employed at Test Företag AB and Frida confirms;
/// returns the employment's id.
async fn employed_and_confirmed(app: &mut TestApp, frida: &mut TestApp, cid: &str) -> String {
    app.post(
        "/employments/new",
        &[
            ("orgnr", "5560125790"),
            ("start_date", "2026-01-01"),
            ("action", "save"),
        ],
    )
    .await;
    let eid = first_employment_id(&frida.get(&format!("/companies/{cid}")).await.body);
    let r = frida
        .post(&format!("/companies/{cid}/employments/{eid}/confirm"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    eid
}

/// A company «Test Företag AB» with Frida as its administrator; returns (company id, Frida's browser).
async fn company_with_admin(app: &TestApp) -> (String, TestApp) {
    let mut frida = app.new_browser();
    frida
        .signed_in_person("19790402-1230", "Frida", "frida@example.se")
        .await;
    web::admin::create_company(
        &app.state,
        "556012-5790",
        "Test Företag AB",
        Some("frida@example.se"),
    )
    .await
    .unwrap();
    (company_id(app, "5560125790").await, frida)
}

async fn administrator_registers_companies_and_appoints_admins(app: TestApp) {
    let mut admin = staff(
        &app,
        "alva@example.se",
        web::admin::StaffRoles {
            administrator: true,
            ..Default::default()
        },
    )
    .await;
    admin
        .get("/admin")
        .await
        .assert_contains("Registrera företag")
        .assert_contains("0 träffar");
    let r = admin
        .post(
            "/admin/companies/new",
            &[("orgnr", "556012-5791"), ("name", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Kontrollsiffran stämmer inte")
        .assert_contains("Ange företagets namn");
    let r = admin
        .post(
            "/admin/companies/new",
            &[
                ("orgnr", "5560125790"),
                ("name", "Test Företag AB"),
                ("invoice_address_line1", "Box 1"),
                ("invoice_postal_code", "40508"),
                ("invoice_city", "Göteborg"),
                ("invoice_country", "Sverige"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = admin.follow(r).await;
    page.assert_contains("Företaget är registrerat")
        .assert_contains("556012-5790")
        .assert_contains("405 08");
    let r = admin
        .post(
            "/admin/companies/new",
            &[("orgnr", "556012-5790"), ("name", "Kopia AB")],
        )
        .await;
    r.assert_contains("finns redan");
    let cid = company_id(&app, "5560125790").await;
    // The list searches by name (any case) or the exact number.
    admin
        .get("/admin?q=f%C3%B6retag")
        .await
        .assert_contains("1 träff");
    admin
        .get("/admin?q=5560125790")
        .await
        .assert_contains("1 träff");
    admin
        .get("/admin?q=annat")
        .await
        .assert_contains("0 träffar");
    let r = admin
        .post(
            &format!("/admin/companies/{cid}/admins"),
            &[("email", "nobody@example.se")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut frida = app.new_browser();
    frida
        .signed_in_person("19790402-1230", "Frida", "frida@example.se")
        .await;
    let r = admin
        .post(
            &format!("/admin/companies/{cid}/admins"),
            &[("email", "frida@example.se")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    frida
        .get("/employments")
        .await
        .assert_contains("Företag du administrerar")
        .assert_contains("Test Företag AB");
    assert_eq!(
        frida.get(&format!("/companies/{cid}")).await.status,
        StatusCode::OK
    );
    frida
        .get("/")
        .await
        .assert_contains(&format!("href=\"/companies/{cid}\""))
        .assert_contains("Företagssida: bekräfta anställningar");
    // Removing an administrator asks first.
    let frida_id = app
        .state
        .db
        .run(|c| store::models::person::Person::find_by_email(c, "frida@example.se"))
        .await
        .unwrap()
        .unwrap()
        .id;
    let remove = format!("/admin/companies/{cid}/admins/{frida_id}/remove");
    admin
        .get(&remove)
        .await
        .assert_contains("Ta bort företagsadministratör")
        .assert_contains("Frida Testsson (frida@example.se)");
    assert_eq!(frida.get(&remove).await.status, StatusCode::FORBIDDEN);
    assert_eq!(frida.post(&remove, &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        frida.get(&format!("/companies/{cid}")).await.status,
        StatusCode::OK
    );
    // A person is no administrator.
    assert_eq!(frida.get("/admin").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        frida
            .post(
                "/admin/companies/new",
                &[("orgnr", "212000-0142"), ("name", "X")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("companies").await, 1);
    let r = admin.post(&remove, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        frida.get(&format!("/companies/{cid}")).await.status,
        StatusCode::NOT_FOUND
    );
}

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
                    &Issue {
                        certificate_number: "09999".into(),
                        issued_on: today,
                        valid_until: today + time::Duration::days(400),
                        external_body: String::new(),
                        external_country: String::new(),
                        external_number: String::new(),
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

async fn only_the_companys_admins_decide(mut app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    let mut olle = app.new_browser();
    olle.signed_in_person("701063-2391", "Olle", "olle@example.se")
        .await;
    web::admin::create_company(
        &app.state,
        "212000-0142",
        "Annat Bolag AB",
        Some("olle@example.se"),
    )
    .await
    .unwrap();
    app.signed_in_person("19850615-4569", "Eva", "eva@example.se")
        .await;
    app.post(
        "/employments/new",
        &[
            ("orgnr", "5560125790"),
            ("start_date", "2026-01-01"),
            ("action", "save"),
        ],
    )
    .await;
    let eva_id = app
        .state
        .db
        .run(|c| store::models::person::Person::find_by_email(c, "eva@example.se"))
        .await
        .unwrap()
        .unwrap()
        .id;
    let eid = app
        .state
        .db
        .run(move |c| store::models::employment::Employment::for_person(c, &eva_id))
        .await
        .unwrap()[0]
        .employment
        .id
        .clone();
    let confirm = format!("/companies/{cid}/employments/{eid}/confirm");
    // Another company's administrator, the person themself and a stranger: not found.
    assert_eq!(olle.post(&confirm, &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        olle.get(&format!("/companies/{cid}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.post(&confirm, &[]).await.status, StatusCode::NOT_FOUND);
    let mut stranger = app.new_browser();
    stranger
        .signed_in_person("19811218-9876", "Sten", "sten@example.se")
        .await;
    assert_eq!(
        stranger.post(&confirm, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    // Olle's own company id with Eva's employment: not his to decide either.
    let olle_cid = company_id(&app, "2120000142").await;
    assert_eq!(
        olle.post(
            &format!("/companies/{olle_cid}/employments/{eid}/confirm"),
            &[]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    // Staff may read the page but not act for the company.
    let mut officer = staff(
        &app,
        "hanna@example.se",
        web::admin::StaffRoles {
            handlaggare: true,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        officer.get(&format!("/companies/{cid}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        officer.post(&confirm, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    app.get("/employments")
        .await
        .assert_contains("Väntar på bekräftelse");

    // Declining is the same: only the company's administrators.
    let reject = format!("/companies/{cid}/employments/{eid}/reject");
    for who in [&mut olle, &mut app, &mut stranger] {
        assert_eq!(who.post(&reject, &[]).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        officer.post(&reject, &[]).await.status,
        StatusCode::FORBIDDEN
    );

    // Once confirmed, ending it is theirs too (the person ends their own from «Anställningar»).
    frida.post(&confirm, &[]).await;
    let end = format!("/companies/{cid}/employments/{eid}/end");
    let today = domain::stockholm::format_date(app::today());
    for who in [&mut olle, &mut app, &mut stranger] {
        assert_eq!(who.get(&end).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            who.post(&end, &[("end_date", &today)]).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        officer.post(&end, &[("end_date", &today)]).await.status,
        StatusCode::FORBIDDEN
    );
    app.get("/employments").await.assert_contains("Bekräftad");
    assert_eq!(
        stranger
            .get(&format!("/employments/{eid}/end"))
            .await
            .status,
        StatusCode::NOT_FOUND
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

async fn expired_certificate_no_longer_keeps_the_company_active(mut app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    let eva = app
        .signed_in_person("19850615-4569", "Eva", "eva@example.se")
        .await;
    employed_and_confirmed(&mut app, &mut frida, &cid).await;
    let case_id = crate::certificates::apply(&mut app, KAT_V).await;
    let (id, e, base) = (
        case_id.clone(),
        eva.clone(),
        app.state.config.base_url.clone(),
    );
    app.state
        .db
        .run(move |c| {
            store::write_tx(c, |c| {
                let today = app::today();
                let issue = Issue {
                    certificate_number: "00042".into(),
                    issued_on: today,
                    valid_until: today,
                    external_body: String::new(),
                    external_country: String::new(),
                    external_number: String::new(),
                };
                Case::issue(c, &id, &issue)?;
                app::standing::recompute_for_person(c, &e, None, &base, today)
            })
        })
        .await
        .unwrap();
    frida
        .get(&format!("/companies/{cid}"))
        .await
        .assert_contains("Hålls aktivt av: Eva Testsson");
    // Valid through today: nothing expires yet.
    assert_eq!(
        web::jobs::expire_certificates(&app.state.db, &app.state.config.base_url)
            .await
            .unwrap(),
        0
    );
    // A day later «Giltigt till» has passed.
    let expiring = case_id.clone();
    app.state
        .db
        .run(move |c| {
            use diesel::prelude::*;
            use store::schema::cases;
            let yesterday = app::today() - time::Duration::days(1);
            diesel::update(cases::table.find(expiring))
                .set(cases::valid_until.eq(yesterday))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(
        web::jobs::expire_certificates(&app.state.db, &app.state.config.base_url)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        web::jobs::expire_certificates(&app.state.db, &app.state.config.base_url)
            .await
            .unwrap(),
        0,
        "once"
    );
    let page = app.get(&format!("/cases/{case_id}")).await;
    page.assert_contains("Utgånget");
    app.get(&format!("/cases/{case_id}/events"))
        .await
        .assert_contains("Certifikatet har gått ut");
    frida
        .get(&format!("/companies/{cid}"))
        .await
        .assert_contains("I riskzonen");
    assert!(app
        .mails_to("frida@example.se")
        .await
        .last()
        .unwrap()
        .subject
        .contains("i riskzonen"));
}
