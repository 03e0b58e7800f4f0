//! The guard for scale (issue 11): every statement the main pages send uses an index.
//! A small seeded body is loaded, every main page is requested through a portal instance
//! whose connections record what they send (Diesel's instrumentation), and each recorded
//! statement is explained on the same database. A full scan of a table that grows with use
//! fails the test with the statement and its plan: at a real body's size such a page
//! takes seconds.

mod case_page;
mod derived;
mod events_company;
mod load;
mod plans;
mod staff_pages;

use axum::http::StatusCode;
use store::models::case::Case;
use store::models::catalog::Area;
use store::models::company::Company;
use store::models::moment::QueueFilter;
use store::models::person::Person;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(every_main_page_query_uses_an_index);

async fn every_main_page_query_uses_an_index(app: TestApp) {
    let hash = web::auth::password::hash(PASSWORD.to_string())
        .await
        .unwrap();
    let seeded = app
        .state
        .db
        .run(move |c| {
            Ok(app::seed::seed(
                c,
                // A hundred companies, not fewer: SQLite plans by the sizes ANALYZE
                // recorded, and from a table of thirty rows it would rather read them
                // all than look up the admin company search's page of them by key, as it
                // does at a real body's size.
                app::seed::Size {
                    persons: 300,
                    companies: 100,
                },
                &hash,
                app::today(),
            ))
        })
        .await
        .unwrap()
        .unwrap();
    assert!(
        seeded.awaiting_review > 0 && seeded.ready_for_decision > 0,
        "{seeded:?}"
    );
    let staff_email = "allt@cert.example.se";
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: staff_email.into(),
            first_name: "Alla".into(),
            last_name: "Roller".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                handlaggare: true,
                beslutsfattare: true,
                administrator: true,
            },
        },
    )
    .await
    .unwrap();
    let ids = app
        .state
        .db
        .run(|c| {
            let person = Person::find_by_email(c, &app::seed::email(0))?
                .ok_or(store::StoreError::Migration("no seed0".into()))?;
            let catalogue = store::models::catalog::Catalogue::read(c)?;
            let case = Case::for_person(c, &catalogue, &person.id)?
                .into_iter()
                .next()
                .map(|r| r.case.id)
                .unwrap_or_default();
            let company = Company::find_by_orgnr(c, &app::seed::orgnr(0))?
                .map(|c| c.id)
                .unwrap_or_default();
            let first = crate::harness::review_queue(c, &QueueFilter::default(), 1, 1, None)?
                .items
                .into_iter()
                .next();
            // A place in the queue as the pager's «Nästa» and «Föregående» carry it.
            let cursor = first
                .as_ref()
                .and_then(|r| r.moment.awaiting_since)
                .map(|at| at.assume_utc().unix_timestamp_nanos())
                .unwrap_or_default();
            let moment = first.map(|r| r.moment.id).unwrap_or_default();
            let cursor = format!("{cursor}.{moment}");
            let ready = Case::ready_for_decision(c, &catalogue, 1, 1)?
                .items
                .into_iter()
                .next()
                .map(|r| r.case.id)
                .unwrap_or_default();
            let area = Area::all(c)?
                .into_iter()
                .next()
                .map(|a| a.id)
                .unwrap_or_default();
            let exam_kind = store::models::exam::ExamKind::all(c)?
                .into_iter()
                .next()
                .map(|k| k.id)
                .unwrap_or_default();
            Ok((case, company, moment, ready, area, exam_kind, cursor))
        })
        .await
        .unwrap();
    let (case, company, moment, ready, area, exam_kind, cursor) = ids;

    // From here on, every new connection records what it sends.
    plans::start_recording();
    let mut person = app.reconnected();
    let mut officer = person.new_browser();
    person.login(&app::seed::email(0), PASSWORD).await;
    officer.login(staff_email, PASSWORD).await;
    // A person's own pages, the most viewed, read their short lists in the order shown.
    let own_pages = [
        "/".to_string(),
        "/certificates".into(),
        format!("/cases/{case}"),
        format!("/cases/{case}/events"),
        "/employments".into(),
        "/events".into(),
    ];
    let own = visit_sorting_nothing(&app, &mut person, &own_pages, "a person's own pages").await;
    // Seven distinct statements on PostgreSQL, where a case page's tabs read the case with
    // their moments or statuses in one; more on SQLite.
    assert!(own.len() >= 7, "too few statements recorded: {own:?}");

    // «Sök certifierade» by name walks each of its key ranges in the order it lists them;
    // a two-word search (two ranges) too, on any page.
    let register_pages = [
        "/certifierade?q=andersson&page=2".to_string(),
        "/certifierade?q=anna+andersson".into(),
        "/certifierade?q=anna+andersson&page=3".into(),
        "/api/v1/certificates?q=anna+andersson".into(),
    ];
    let named = visit_sorting_nothing(
        &app,
        &mut person,
        &register_pages,
        "the register's name search",
    )
    .await;
    assert!(
        named.iter().any(|s| s.contains("holder_key")),
        "the name search was not recorded: {named:?}"
    );

    let pages: Vec<(bool, String)> = vec![
        (true, "/".into()),
        (true, "/certificates".into()),
        (true, format!("/cases/{case}")),
        (true, format!("/cases/{case}/events")),
        (true, "/employments".into()),
        (true, "/events".into()),
        (true, format!("/companies/{company}")),
        // Past the first page each list picks its page from the index first.
        (
            true,
            format!("/companies/{company}?employees=2&requests=2&former=2&page=2"),
        ),
        (false, "/staff".into()),
        (false, "/staff/moments".into()),
        (false, "/staff/moments?page=1000".into()),
        (false, "/staff/moments?page=2".into()),
        (false, format!("/staff/moments?area={area}&type=&page=2")),
        (false, format!("/staff/moments?area={area}&type=")),
        (false, format!("/staff/moments?page=2&after={cursor}")),
        (false, format!("/staff/moments?page=3&before={cursor}")),
        (
            false,
            format!("/staff/moments?area={area}&type=&page=2&after={cursor}"),
        ),
        (false, "/staff/cases".into()),
        (false, format!("/staff/moments/{moment}")),
        (false, format!("/staff/cases/{ready}")),
        (false, "/admin?q=Andersson".into()),
        (false, "/admin/mail".into()),
        (false, "/admin/mail?page=3".into()),
        // The certificate's life and «Prov».
        (true, "/exams".into()),
        (true, format!("/exams/book?kind={exam_kind}")),
        (false, "/staff/suspensions".into()),
        (false, "/exam-sessions".into()),
        (false, "/admin/exam-centres".into()),
        // The public register and its API.
        (true, "/certifierade?q=andersson".into()),
        (true, "/certifierade?q=anna+andersson&page=3".into()),
        (
            true,
            format!("/certifierade?q=andersson&status=suspended&area={area}"),
        ),
        (true, format!("/certifierade?org={}", app::seed::orgnr(0))),
        (true, "/certifierade?q=1".into()),
        (true, "/certifierade/foretag?q=andersson".into()),
        (true, "/verifiera/00001".into()),
        (true, "/api/v1/certificates?q=andersson".into()),
        (true, "/api/v1/certificates/00002".into()),
    ];
    for (as_person, path) in pages {
        let browser = if as_person { &mut person } else { &mut officer };
        let r = browser.get(&path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    let statements = plans::stop_recording();
    assert!(
        statements.len() > 20,
        "too few statements recorded: {statements:?}"
    );

    let findings = app
        .state
        .db
        .run(move |c| Ok(plans::full_scans(c, &statements)))
        .await
        .unwrap();
    assert!(
        findings.is_empty(),
        "{} statements of the main pages scan a growing table:\n\n{}",
        findings.len(),
        findings.join("\n\n")
    );
}

/// Requests `paths` as `browser` and fails when a statement they send sorts what it read
/// on SQLite (`plans::sqlite_sorts`); returns the distinct statements, for the caller's own
/// checks. Recording must be on.
async fn visit_sorting_nothing(
    app: &TestApp,
    browser: &mut TestApp,
    paths: &[String],
    what: &str,
) -> Vec<String> {
    plans::take_recorded();
    for path in paths {
        let r = browser.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    let statements = plans::take_recorded();
    let explained = statements.clone();
    let sorts = app
        .state
        .db
        .run(move |c| Ok(plans::sqlite_sorts(c, &explained)))
        .await
        .unwrap();
    assert!(
        sorts.is_empty(),
        "{} statements of {what} sort their rows:\n\n{}",
        sorts.len(),
        sorts.join("\n\n")
    );
    statements
}
