//! Staff accounts made by the operator (`certportal user create`).

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(operator_created_staff_can_log_in_at_once);

async fn operator_created_staff_can_log_in_at_once(mut app: TestApp) {
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: "hanna@example.se".into(),
            first_name: "Hanna".into(),
            last_name: "Handläggare".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                handlaggare: true,
                ..Default::default()
            },
        },
    )
    .await
    .unwrap();
    app.login("hanna@example.se", PASSWORD).await;
    let home = app.get("/").await;
    home.assert_contains("Handläggning");
    assert!(!home.body.contains("href=\"/admin\""));
    assert_eq!(app.get("/staff").await.status, StatusCode::OK);
    assert_eq!(app.get("/admin").await.status, StatusCode::FORBIDDEN);
    let admin_id = web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: "alva@example.se".into(),
            first_name: "Alva".into(),
            last_name: "Admin".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                administrator: true,
                ..Default::default()
            },
        },
    )
    .await
    .unwrap();
    assert!(!admin_id.is_empty());
    let mut admin = app.new_browser();
    admin.login("alva@example.se", PASSWORD).await;
    assert_eq!(admin.get("/admin").await.status, StatusCode::OK);
    // Duplicate operator accounts are refused.
    let dup = web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: "alva@example.se".into(),
            first_name: "A".into(),
            last_name: "B".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: Default::default(),
        },
    )
    .await;
    assert!(dup.is_err());
}
