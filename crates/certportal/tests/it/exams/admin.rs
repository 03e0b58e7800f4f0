//! «Provcenter» in «Administration»: registering a centre and adding its examiners
//! through the pages, their checks in Swedish and English, and that only an
//! «Administratör» may do either.

use axum::http::StatusCode;
use domain::events::EventKind;
use store::models::event::Event;

use super::examiner::{kind, orgnr, person, staff};
use crate::harness::TestApp;

fn display(orgnr: &str) -> String {
    format!("{}-{}", &orgnr[..6], &orgnr[6..])
}

async fn centre_and_examiner_set_up_through_the_pages(app: TestApp) {
    let theory = kind(&app, "teori-1").await;
    let practical = kind(&app, "praktik-1").await;
    let (_, mut admin) = staff(&app, "Alva", true).await;
    let (examiner_id, examiner_email, mut examiner) = person(&app, 111, "Erik").await;

    // The examiner has no «Provtillfällen» yet.
    let r = examiner.get("/").await;
    assert!(!r.body.contains("href=\"/exam-sessions\""));

    let r = admin.get("/admin").await;
    r.assert_contains("href=\"/admin/exam-centres\"");
    let r = admin.get("/admin/exam-centres").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Provcenter</h1>")
        .assert_contains("Nytt provcenter")
        .assert_contains("0 träffar");
    let r = admin.get("/admin/exam-centres/new").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Teoretiskt prov kat I")
        .assert_contains("Praktiskt prov kat I");

    // Wrong organisationsnummer, no name, no kind: each said, what was typed kept.
    let r = admin
        .post(
            "/admin/exam-centres/new",
            &[
                ("name", ""),
                ("orgnr", "556012-5791"),
                ("address_line1", "Provgatan 1"),
                ("postal_code", "11122"),
                ("city", "Uppsala"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Ange provcentrets namn.")
        .assert_contains("Välj minst ett prov som provcentret får hålla.")
        .assert_contains("value=\"556012-5791\"")
        .assert_contains("value=\"Provgatan 1\"");
    assert_eq!(app.count("exam_centres").await, 0);
    // Without the form's CSRF token nothing is registered.
    let forged = format!("name=Smyg+AB&orgnr={}&kind={}", orgnr(6), theory.id);
    let r = admin.post_raw("/admin/exam-centres/new", forged).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("exam_centres").await, 0);

    // In English.
    admin.get("/lang/en?next=/").await;
    let r = admin
        .post(
            "/admin/exam-centres/new",
            &[("name", ""), ("orgnr", ""), ("kind", theory.id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("There is a problem")
        .assert_contains("Enter the name of the exam centre.")
        .assert_contains("checked");
    admin.get("/lang/sv?next=/").await;

    // A good one.
    let nr = orgnr(7);
    let r = admin
        .post(
            "/admin/exam-centres/new",
            &[
                ("name", "Kylprov Öst AB"),
                ("orgnr", &display(&nr)),
                ("address_line1", "Provgatan 1"),
                ("postal_code", "11122"),
                ("city", "Uppsala"),
                ("kind", theory.id.as_str()),
                ("kind", practical.id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = r.location().to_string();
    assert!(page.starts_with("/admin/exam-centres/"), "{page}");
    let r = admin.get(&page).await;
    r.assert_contains("Provcentret är registrerat.")
        .assert_contains("<h1>Kylprov Öst AB</h1>")
        .assert_contains(&display(&nr))
        .assert_contains("111 22 Uppsala")
        .assert_contains("Teoretiskt prov kat I")
        .assert_contains("Praktiskt prov kat I")
        .assert_contains("Provcentret har inga provförrättare ännu.")
        .assert_contains("Lägg till provförrättare");
    let r = admin.get("/admin/exam-centres").await;
    r.assert_contains("Kylprov Öst AB")
        .assert_contains("1 träff")
        .assert_contains("<td data-label=\"Antal prov\">2</td>");

    // The same organisationsnummer again.
    let r = admin
        .post(
            "/admin/exam-centres/new",
            &[
                ("name", "Kopian AB"),
                ("orgnr", &nr),
                ("kind", theory.id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Ett provcenter med det organisationsnumret finns redan.");
    assert_eq!(app.count("exam_centres").await, 1);

    // «Lägg till provförrättare»: an unknown address, then Erik, then Erik again.
    let add = format!("{page}/examiners");
    let r = admin.post(&add, &[("email", "ingen@example.se")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns inget konto med den e-postadressen.")
        .assert_contains("value=\"ingen@example.se\"");
    let r = admin.post(&add, &[("email", "inte en adress")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = admin.post(&add, &[("email", &examiner_email)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = admin.get(&page).await;
    r.assert_contains("Provförrättaren är tillagd.")
        .assert_contains("Erik Testsson")
        .assert_contains(&examiner_email);
    let r = admin.post(&add, &[("email", &examiner_email)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Personen är redan provförrättare vid provcentret.");
    assert_eq!(app.count("exam_examiners").await, 1);

    // The events.
    let pid = examiner_id.clone();
    let events = app
        .state
        .db
        .run(move |c| Event::for_person(c, &pid, 1, 100))
        .await
        .unwrap();
    assert!(events
        .items
        .iter()
        .any(|e| e.event.kind == EventKind::ExaminerGranted && e.event.detail == "Kylprov Öst AB"));

    // Erik now has «Provtillfällen», and his centre in «Nytt provtillfälle».
    let r = examiner.get("/").await;
    r.assert_contains("href=\"/exam-sessions\"")
        .assert_contains("Provtillfällen");
    let r = examiner.get("/exam-sessions").await;
    assert_eq!(r.status, StatusCode::OK);
    let r = examiner.get("/exam-sessions/new").await;
    r.assert_contains("Kylprov Öst AB");
}

async fn only_administrators_set_up_centres(app: TestApp) {
    let theory = kind(&app, "teori-1").await;
    let (_, mut admin) = staff(&app, "Alva", true).await;
    let r = admin
        .post(
            "/admin/exam-centres/new",
            &[
                ("name", "Kylprov Öst AB"),
                ("orgnr", &orgnr(8)),
                ("kind", theory.id.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = r.location().to_string();

    let (_, mut officer) = staff(&app, "Hanna", false).await;
    let (_, email, mut someone) = person(&app, 112, "Sara").await;
    for b in [&mut officer, &mut someone] {
        for path in [
            "/admin/exam-centres".to_string(),
            "/admin/exam-centres/new".to_string(),
            page.clone(),
        ] {
            let r = b.get(&path).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        }
        let r = b
            .post(
                "/admin/exam-centres/new",
                &[
                    ("name", "Smyg AB"),
                    ("orgnr", &orgnr(9)),
                    ("kind", theory.id.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = b
            .post(&format!("{page}/examiners"), &[("email", &email)])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    // A stranger is sent to log in.
    let mut stranger = app.new_browser();
    let r = stranger.get("/admin/exam-centres").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login"));
    assert_eq!(app.count("exam_centres").await, 1);
    assert_eq!(app.count("exam_examiners").await, 0);
}

crate::on_both_backends!(
    centre_and_examiner_set_up_through_the_pages,
    only_administrators_set_up_centres,
);
