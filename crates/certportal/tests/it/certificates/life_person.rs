//! The certificate's life on the holder's pages: «Årlig förlängning» and «Omcertifiering»
//! in «Certifikat» with their tags, the case page's dates, attestations, decisions and
//! links, the self-employed holder's own attestation (and the employed holder's refusal),
//! «Ansök om omcertifiering», and closed types not offered. Certificates are issued in
//! the store with dates relative to today, so the pages judge them as of `app::today()`.

use axum::http::StatusCode;
use domain::certification::life::{add_months, add_years, first_annual_due};
use domain::certification::{CaseStatus, MomentStatus};
use domain::employment::EmploymentStatus;
use store::models::case::{Case, Issue};
use store::models::catalog::{CertificateType, MomentTemplate};
use store::models::employment::Employment;
use store::models::Change;
use time::Date;

use crate::harness::TestApp;

crate::on_both_backends!(
    the_list_shows_due_dates_and_status_tags,
    the_case_page_shows_the_life_after_issue,
    only_a_self_employed_holder_attests_on_the_case_page,
    recertification_is_applied_for_through_a_confirmation_page,
    closed_types_are_not_offered,
);

pub const A1: &str = "Personcertifikat f-gas kat A1";

/// Today moved by `months`.
pub fn months(n: i32) -> Date {
    add_months(app::today(), n)
}

/// Runs `f` on a connection of the test's pool.
pub async fn db<T: Send + 'static>(
    app: &TestApp,
    f: impl FnOnce(&mut store::DbConn) -> T + Send + 'static,
) -> T {
    app.state.db.run(move |c| Ok(f(c))).await.unwrap()
}

/// A kat A1 certificate of `holder` numbered `number`, issued on `issued_on` and valid
/// five years; its first yearly attestation falls due a year after the issue. Returns
/// the case id.
pub async fn a1_certificate(app: &TestApp, holder: &str, number: &str, issued_on: Date) -> String {
    let (holder, number) = (holder.to_string(), number.to_string());
    db(app, move |c| {
        store::write_tx(c, |c| {
            let t = CertificateType::all(c)?
                .into_iter()
                .find(|t| t.name_sv == A1)
                .expect("kat A1");
            let templates = MomentTemplate::for_type(c, &t.id)?;
            let id = Case::create(c, &holder, &t.id, &templates, |_| MomentStatus::Approved)?;
            let valid_until = add_years(issued_on, 5);
            let issued = Case::issue(
                c,
                &id,
                Change {
                    from: CaseStatus::InProgress,
                    to: CaseStatus::Active,
                },
                &Issue {
                    certificate_number: number,
                    issued_on,
                    valid_until,
                    external_body: String::new(),
                    external_country: String::new(),
                    external_number: String::new(),
                    annual_renewal_on: first_annual_due(issued_on, valid_until),
                    recertification_on: Some(valid_until),
                    status_index: None,
                },
            )?;
            assert!(issued);
            Ok::<_, store::StoreError>(id)
        })
        .unwrap()
    })
    .await
}

/// Moves a certificate from `from` to `to` in the store (as a job or a decision would).
pub async fn set_status(app: &TestApp, case_id: &str, from: CaseStatus, to: CaseStatus) {
    let id = case_id.to_string();
    let changed = db(app, move |c| {
        Case::change_status(c, &id, Change { from, to }).unwrap()
    })
    .await;
    assert!(changed);
}

/// A confirmed employment of `person` at `company`, straight in the store.
pub async fn employ(app: &TestApp, person: &str, company: &str) {
    let (p, co) = (person.to_string(), company.to_string());
    db(app, move |c| {
        store::write_tx(c, |c| {
            let id = Employment::request(c, &p, &co, add_years(app::today(), -1))?;
            let change = Change {
                from: EmploymentStatus::Pending,
                to: EmploymentStatus::Confirmed,
            };
            assert!(Employment::decide(c, &id, change, &p)?);
            Ok::<_, store::StoreError>(())
        })
        .unwrap()
    })
    .await
}

