//! Who may see «Handläggning», the overview, and the officers' queue of moments.

use super::*;
use store::models::moment::{QueueFilter, QueueKey, QueueRow, Seek};
use store::models::Page;

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
    // The choices come from the catalogue read at start: every area and type is offered.
    page.assert_contains("3 träffar")
        .assert_contains(&format!("<option value=\"{externt}\" selected>"))
        .assert_contains(&format!("<option value=\"{kyla}\">"))
        .assert_contains(&format!("<option value=\"{kat_i}\">"));
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
        .assert_contains("page=2&#38;after=");
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
    // «Nästa» carries the last row's place in the queue: following it gives what page 2
    // by number gives, and «Föregående» from there is page 1.
    let next = rel_link(&officer.get("/staff/moments").await.body, "next");
    assert!(
        next.starts_with("/staff/moments?area=&type=&page=2&after="),
        "{next}"
    );
    let by_seek = officer.get(&next).await;
    let by_number = officer.get("/staff/moments?area=&type=&page=2").await;
    assert_eq!(moment_links(&by_seek.body).len(), 2);
    assert_eq!(moment_links(&by_seek.body), moment_links(&by_number.body));
    assert_eq!(
        rel_link(&by_seek.body, "prev"),
        "/staff/moments?area=&type=&page=1"
    );
    by_seek.assert_contains("aria-current=\"page\">2<");
    // A stale place (past the end: those moments were reviewed meanwhile) or a mangled
    // one reads the page by its number.
    let past_end = format!("4102444800000000000.{}", "0".repeat(36)); // 2100-01-01
    for cursor in [past_end.as_str(), "x", "12.not-an-id", ""] {
        let page = officer
            .get(&format!("/staff/moments?page=2&after={cursor}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{cursor}");
        assert_eq!(
            moment_links(&page.body),
            moment_links(&by_number.body),
            "{cursor}"
        );
    }

    // The store's seek, page by page of ten, either way and filtered.
    let kat_i_filter = QueueFilter {
        area_id: None,
        type_id: Some(kat_i.clone()),
    };
    let (all, pages, kat_i_all, kat_i_second) = app
        .state
        .db
        .run(move |c| {
            let f = QueueFilter::default();
            let ids = |p: Page<QueueRow>| p.items.into_iter().map(|r| r.moment).collect::<Vec<_>>();
            let all = ids(crate::harness::review_queue(c, &f, 1, 27, None)?);
            let key = |m: &store::models::moment::Moment| QueueKey {
                awaiting_since: m.awaiting_since.unwrap(),
                moment_id: m.id.clone(),
            };
            let pages = vec![
                ids(crate::harness::review_queue(
                    c,
                    &f,
                    2,
                    10,
                    Some(&Seek::After(key(&all[9]))),
                )?),
                ids(crate::harness::review_queue(
                    c,
                    &f,
                    2,
                    10,
                    Some(&Seek::Before(key(&all[20]))),
                )?),
                ids(crate::harness::review_queue(
                    c,
                    &f,
                    3,
                    10,
                    Some(&Seek::After(key(&all[19]))),
                )?),
                ids(crate::harness::review_queue(
                    c,
                    &f,
                    1,
                    10,
                    Some(&Seek::Before(key(&all[5]))),
                )?),
            ];
            let kat_i_all = ids(crate::harness::review_queue(c, &kat_i_filter, 1, 25, None)?);
            let kat_i_second = ids(crate::harness::review_queue(
                c,
                &kat_i_filter,
                2,
                10,
                Some(&Seek::After(key(&kat_i_all[9]))),
            )?);
            Ok((all, pages, kat_i_all, kat_i_second))
        })
        .await
        .unwrap();
    let ids =
        |ms: &[store::models::moment::Moment]| ms.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&pages[0]), ids(&all[10..20]), "after the tenth");
    assert_eq!(ids(&pages[1]), ids(&all[10..20]), "before the 21st");
    assert_eq!(ids(&pages[2]), ids(&all[20..27]), "the last, short");
    assert_eq!(ids(&pages[3]), ids(&all[0..5]), "before the sixth");
    assert_eq!(ids(&kat_i_second), ids(&kat_i_all[10..20]), "filtered");

    // A page asked for by its number starts at the day it falls in (`review_queue_days`):
    // spread over days of four months across a year's turn, several on one day and one on
    // the first instant of a day, every page of every size by number is its slice of the
    // whole queue, filtered or not, and past the end is empty.
    let spread: Vec<String> = all.iter().map(|m| m.id.clone()).collect();
    let filters = [
        QueueFilter::default(),
        QueueFilter {
            area_id: None,
            type_id: Some(kat_i.clone()),
        },
    ];
    let checked = app
        .state
        .db
        .run(move |c| {
            use diesel::prelude::*;
            use store::schema::moments;
            use time::Month::{December, February, January, November};
            for (i, id) in spread.iter().enumerate() {
                let (year, month) = [(2025, November), (2025, December), (2026, January)]
                    .get(i % 4)
                    .copied()
                    .unwrap_or((2026, February));
                let day =
                    time::Date::from_calendar_date(year, month, 1 + (i % 5) as u8).expect("a day");
                let at = day.with_hms((i % 3) as u8, 0, 0).expect("a time");
                diesel::update(moments::table.find(id))
                    .set(moments::awaiting_since.eq(at))
                    .execute(c)?;
            }
            let ids = |p: &Page<QueueRow>| {
                p.items
                    .iter()
                    .map(|r| r.moment.id.clone())
                    .collect::<Vec<_>>()
            };
            let mut checked = 0;
            for f in &filters {
                let whole = crate::harness::review_queue(c, f, 1, 100, None)?;
                let whole_ids = ids(&whole);
                assert!(whole_ids.len() > 4, "{f:?}");
                for per_page in [1, 2, 3, 4, 10, 25] {
                    for page in 1..=(whole_ids.len() as i64 / per_page + 2) {
                        let found = crate::harness::review_queue(c, f, page, per_page, None)?;
                        let from = (((page - 1) * per_page) as usize).min(whole_ids.len());
                        let to = ((page * per_page) as usize).min(whole_ids.len());
                        assert_eq!(ids(&found), whole_ids[from..to], "{f:?} {per_page} {page}");
                        assert_eq!(found.total, whole.total, "{f:?} {per_page} {page}");
                        checked += 1;
                    }
                }
            }
            Ok(checked)
        })
        .await
        .unwrap();
    assert!(checked > 100, "{checked}");

    // Nonsense paging is the first page, not an error; a page past the end (however far)
    // is an empty page with the count.
    assert_eq!(
        officer.get("/staff/moments?page=x").await.status,
        StatusCode::OK
    );
    for far in ["3", "4000", &i64::MAX.to_string()] {
        let page = officer.get(&format!("/staff/moments?page={far}")).await;
        assert_eq!(page.status, StatusCode::OK, "{far}");
        page.assert_contains("27 träffar");
        assert!(moment_links(&page.body).is_empty(), "{far}");
    }
}

/// The address of the pager's link with `rel` («prev» or «next»), as a browser reads it.
fn rel_link(body: &str, rel: &str) -> String {
    let end = body
        .find(&format!("\" rel=\"{rel}\""))
        .unwrap_or_else(|| panic!("a {rel} link"));
    let start = body[..end].rfind("href=\"").expect("its href") + 6;
    body[start..end].replace("&#38;", "&")
}

/// The review links of a queue page, in order.
fn moment_links(body: &str) -> Vec<&str> {
    body.match_indices("href=\"/staff/moments/")
        .map(|(i, m)| &body[i + m.len()..i + m.len() + 36])
        .collect()
}
