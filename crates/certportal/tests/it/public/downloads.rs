//! «Ladda ner certifikat (PDF)»: who may have it, and that it states the current facts.
//! The PDF's own checks (qpdf, its text, its QR code) are in `crates/pdf/tests` and the
//! browser tests; here it is the portal's side.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};
use crate::life::{certificate, company, db, decider, employ, person};

crate::on_both_backends!(the_pdf_is_for_the_holder_staff_and_the_employer);

fn pnr(n: u32) -> String {
    let body = format!("800101{n:03}");
    format!("19{body}{}", domain::identifiers::luhn_check_digit(&body))
}

async fn the_pdf_is_for_the_holder_staff_and_the_employer(app: TestApp) {
    let mut holder = app.new_browser();
    let anna = holder
        .signed_in_person(&pnr(401), "Anna", "anna@example.se")
        .await;
    let mut boss = app.new_browser();
    let boss_id = boss
        .signed_in_person(&pnr(402), "Britt", "britt@example.se")
        .await;
    let mut stranger = app.new_browser();
    stranger
        .signed_in_person(&pnr(403), "Carl", "carl@example.se")
        .await;
    let kyl = company(&app, "5560125790", "Kyl AB", &[&boss_id]).await;
    employ(&app, &anna, &kyl).await;
    let case_id = certificate(&app, &anna, "00041").await;
    let path = format!("/cases/{case_id}/certificate.pdf");

    // The holder's case page offers it, and the holder gets a PDF.
    holder
        .get(&format!("/cases/{case_id}"))
        .await
        .assert_contains(&path)
        .assert_contains("Ladda ner certifikat (PDF)")
        .assert_contains("/verifiera/00041");
    let r = holder.get(&path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/pdf");
    assert!(
        r.body.starts_with("%PDF-"),
        "{}",
        &r.body[..20.min(r.body.len())]
    );
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("certifikat-00041.pdf"));

    // The employer's administrator finds it on the company page.
    boss.get(&format!("/companies/{kyl}"))
        .await
        .assert_contains(&path);
    assert_eq!(boss.get(&path).await.status, StatusCode::OK);

    // Staff get it; anyone else gets what a missing case gets.
    let staff_email = "staff@cert.example.se";
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: staff_email.into(),
            first_name: "Sara".into(),
            last_name: "Personal".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                handlaggare: true,
                beslutsfattare: false,
                administrator: false,
            },
        },
    )
    .await
    .unwrap();
    let mut staff = app.new_browser();
    staff.login(staff_email, PASSWORD).await;
    assert_eq!(staff.get(&path).await.status, StatusCode::OK);
    assert_eq!(stranger.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut anonymous = app.new_browser();
    let r = anonymous.get(&path).await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert!(r.location().starts_with("/login"), "{}", r.location());

    // Once the employment ends, the former employer no longer gets it.
    let decider_id = person(&app, 404, "Dora", "sv").await;
    db(&app, {
        let (kyl, anna) = (kyl.clone(), anna.clone());
        move |c| {
            use diesel::prelude::*;
            use store::schema::employments;
            diesel::update(
                employments::table
                    .filter(employments::company_id.eq(kyl))
                    .filter(employments::person_id.eq(anna)),
            )
            .set(employments::status.eq(domain::employment::EmploymentStatus::Ended))
            .execute(c)
            .unwrap();
        }
    })
    .await;
    assert_eq!(boss.get(&path).await.status, StatusCode::NOT_FOUND);

    // A withdrawn certificate's PDF is still there, and says so (its text is checked with
    // pdftotext in the browser tests: the banner is drawn, not plain text here).
    let today = app::today();
    db(&app, {
        let (id, d, url) = (
            case_id.clone(),
            decider_id.clone(),
            app.state.config.base_url.clone(),
        );
        move |c| {
            app::life::decide_after_issue(
                c,
                &decider(&d),
                &id,
                &app::life::AfterIssue::Withdraw,
                "Skäl",
                today,
                &url,
            )
            .unwrap()
        }
    })
    .await;
    let r = holder.get(&path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with("%PDF-"));
}