pub async fn case_of(app: &TestApp, id: &str) -> Case {
    let id = id.to_string();
    db(app, move |c| Case::find(c, &id).unwrap().expect("case")).await
}

fn date(d: Date) -> String {
    domain::stockholm::format_date(d)
}

async fn the_list_shows_due_dates_and_status_tags(mut app: TestApp) {
    let eva = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    // Due in a month: open. Due two months ago: overdue, and lapsed to «Inaktivt».
    let open = a1_certificate(&app, &eva, "00101", months(-11)).await;
    let overdue = a1_certificate(&app, &eva, "00102", months(-14)).await;
    set_status(&app, &overdue, CaseStatus::Active, CaseStatus::Inactive).await;
    // Due in nine months: the date only.
    let later = a1_certificate(&app, &eva, "00103", months(-3)).await;
    let suspended = a1_certificate(&app, &eva, "00104", months(-2)).await;
    set_status(&app, &suspended, CaseStatus::Active, CaseStatus::Suspended).await;
    let withdrawn = a1_certificate(&app, &eva, "00105", months(-2)).await;
    set_status(&app, &withdrawn, CaseStatus::Active, CaseStatus::Withdrawn).await;

    let page = app.get("/certificates?sort=nr&dir=asc").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    let row = |id: &str| -> String {
        let start = body
            .find(&format!("data-href=\"/cases/{id}\""))
            .expect("row");
        let end = start + body[start..].find("</tr>").unwrap();
        body[start..end].to_string()
    };
    let (o, v, l, s, w) = (
        row(&open),
        row(&overdue),
        row(&later),
        row(&suspended),
        row(&withdrawn),
    );
    assert!(o.contains(&date(months(1))), "{o}");
    assert!(o.contains("Öppen för intygande"), "{o}");
    assert!(o.contains(">Aktivt<"), "{o}");
    // «Omcertifiering» shows «Giltigt till».
    assert!(o.contains(&date(add_years(months(-11), 5))), "{o}");
    assert!(v.contains(&date(months(-2))), "{v}");
    assert!(v.contains("Försenad") && v.contains(">Inaktivt<"), "{v}");
    assert!(v.contains("tag-amber"), "{v}");
    assert!(l.contains(&date(months(9))), "{l}");
    assert!(
        !l.contains("Öppen för intygande") && !l.contains("Försenad"),
        "{l}"
    );
    assert!(s.contains(">Suspenderat<"), "{s}");
    assert!(
        !s.contains("Öppen för intygande") && !s.contains("Försenad"),
        "{s}"
    );
    assert!(w.contains(">Återkallat<") && w.contains("tag-red"), "{w}");
    // An ended certificate has neither date.
    assert!(!w.contains(&date(months(10))), "{w}");
    assert!(!w.contains(&date(add_years(months(-2), 5))), "{w}");

    // The same in English.
    app.get("/lang/en?next=/certificates").await;
    let en = app.get("/certificates").await;
    en.assert_contains("Open for attestation")
        .assert_contains("Overdue")
        .assert_contains("Inactive")
        .assert_contains("Withdrawn");
}

