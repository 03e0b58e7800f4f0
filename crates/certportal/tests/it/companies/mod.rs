//! Companies, employments and the company certificate (the manual's «Koppla dig till ett
//! företag»), and the invoice recipient pre-filled from the employment. The helpers here
//! set up a company, its administrator and staff; the tests are in the files below.

mod admin;
mod annual;
mod decisions;
mod employment;
mod invoice;
mod paging;
mod standing;

use crate::harness::{TestApp, PASSWORD};
use axum::http::StatusCode;

pub async fn staff(app: &TestApp, email: &str, roles: web::admin::StaffRoles) -> TestApp {
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

pub async fn company_id(app: &TestApp, orgnr10: &str) -> String {
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
pub fn first_employment_id(company_page: &str) -> String {
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
pub async fn employed_and_confirmed(app: &mut TestApp, frida: &mut TestApp, cid: &str) -> String {
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
pub async fn company_with_admin(app: &TestApp) -> (String, TestApp) {
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
