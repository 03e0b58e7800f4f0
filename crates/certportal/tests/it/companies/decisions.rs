//! Only a company's own administrators decide on and end its employments; the staff may
//! read the company page but not act for the company.

use super::{company_id, company_with_admin, staff};
use crate::harness::TestApp;
use axum::http::StatusCode;

crate::on_both_backends!(only_the_companys_admins_decide);

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