async fn the_case_page_shows_the_life_after_issue(mut app: TestApp) {
    let eva = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let decider = crate::companies::staff(
        &app,
        "beslut@example.se",
        web::admin::StaffRoles {
            beslutsfattare: true,
            ..Default::default()
        },
    )
    .await;
    drop(decider);
    let decider_id = db(&app, |c| {
        store::models::person::Person::find_by_email(c, "beslut@example.se")
            .unwrap()
            .unwrap()
            .id
    })
    .await;
    let id = a1_certificate(&app, &eva, "00201", months(-11)).await;
    let base = app.state.config.base_url.clone();
    let until = months(1);
    let (case_id, b) = (id.clone(), base.clone());
    db(&app, move |c| {
        let actor = app::Actor {
            id: decider_id,
            beslutsfattare: true,
            ..Default::default()
        };
        let today = app::today();
        app::life::decide_after_issue(
            c,
            &actor,
            &case_id,
            &app::life::AfterIssue::Suspend { until },
            "Bristande dokumentation",
            today,
            &b,
        )
        .unwrap();
        app::life::decide_after_issue(
            c,
            &actor,
            &case_id,
            &app::life::AfterIssue::ReduceScope {
                scope: "Endast system under 3 kg".into(),
            },
            "Utbildning saknas för större system",
            today,
            &b,
        )
        .unwrap();
    })
    .await;

    let page = app.get(&format!("/cases/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("00201")
        .assert_contains("Utfärdandedatum")
        .assert_contains(&date(months(-11)))
        .assert_contains("Giltigt till")
        .assert_contains(&date(add_years(months(-11), 5)))
        .assert_contains("Årlig förlängning")
        .assert_contains(&date(months(1)))
        .assert_contains(">Suspenderat<")
        .assert_contains("Suspenderat till")
        .assert_contains("Begränsad omfattning")
        .assert_contains("Endast system under 3 kg")
        .assert_contains("Beslut efter utfärdandet")
        .assert_contains("Bristande dokumentation")
        .assert_contains("Utbildning saknas för större system");
    // Suspended: no attestation offered.
    assert!(!page.body.contains("Intyga årlig förlängning"));
}

async fn only_a_self_employed_holder_attests_on_the_case_page(mut app: TestApp) {
    // Eva has no employer: she attests herself.
    let eva = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let case = a1_certificate(&app, &eva, "00301", months(-11)).await;
    let page = app.get(&format!("/cases/{case}")).await;
    // Nothing attested or decided after issue yet: neither list.
    assert!(!page.body.contains("Årliga förlängningar"));
    assert!(!page.body.contains("Beslut efter utfärdandet"));
    page.assert_contains("Intyga årlig förlängning")
        .assert_contains("Jag intygar att jag är yrkesverksam inom området som egen företagare.")
        .assert_contains(&format!("action=\"/cases/{case}/annual\""));

    // Nobody else may attest it.
    let mut pia = app.new_browser();
    pia.signed_in_person("19850612-2384", "Pia", "pia@example.se")
        .await;
    let r = pia.post(&format!("/cases/{case}/annual"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("annual_attestations").await, 0);

    let r = app.post(&format!("/cases/{case}/annual"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/cases/{case}"));
    let page = app.follow(r).await;
    page.assert_contains("Den årliga förlängningen är intygad.")
        .assert_contains("Årliga förlängningar")
        .assert_contains("Egen företagare");
    assert!(!page.body.contains("Intyga årlig förlängning"));
    assert_eq!(app.count("annual_attestations").await, 1);
    // The next due date is a year on.
    assert_eq!(
        case_of(&app, &case).await.annual_renewal_on,
        Some(months(13))
    );
    // A second attestation of the same year is refused.
    let r = app.post(&format!("/cases/{case}/annual"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(app.count("annual_attestations").await, 1);

    // Olle is employed: his employer attests; the page says so and a POST is refused.
    let mut olle = app.new_browser();
    let olle_id = olle
        .signed_in_person("19850615-4569", "Olle", "olle@example.se")
        .await;
    let cid = db(&app, |c| {
        store::models::company::Company::create(c, "5560125790", "Test Företag AB").unwrap()
    })
    .await;
    employ(&app, &olle_id, &cid).await;
    let his = a1_certificate(&app, &olle_id, "00302", months(-11)).await;
    let page = olle.get(&format!("/cases/{his}")).await;
    assert!(!page.body.contains("Intyga årlig förlängning"));
    assert!(!page.body.contains(&format!("/cases/{his}/annual")));
    page.assert_contains("intygar den på företagssidan");
    let r = olle.post(&format!("/cases/{his}/annual"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("Din arbetsgivares administratör intygar"),
        "{}",
        r.body
    );
    assert_eq!(app.count("annual_attestations").await, 1);
    assert_eq!(case_of(&app, &his).await.annual_renewal_on, Some(months(1)));
}

async fn recertification_is_applied_for_through_a_confirmation_page(mut app: TestApp) {
    let eva = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    // Valid for three more months: recertification is open.
    let old = a1_certificate(&app, &eva, "00401", add_years(months(3), -5)).await;
    // Valid for two more years: not yet.
    let young = a1_certificate(&app, &eva, "00402", months(-36)).await;

    let page = app.get(&format!("/cases/{young}")).await;
    assert!(!page.body.contains("Ansök om omcertifiering"));
    let r = app.get(&format!("/cases/{young}/recertify")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Omcertifiering går att söka först sex månader före Giltigt till.");
    let r = app.post(&format!("/cases/{young}/recertify"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let page = app.get(&format!("/cases/{old}")).await;
    page.assert_contains(&format!("href=\"/cases/{old}/recertify\""))
        .assert_contains("Ansök om omcertifiering");
    let confirm = app.get(&format!("/cases/{old}/recertify")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    confirm
        .assert_contains("Personcertifikat f-gas kat A1")
        .assert_contains("00401")
        .assert_contains(&date(months(3)))
        .assert_contains(&date(add_years(months(3), 5)))
        .assert_contains(&format!("action=\"/cases/{old}/recertify\""));
    // Somebody else's certificate is not found.
    let mut pia = app.new_browser();
    pia.signed_in_person("19850612-2384", "Pia", "pia@example.se")
        .await;
    assert_eq!(
        pia.get(&format!("/cases/{old}/recertify")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        pia.post(&format!("/cases/{old}/recertify"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let r = app.post(&format!("/cases/{old}/recertify"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let new = r.location().trim_start_matches("/cases/").to_string();
    assert_ne!(new, old);
    let page = app.follow(r).await;
    page.assert_contains("Din ansökan om omcertifiering är skapad.")
        .assert_contains("Intyg om yrkesverksamhet")
        .assert_contains("Omcertifierar certifikat 00401")
        .assert_contains(&format!("href=\"/cases/{old}\""));
    assert_eq!(
        case_of(&app, &new).await.renews_case_id.as_deref(),
        Some(old.as_str())
    );
    // The certificate links to the application, and offers no second one.
    let page = app.get(&format!("/cases/{old}")).await;
    page.assert_contains("Ansökan om omcertifiering pågår")
        .assert_contains(&format!("href=\"/cases/{new}\""));
    assert!(!page.body.contains(&format!("/cases/{old}/recertify")));
    let r = app.get(&format!("/cases/{old}/recertify")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = app.post(&format!("/cases/{old}/recertify"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // Once issued, the old case shows «Omcertifierad» and links to the new one.
    let (o, n) = (old.clone(), new.clone());
    db(&app, move |c| {
        let change = Change {
            from: CaseStatus::Active,
            to: CaseStatus::Recertified,
        };
        assert!(Case::mark_recertified(c, &o, change, &n).unwrap());
    })
    .await;
    let page = app.get(&format!("/cases/{old}")).await;
    page.assert_contains(">Omcertifierad<")
        .assert_contains("Visa omcertifieringen")
        .assert_contains(&format!("href=\"/cases/{new}\""));
    let list = app.get("/certificates").await;
    list.assert_contains(">Omcertifierad<");
}

async fn closed_types_are_not_offered(mut app: TestApp) {
    app.signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let page = app.get("/certificates/new").await;
    page.assert_contains(">Personcertifikat f-gas kat A1</option>");
    for closed in ["I", "II", "III", "IV"] {
        assert!(
            !page
                .body
                .contains(&format!(">Personcertifikat f-gas kat {closed}</option>")),
            "kat {closed} offered"
        );
    }
    let (area, kat_i) = super::type_ids(&app, "Personcertifikat f-gas kat I").await;
    let r = app
        .post(
            "/certificates/new",
            &[("area", &area), ("certificate", &kat_i)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    r.assert_contains("Välj vilket certifikat du ansöker om.");
    assert_eq!(app.count("cases").await, 0);
}
