//! «Ange fakturamottagare» and a company's invoice address: anyone signed in finds a
//! company by its organisationsnummer and sees its name and city; only its confirmed
//! current employees get its invoice address and e-mail filled in. Before, typing any
//! company's number showed both to anyone.

use axum::http::StatusCode;
use domain::certification::InvoiceRecipientKind;

use super::{company_with_admin, employed_and_confirmed};
use crate::certificates::{apply, KAT_V};
use crate::harness::TestApp;

crate::on_both_backends!(
    a_non_employee_sees_a_companys_name_and_city_only,
    an_employee_gets_the_companys_invoice_address,
);

const STREET: &str = "Industrivägen 5";
const INVOICE_STREET: &str = "Box 4711";
const INVOICE_EMAIL: &str = "faktura@testforetag.se";

/// Test Företag AB (Frida its administrator) with a postal and an invoice address.
async fn company_with_addresses(app: &TestApp) -> (String, TestApp) {
    let (cid, frida) = company_with_admin(app).await;
    let id = cid.clone();
    app.state
        .db
        .run(move |c| {
            use diesel::RunQueryDsl;
            diesel::sql_query(format!(
                "UPDATE companies SET address_line1 = '{STREET}', postal_code = '411 01', \
                 city = 'Göteborg', country = 'Sverige', invoice_address_line1 = '{INVOICE_STREET}', \
                 invoice_postal_code = '405 08', invoice_city = 'Mölndal', \
                 invoice_country = 'Sverige', invoice_email = '{INVOICE_EMAIL}' WHERE id = '{id}'"
            ))
            .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    (cid, frida)
}

#[track_caller]
fn assert_no_address(page: &str) {
    for secret in [INVOICE_EMAIL, INVOICE_STREET, "Mölndal", "405 08", STREET] {
        assert!(!page.contains(secret), "{secret} shown:\n{page}");
    }
}

async fn a_non_employee_sees_a_companys_name_and_city_only(mut app: TestApp) {
    company_with_addresses(&app).await;
    app.signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let case_id = apply(&mut app, KAT_V).await;
    let path = format!("/cases/{case_id}/invoice");

    // «Sök»: the name and the city, and why the address is not there.
    let r = app
        .post(&path, &[("action", "search"), ("orgnr", "556012-5790")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Test Företag AB")
        .assert_contains("Göteborg")
        .assert_contains("Företagets fakturaadress visas bara för dess anställda");
    assert_no_address(&r.body);

    // «Spara» with the address left empty: saved without it (the body uses the address
    // it keeps), and the form shows none of it afterwards.
    let r = app
        .post(
            &path,
            &[
                ("action", "save"),
                ("kind", "company"),
                ("orgnr", "556012-5790"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cid = case_id.clone();
    let saved = app
        .state
        .db
        .run(move |c| store::models::invoice::InvoiceRecipient::for_case(c, &cid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved.kind, InvoiceRecipientKind::Company);
    assert!(saved.company_id.is_some());
    assert_eq!(
        (saved.address_line1.as_str(), saved.email.as_str()),
        ("", "")
    );
    let r = app.get(&path).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Test Företag AB");
    assert_no_address(&r.body);

    // A wrong field elsewhere brings the form back: still nothing of the address.
    let r = app
        .post(
            &path,
            &[
                ("action", "save"),
                ("kind", "company"),
                ("orgnr", "556012-5790"),
                ("email", "inte-en-adress"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_no_address(&r.body);
}

async fn an_employee_gets_the_companys_invoice_address(mut app: TestApp) {
    let (cid, mut frida) = company_with_addresses(&app).await;
    app.signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    employed_and_confirmed(&mut app, &mut frida, &cid).await;
    let case_id = apply(&mut app, KAT_V).await;
    let path = format!("/cases/{case_id}/invoice");

    let r = app.get(&path).await;
    r.assert_contains("Baserat på din anställning")
        .assert_contains(&format!("value=\"{INVOICE_STREET}\""))
        .assert_contains(&format!("value=\"{INVOICE_EMAIL}\""))
        .assert_contains("value=\"405 08\"");
    assert!(!r.body.contains("visas bara för dess anställda"));

    // «Sök» on the own company fills the address as well.
    let r = app
        .post(&path, &[("action", "search"), ("orgnr", "5560125790")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains(&format!("value=\"{INVOICE_STREET}\""))
        .assert_contains(INVOICE_EMAIL);

    // Saved with the address left empty, it takes the company's.
    let r = app
        .post(
            &path,
            &[
                ("action", "save"),
                ("kind", "company"),
                ("orgnr", "5560125790"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (saved, with_company) = app
        .state
        .db
        .run(move |c| {
            use store::models::invoice::InvoiceRecipient;
            Ok((
                InvoiceRecipient::for_case(c, &case_id)?,
                InvoiceRecipient::with_company(c, &case_id)?,
            ))
        })
        .await
        .unwrap();
    let saved = saved.unwrap();
    assert_eq!(
        (saved.address_line1.as_str(), saved.email.as_str()),
        (INVOICE_STREET, INVOICE_EMAIL)
    );
    // As the final review reads it: with the company it names, in one statement.
    let (recipient, company) = with_company.expect("a recipient");
    assert_eq!(recipient.case_id, saved.case_id);
    let company = company.expect("the company named");
    assert_eq!(Some(company.id), saved.company_id);
    assert_eq!(company.orgnr, "5560125790");
}
