//! The company certificate's standing: who keeps it active, and what happens when their
//! certificate expires.

use super::{company_with_admin, employed_and_confirmed};
use crate::certificates::KAT_V;
use crate::harness::TestApp;
use store::models::case::{Case, Issue};

/// The transition an issue makes, for tests that issue a case directly in the store.
const ISSUED: store::models::Change<domain::certification::CaseStatus> = store::models::Change {
    from: domain::certification::CaseStatus::InProgress,
    to: domain::certification::CaseStatus::Active,
};

crate::on_both_backends!(
    expired_certificate_no_longer_keeps_the_company_active,
    holders_are_listed_once_per_person,
);

const KAT_I: &str = "Personcertifikat f-gas kat I - Externt";

/// Issues the case, valid for 400 days, and recounts the holder's companies.
async fn issue(app: &TestApp, case_id: &str, person_id: &str, number: &str) {
    let (id, p, n, base) = (
        case_id.to_string(),
        person_id.to_string(),
        number.to_string(),
        app.state.config.base_url.clone(),
    );
    app.state
        .db
        .run(move |c| {
            store::write_tx(c, |c| {
                let today = app::today();
                let issue = Issue {
                    certificate_number: n,
                    issued_on: today,
                    valid_until: today + time::Duration::days(400),
                    external_body: String::new(),
                    external_country: String::new(),
                    external_number: String::new(),
                    annual_renewal_on: None,
                    recertification_on: None,
                    status_index: None,
                };
                Case::issue(c, &id, ISSUED, &issue)?;
                app::standing::recompute_for_person(c, &p, None, &base, today)
            })
        })
        .await
        .unwrap();
}

/// The names after «Hålls aktivt av:» on a company page.
fn holders_on(page: &str) -> Vec<String> {
    let start = page.find("Hålls aktivt av: ").expect("holders") + "Hålls aktivt av: ".len();
    let end = start + page[start..].find("</p>").expect("end of holders");
    page[start..end].split(", ").map(str::to_string).collect()
}

async fn qualifying_holders(app: &TestApp, cid: &str) -> usize {
    let cid = cid.to_string();
    app.state
        .db
        .run(move |c| app::standing::qualifying_holders(c, &cid, app::today()))
        .await
        .unwrap()
}

/// The page lists the holders per person, as the standing counts them: one person with
/// two qualifying certificates once, two people who share a name both.
async fn holders_are_listed_once_per_person(mut app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    let anna = app
        .signed_in_person("19900101-1239", "Anna", "anna@example.se")
        .await;
    employed_and_confirmed(&mut app, &mut frida, &cid).await;
    let mut eva1 = app.new_browser();
    let eva1_id = eva1
        .signed_in_person("19920202-2340", "Eva", "eva1@example.se")
        .await;
    employed_and_confirmed(&mut eva1, &mut frida, &cid).await;
    let mut eva2 = app.new_browser();
    let eva2_id = eva2
        .signed_in_person("19930303-3451", "Eva", "eva2@example.se")
        .await;
    let eva2_employment = employed_and_confirmed(&mut eva2, &mut frida, &cid).await;
    // Applied in this order, so the page's rows (by last name, then case number) are
    // Anna, Eva, Anna, Eva.
    let anna_first = crate::certificates::apply(&mut app, KAT_I).await;
    let eva1_case = crate::certificates::apply(&mut eva1, KAT_V).await;
    let anna_second = crate::certificates::apply(&mut app, KAT_V).await;
    let eva2_case = crate::certificates::apply(&mut eva2, KAT_V).await;
    issue(&app, &anna_first, &anna, "01001").await;
    issue(&app, &eva1_case, &eva1_id, "01002").await;
    issue(&app, &anna_second, &anna, "01003").await;
    issue(&app, &eva2_case, &eva2_id, "01004").await;

    let page = frida.get(&format!("/companies/{cid}")).await;
    assert_eq!(
        holders_on(&page.body),
        ["Anna Testsson", "Eva Testsson", "Eva Testsson"]
    );
    assert_eq!(qualifying_holders(&app, &cid).await, 3);

    // Without Anna, the two Evas are next to each other and still two.
    let anna_employment = app
        .state
        .db
        .run(move |c| store::models::employment::Employment::for_person(c, &anna))
        .await
        .unwrap()[0]
        .employment
        .id
        .clone();
    let today = domain::stockholm::format_date(app::today());
    let r = app
        .post(
            &format!("/employments/{anna_employment}/end"),
            &[("end_date", &today)],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let page = frida.get(&format!("/companies/{cid}")).await;
    assert_eq!(holders_on(&page.body), ["Eva Testsson", "Eva Testsson"]);
    assert_eq!(qualifying_holders(&app, &cid).await, 2);
    page.assert_contains("Aktivt");

    // The second Eva leaves too: one Eva keeps it active.
    let r = frida
        .post(
            &format!("/companies/{cid}/employments/{eva2_employment}/end"),
            &[("end_date", &today)],
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::SEE_OTHER, "{}", r.body);
    let page = frida.get(&format!("/companies/{cid}")).await;
    assert_eq!(holders_on(&page.body), ["Eva Testsson"]);
    assert_eq!(qualifying_holders(&app, &cid).await, 1);
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
                    annual_renewal_on: None,
                    recertification_on: None,
                    status_index: None,
                };
                Case::issue(c, &id, ISSUED, &issue)?;
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
        web::jobs::run_today(&app.state.db, &app.state.config.base_url)
            .await
            .unwrap()
            .expired,
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
        web::jobs::run_today(&app.state.db, &app.state.config.base_url)
            .await
            .unwrap()
            .expired,
        1
    );
    assert_eq!(
        web::jobs::run_today(&app.state.db, &app.state.config.base_url)
            .await
            .unwrap()
            .expired,
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
