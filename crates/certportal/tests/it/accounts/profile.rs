//! «Visa person»: editing one's own profile, and no way into anyone else's.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    profile_edit_and_validation,
    another_persons_profile_is_not_reachable,
);

async fn profile_edit_and_validation(mut app: TestApp) {
    let id = app
        .signed_in_person("19811218-9876", "Pia", "pia@example.se")
        .await;
    let r = app.get("/profile").await;
    assert_eq!(r.location(), format!("/persons/{id}"));
    let page = app.get(&format!("/persons/{id}")).await;
    for label in [
        "Visa person",
        "Adressrad 1",
        "Adressrad 2",
        "Postnummer",
        "Ort",
        "Land",
        "19811218-9876",
    ] {
        page.assert_contains(label);
    }
    let fields = |postal: &'static str| {
        vec![
            ("first_name", "Pia"),
            ("last_name", "Persson"),
            ("phone", "070-123 45 67"),
            ("address_line1", "Storgatan 1"),
            ("address_line2", ""),
            ("postal_code", postal),
            ("city", "Umeå"),
            ("country", "Sverige"),
            ("language", "sv"),
        ]
    };
    let r = app.post(&format!("/persons/{id}"), &fields("1234")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("fem siffror")
        .assert_contains("value=\"Storgatan 1\"");
    let r = app.post(&format!("/persons/{id}"), &fields("90325")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.follow(r).await;
    page.assert_contains("Dina uppgifter är sparade")
        .assert_contains("903 25")
        .assert_contains("Persson");
    app.get("/events")
        .await
        .assert_contains("Personuppgifter ändrade");

    // Abroad only the postal code's length is limited, and the message names that limit.
    let abroad = |postal: &'static str| {
        fields(postal)
            .into_iter()
            .map(|(k, v)| {
                if k == "country" {
                    (k, "Irland")
                } else {
                    (k, v)
                }
            })
            .collect::<Vec<_>>()
    };
    let r = app
        .post(&format!("/persons/{id}"), &abroad("D02 X285 DUBLIN 2 IE 1"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Postnumret får vara högst 20 tecken långt.");
    assert!(!r.body.contains("100 tecken"), "{}", r.body);
    let r = app
        .post(&format!("/persons/{id}"), &abroad("D02 X285"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.follow(r).await.assert_contains("D02 X285");
}

async fn another_persons_profile_is_not_reachable(mut app: TestApp) {
    let anna = app
        .signed_in_person("19811218-9876", "Anna", "anna@example.se")
        .await;
    let mut bo = app.new_browser();
    bo.signed_in_person("701063-2391", "Bo", "bo@example.se")
        .await;
    assert_eq!(
        bo.get(&format!("/persons/{anna}")).await.status,
        StatusCode::NOT_FOUND
    );
    let r = bo
        .post(
            &format!("/persons/{anna}"),
            &[
                ("first_name", "Hacked"),
                ("last_name", "X"),
                ("language", "sv"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    r.assert_contains("Sidan finns inte");
    let r = bo
        .post(
            &format!("/persons/{anna}/password"),
            &[
                ("current_password", PASSWORD),
                ("new_password", "stulet lösenord här"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = app.get(&format!("/persons/{anna}")).await;
    assert!(!page.body.contains("Hacked"));
    // A person is no staff.
    assert_eq!(bo.get("/staff").await.status, StatusCode::FORBIDDEN);
    assert_eq!(bo.get("/admin").await.status, StatusCode::FORBIDDEN);
}
