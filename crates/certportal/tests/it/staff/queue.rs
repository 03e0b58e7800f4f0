//! Who may see «Handläggning», the overview, and the officers' queue of moments.

use super::*;

crate::on_both_backends!(
    staff_pages_need_a_staff_role,
    review_queue_is_oldest_first_filters_and_pages,
);

async fn staff_pages_need_a_staff_role(mut app: TestApp) {
    let anna = app
        .signed_in_person(&pnr(101), "Anna", "anna@example.se")
        .await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let before = footprint(&app).await;
    for path in [
        "/staff".to_string(),
        "/staff/moments".to_string(),
        "/staff/cases".to_string(),
        format!("/staff/moments/{moment_id}"),
        format!("/staff/cases/{case_id}"),
        format!("/staff/cases/{case_id}/reject"),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        r.assert_contains("Du har inte behörighet");
    }
    let r = app
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[("valid_until", "2040-01-01")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        moment_of(&app, &moment_id).await.status,
        MomentStatus::AwaitingReview
    );
    assert_eq!(footprint(&app).await, before);

    // Signed out: to the login page, and back here after it.
    let mut stranger = app.new_browser();
    let r = stranger.get("/staff/moments").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login?next="), "{}", r.location());

    // A case officer gets the overview with the counts and links of both queues.
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let r = hanna.get("/staff").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Handläggning</h1>")
        .assert_contains("href=\"/staff/moments\"")
        .assert_contains("Inväntar granskning")
        .assert_contains("1 moment väntar")
        .assert_contains("href=\"/staff/cases\"")
        .assert_contains("Klara för slutgranskning")
        .assert_contains("0 ärenden väntar")
        .assert_contains("aria-current=\"page\"");
    hanna.get("/lang/en?next=/staff").await;
    let r = hanna.get("/staff").await;
    r.assert_contains("Awaiting review")
        .assert_contains("1 moment waiting")
        .assert_contains("Ready for final review");
}

async fn review_queue_is_oldest_first_filters_and_pages(app: TestApp) {
    let (first, _) = person(&app, 104, "Första").await;
    let (second, _) = person(&app, 105, "Andra").await;
    let (third, _) = person(&app, 106, "Tredje").await;
    for (pid, kind) in [(&first, KAT_V), (&second, KAT_I), (&third, KAT_V)] {
        let (case_id, moment_id) = open_case(&app, pid, kind).await;
        upload(
            &app,
            pid,
            &case_id,
            &moment_id,
            "certifikat.pdf",
            "application/pdf",
        )
        .await;
    }
    // One still waiting for its file is not in the queue.
    let (fourth, _) = person(&app, 107, "Fjärde").await;
    open_case(&app, &fourth, KAT_V).await;
    let (_, mut officer) = staff(&app, "Hanna", true, false).await;

    let page = officer.get("/staff/moments").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Inväntar granskning</h1>")
        .assert_contains("3 träffar")
        .assert_contains("Teknikområde")
        .assert_contains("Certifikat")
        .assert_contains("Filtrera")
        .assert_contains(">Granska")
        .assert_contains("data-label=");
    let pos = |name: &str| {
        page.body
            .find(&format!("{name} Testsson"))
            .unwrap_or_else(|| panic!("{name} listed"))
    };
    assert!(
        pos("Första") < pos("Andra") && pos("Andra") < pos("Tredje"),
        "oldest first"
    );
    assert!(!page.body.contains("Fjärde Testsson"));

    let (kat_v, kat_i, externt, kyla) = app
        .state
        .db
        .run(|c| {
            let types = CertificateType::all(c)?;
            let id = |n: &str| types.iter().find(|t| t.name_sv == n).unwrap().id.clone();
            let areas = store::models::catalog::Area::all(c)?;
            let area = |code: &str| areas.iter().find(|a| a.code == code).unwrap().id.clone();
            Ok((id(KAT_V), id(KAT_I), area("externt"), area("kyla")))
        })
        .await
        .unwrap();
    let page = officer
        .get(&format!("/staff/moments?area=&type={kat_v}"))
        .await;
    page.assert_contains("2 träffar")
        .assert_contains("Första Testsson")
        .assert_contains("Tredje Testsson")
        .assert_contains(&format!("<option value=\"{kat_v}\" selected>"));
    assert!(!page.body.contains("Andra Testsson"));
    let page = officer.get(&format!("/staff/moments?type={kat_i}")).await;
    page.assert_contains("1 träff")
        .assert_contains("Andra Testsson");
    let page = officer.get(&format!("/staff/moments?area={externt}")).await;
    page.assert_contains("3 träffar");
    let page = officer.get(&format!("/staff/moments?area={kyla}")).await;
    page.assert_contains("0 träffar")
        .assert_contains("Inga moment inväntar granskning med det här urvalet");

    // 25 a page: 27 waiting make two pages, the second with the two newest.
    for i in 0..24u32 {
        let many = bare_person(&app, 200 + i, "Många").await;
        let (case_id, moment_id) = open_case(&app, &many, KAT_I).await;
        upload(
            &app,
            &many,
            &case_id,
            &moment_id,
            "c.pdf",
            "application/pdf",
        )
        .await;
    }
    let page = officer.get("/staff/moments").await;
    page.assert_contains("27 träffar")
        .assert_contains("Första Testsson")
        .assert_contains("page=2\" rel=\"next\"");
    let page = officer.get("/staff/moments?area=&type=&page=2").await;
    page.assert_contains("27 träffar");
    assert_eq!(
        page.body.matches("Många Testsson").count(),
        4,
        "two rows: the name and the hidden link text"
    );
    assert!(!page.body.contains("Första Testsson"));
    let page = officer
        .get(&format!("/staff/moments?type={kat_i}&page=2"))
        .await;
    page.assert_contains("25 träffar");
    // Nonsense paging is the first page, not an error.
    assert_eq!(
        officer.get("/staff/moments?page=x").await.status,
        StatusCode::OK
    );
}
