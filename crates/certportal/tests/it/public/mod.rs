//! The public register: «Sök certifierade», «Kontrollera certifikat» and the public API.
//! What each shows, what none of them ever shows, statuses as decisions change them, and
//! the per-client rate limit. No test here logs in: the public needs no account.

mod credentials;
mod downloads;

use axum::http::StatusCode;
use domain::certification::CaseStatus;

use crate::harness::TestApp;
use crate::life::{case_of, certificate, company, db, decider, employ, person, ISSUED, VALID};

crate::on_both_backends!(
    the_register_shows_public_facts_and_nothing_else,
    statuses_follow_the_decisions,
    the_public_register_is_rate_limited,
    the_api_describes_itself,
    a_renamed_holder_is_found_by_the_new_name,
    a_profile_save_rewrites_the_name_copies_only_when_the_name_changes,
    a_companys_employees_are_listed_by_name,
    a_two_word_name_finds_both_orders_in_the_registers_order,
);

/// The seeded personnummer of `person(app, n, …)`, in both of the forms pages print.
fn pnr_forms(n: u32) -> Vec<String> {
    let body = format!("800101{n:03}");
    let check = domain::identifiers::luhn_check_digit(&body);
    let long = format!("19{body}{check}");
    vec![
        long.clone(),
        format!("{}-{}", &long[..8], &long[8..]),
        format!("{}-{}", &long[2..8], &long[8..]),
    ]
}

/// Sets a case's status (and its dates) straight in the store, as the decisions and jobs
/// tested elsewhere leave it.
async fn set_status(app: &TestApp, case_id: &str, status: CaseStatus, on: time::Date) {
    use diesel::prelude::*;
    use store::schema::cases;
    let id = case_id.to_string();
    db(app, move |c| {
        diesel::update(cases::table.find(id))
            .set((
                cases::status.eq(status),
                cases::latest_decision_on.eq(Some(on)),
            ))
            .execute(c)
            .unwrap();
    })
    .await;
}

/// Saves a person's profile as the profile form does, with a new last name and, when
/// given, a new phone number; the rest as it was.
fn save_profile(c: &mut store::DbConn, id: &str, last_name: &str, phone: Option<&str>) {
    use store::models::person::{Person, ProfileChanges};
    let p = Person::find(c, id).unwrap().unwrap();
    let changes = ProfileChanges {
        first_name: p.first_name,
        last_name: last_name.into(),
        phone: phone.map_or(p.phone, str::to_string),
        address_line1: p.address_line1,
        address_line2: p.address_line2,
        postal_code: p.postal_code,
        city: p.city,
        country: p.country,
        language: p.language,
        updated_at: store::now(),
    };
    Person::update_profile(c, id, &changes).unwrap();
}

/// Every response must be free of these.
#[track_caller]
fn assert_private_free(body: &str, secrets: &[String]) {
    for s in secrets {
        assert!(
            !body.contains(s.as_str()),
            "{s:?} in a public response:\n{body}"
        );
    }
}

async fn the_register_shows_public_facts_and_nothing_else(app: TestApp) {
    let anna = person(&app, 301, "Anna", "sv").await;
    let bertil = person(&app, 302, "Bertil", "sv").await;
    let cecilia = person(&app, 303, "Cecilia", "sv").await;
    let david = person(&app, 304, "David", "sv").await;
    let kyl = company(&app, "5560125790", "Kylteknik i Norr AB", &[]).await;
    employ(&app, &anna, &kyl).await;
    let a = certificate(&app, &anna, "00007").await;
    let b = certificate(&app, &bertil, "00008").await;
    let c = certificate(&app, &cecilia, "00009").await;
    let d = certificate(&app, &david, "00010").await;
    // The company's standing as the recount would leave it with Anna employed.
    db(&app, {
        let kyl = kyl.clone();
        move |c| {
            store::models::company::Company::set_certificate_status(
                c,
                &kyl,
                domain::company_certificate::Standing::Active,
            )
            .unwrap();
        }
    })
    .await;
    let today = app::today();
    set_status(&app, &b, CaseStatus::Suspended, today).await;
    set_status(&app, &c, CaseStatus::Withdrawn, date_of("2026-03-01")).await;
    set_status(&app, &d, CaseStatus::Expired, today).await;
    let _ = a;

    // What no public response may carry: personnummer, e-mail, address, phone.
    let mut secrets: Vec<String> = (301..=304).flat_map(pnr_forms).collect();
    for who in ["anna", "bertil", "cecilia", "david"] {
        secrets.push(format!("{who}@example.se"));
    }
    let mut public = app.new_browser();
    let mut bodies = Vec::new();

    // A name search lists the active, inactive and suspended certificates, by name.
    let page = public.get("/certifierade?q=testsson").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Anna Testsson")
        .assert_contains("00007")
        .assert_contains("Kylteknik i Norr AB")
        .assert_contains("Bertil Testsson")
        .assert_contains("Suspenderat")
        .assert_contains("Personcertifikat f-gas kat A1")
        .assert_contains(&VALID.to_string())
        .assert_contains("2 träffar");
    assert!(!page.body.contains("Cecilia"), "withdrawn: not listed");
    assert!(!page.body.contains("David"), "expired: not listed");
    let anna_at = page.body.find("Anna Testsson").unwrap();
    assert!(
        anna_at < page.body.find("Bertil Testsson").unwrap(),
        "by name"
    );
    bodies.push(page.body);

    // First name first, and a filter.
    let page = public.get("/certifierade?q=Anna+Testsson").await;
    page.assert_contains("1 träff").assert_contains("00007");
    bodies.push(page.body);
    let page = public
        .get("/certifierade?q=testsson&status=suspended")
        .await;
    page.assert_contains("00008").assert_contains("1 träff");
    assert!(!page.body.contains("00007"));
    bodies.push(page.body);

    // An exact number answers for a withdrawn certificate too, with its date.
    let page = public.get("/certifierade?q=9").await;
    page.assert_contains("Cecilia Testsson")
        .assert_contains("Återkallat")
        .assert_contains("Återkallat 2026-03-01");
    bodies.push(page.body);

    // The organisationsnummer lists the company's certified employees; a company name
    // offers the company.
    let page = public.get("/certifierade?q=5560125790").await;
    page.assert_contains("Certifierade anställda hos Kylteknik i Norr AB")
        .assert_contains("Anna Testsson");
    assert!(!page.body.contains("Bertil"));
    bodies.push(page.body);
    let page = public.get("/certifierade?q=kylteknik").await;
    page.assert_contains("Visa certifierade hos Kylteknik i Norr AB");
    bodies.push(page.body);
    let page = public.get("/certifierade/foretag?q=kylt").await;
    page.assert_contains("Kylteknik i Norr AB")
        .assert_contains("556012-5790")
        .assert_contains("Aktivt");
    bodies.push(page.body);

    // Too short a search says so; nothing is listed without a search.
    let page = public.get("/certifierade?q=a").await;
    page.assert_contains("Skriv minst två tecken.");
    let page = public.get("/certifierade").await;
    assert!(!page.body.contains("Testsson"));

    // The verification page: the status now in large type, the facts, the latest decision.
    let page = public.get("/verifiera/00007").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Certifikat 00007")
        .assert_contains("verify-status-word\">Aktivt")
        .assert_contains(&format!("Giltigt till {VALID}"))
        .assert_contains(&format!("Utfärdandedatum</dt><dd>{ISSUED}"))
        .assert_contains("Kylteknik i Norr AB");
    bodies.push(page.body);
    let page = public.get("/verifiera/00009").await;
    page.assert_contains("verify-status-word\">Återkallat")
        .assert_contains("Återkallat 2026-03-01");
    bodies.push(page.body);
    let page = public.get("/verifiera/00010").await;
    page.assert_contains("verify-status-word\">Utgånget");
    bodies.push(page.body);
    let page = public.get("/verifiera/99999").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("Inget certifikat med nummer 99999");

    // English.
    let mut english = app.new_browser();
    english.get("/lang/en").await;
    let page = english.get("/verifiera/00008").await;
    page.assert_contains("Suspended");

    // The API says the same in JSON.
    let r = public.get("/api/v1/certificates/00007").await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["number"], "00007");
    assert_eq!(v["holder_name"], "Anna Testsson");
    assert_eq!(v["status"], CaseStatus::Active.code());
    assert_eq!(v["status_date"], VALID.to_string());
    assert_eq!(v["certificate_type"]["code"], "fgas-a1");
    assert_eq!(v["employer"], "Kylteknik i Norr AB");
    assert_eq!(
        v["verification_url"],
        format!("{}/verifiera/00007", app.state.config.base_url)
    );
    assert!(v["external"].is_null());
    bodies.push(r.body);
    let r = public.get("/api/v1/certificates?q=testsson").await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["total"], 2);
    assert_eq!(v["items"][1]["status"], CaseStatus::Suspended.code());
    bodies.push(r.body);
    let r = public.get("/api/v1/certificates?q=x").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = public.get("/api/v1/certificates/12345").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["error"], "not_found");

    // What a credential's verifier fetches, and the API's description, too.
    for path in [
        "/api/v1/openapi.json",
        "/.well-known/did.json",
        "/credentials/status/revocation/0",
        "/credentials/status/suspension/0",
        "/certifierade/foretag?q=kylteknik",
    ] {
        let r = public.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        bodies.push(r.body);
    }
    for body in &bodies {
        assert_private_free(body, &secrets);
    }
}

fn date_of(s: &str) -> time::Date {
    time::Date::parse(s, &time::format_description::well_known::Iso8601::DATE).unwrap()
}

async fn statuses_follow_the_decisions(app: TestApp) {
    let anna = person(&app, 311, "Anna", "sv").await;
    let boss = person(&app, 312, "Beslut", "sv").await;
    let case_id = certificate(&app, &anna, "00021").await;
    let today = app::today();
    let until = today + time::Duration::days(30);
    let decide = |d: app::life::AfterIssue| {
        let (id, boss, url) = (
            case_id.clone(),
            boss.clone(),
            app.state.config.base_url.clone(),
        );
        db(&app, move |c| {
            app::life::decide_after_issue(c, &decider(&boss), &id, &d, "Skäl", today, &url).unwrap()
        })
    };
    let mut public = app.new_browser();

    decide(app::life::AfterIssue::Suspend { until }).await;
    let page = public.get("/verifiera/00021").await;
    page.assert_contains("verify-status-word\">Suspenderat")
        .assert_contains(&format!("Suspenderat till {until}"))
        .assert_contains(&format!("Suspenderat {today}"));
    let r = public.get("/api/v1/certificates/00021").await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["status"], CaseStatus::Suspended.code());
    assert_eq!(v["status_date"], until.to_string());
    assert_eq!(
        v["latest_decision"]["kind"],
        domain::certification::DecisionKind::Suspend.code()
    );

    decide(app::life::AfterIssue::Lift).await;
    let page = public.get("/verifiera/00021").await;
    page.assert_contains("verify-status-word\">Aktivt");

    decide(app::life::AfterIssue::ReduceScope {
        scope: "Endast läckagekontroll".into(),
    })
    .await;
    public
        .get("/certifierade?q=testsson")
        .await
        .assert_contains("Endast läckagekontroll");

    decide(app::life::AfterIssue::Withdraw).await;
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::Withdrawn);
    let page = public.get("/verifiera/00021").await;
    page.assert_contains("verify-status-word\">Återkallat")
        .assert_contains(&format!("Återkallat {today}"));
    let page = public.get("/certifierade?q=testsson").await;
    assert!(
        !page.body.contains("00021"),
        "a withdrawn one is not listed"
    );
    let page = public.get("/certifierade?q=21").await;
    page.assert_contains("00021").assert_contains("Återkallat");

    // «Giltigt till» passed while the nightly job has not run yet: expired as of now.
    let old = certificate(&app, &boss, "00022").await;
    let id = old.clone();
    db(&app, move |c| {
        use diesel::prelude::*;
        use store::schema::cases;
        diesel::update(cases::table.find(id))
            .set(cases::valid_until.eq(Some(today - time::Duration::days(1))))
            .execute(c)
            .unwrap();
    })
    .await;
    let page = public.get("/verifiera/00022").await;
    page.assert_contains("verify-status-word\">Utgånget");
}

async fn the_public_register_is_rate_limited(app: TestApp) {
    let anna = person(&app, 321, "Anna", "sv").await;
    certificate(&app, &anna, "00031").await;
    // Three at once, then one a second.
    let mut public = app.with_public_limit(60, 3);
    for _ in 0..3 {
        let r = public.get("/verifiera/00031").await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = public.get("/certifierade?q=testsson").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers["retry-after"], "1");
    r.assert_contains("För många förfrågningar");
    let r = public.get("/api/v1/certificates/00031").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key("retry-after"));
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["error"], "rate_limited");

    // Another client has its own allowance; the portal's other pages are not limited.
    let mut other = public.new_browser();
    other.client_ip = "198.51.100.7".into();
    assert_eq!(other.get("/verifiera/00031").await.status, StatusCode::OK);
    assert_eq!(public.get("/login").await.status, StatusCode::OK);

    // After the interval, one more passes.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(public.get("/verifiera/00031").await.status, StatusCode::OK);
}

async fn the_api_describes_itself(app: TestApp) {
    let mut public = app.new_browser();
    let r = public.get("/api/v1/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(
        v["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        v["openapi"]
    );
    for path in ["/api/v1/certificates", "/api/v1/certificates/{number}"] {
        let op = &v["paths"][path]["get"];
        assert!(op.is_object(), "{path} described");
        for code in ["200", "429"] {
            assert!(op["responses"][code].is_object(), "{path} {code}");
        }
    }
    assert!(
        v["components"]["schemas"]["PublicCertificate"]["properties"]["holder_name"].is_object()
    );
    // No field that could carry what the register never shows.
    let props = v["components"]["schemas"]["PublicCertificate"]["properties"]
        .as_object()
        .unwrap();
    for key in props.keys() {
        let private_fields = ["personnummer", "email", "address", "phone", "birth", "file"]; // not a status: field names
        for private in private_fields {
            assert!(!key.contains(private), "{key}");
        }
    }
}

/// The register finds certificates by the holder's name as it is now: a new name moves
/// the holder's certificates (issued before and after it) to the new name's place.
async fn a_renamed_holder_is_found_by_the_new_name(app: TestApp) {
    let anna = person(&app, 311, "Anna", "sv").await;
    let _bertil = certificate(&app, &person(&app, 312, "Bertil", "sv").await, "00012").await;
    certificate(&app, &anna, "00011").await;
    let mut public = app.new_browser();
    let page = public.get("/certifierade?q=testsson").await;
    page.assert_contains("Anna Testsson")
        .assert_contains("00011")
        .assert_contains("2 träffar");

    let id = anna.clone();
    db(&app, move |c| save_profile(c, &id, "Berglund", None)).await;
    certificate(&app, &anna, "00013").await;
    let page = public.get("/certifierade?q=berglund").await;
    page.assert_contains("Anna Berglund")
        .assert_contains("00011")
        .assert_contains("00013")
        .assert_contains("2 träffar");
    let page = public.get("/certifierade?q=anna+berglund").await;
    page.assert_contains("00011").assert_contains("2 träffar");
    let page = public.get("/certifierade?q=testsson").await;
    page.assert_contains("Bertil Testsson")
        .assert_contains("1 träff");
    assert!(!page.body.contains("Anna"), "{}", page.body);
}

/// The triggers that copy a person's name key to their cases and employments fire when
/// the key changes, not on every profile save (which always sets it). A copy made stale on
/// purpose shows which: a save with the same name leaves it, a new name rewrites it.
async fn a_profile_save_rewrites_the_name_copies_only_when_the_name_changes(app: TestApp) {
    use diesel::prelude::*;
    use store::schema::{cases, employments};
    let kyl = company(&app, "5560125790", "Kylteknik i Norr AB", &[]).await;
    let anna = person(&app, 331, "Anna", "sv").await;
    employ(&app, &anna, &kyl).await;
    certificate(&app, &anna, "00031").await;
    let id = anna.clone();
    let copies = db(&app, move |c| {
        let save = |c: &mut store::DbConn, last_name: &str| {
            save_profile(c, &id, last_name, Some("070-123 45 67"))
        };
        let read = |c: &mut store::DbConn| -> (Vec<String>, Vec<String>) {
            let held = cases::table
                .filter(cases::person_id.eq(&id))
                .select(cases::holder_key)
                .load(c)
                .unwrap();
            let named = employments::table
                .filter(employments::person_id.eq(&id))
                .select(employments::person_name_key)
                .load(c)
                .unwrap();
            (held, named)
        };
        diesel::update(cases::table.filter(cases::person_id.eq(&id)))
            .set(cases::holder_key.eq("stale"))
            .execute(c)
            .unwrap();
        diesel::update(employments::table.filter(employments::person_id.eq(&id)))
            .set(employments::person_name_key.eq("stale"))
            .execute(c)
            .unwrap();
        save(c, "Testsson");
        let unchanged = read(c);
        save(c, "Berglund");
        (unchanged, read(c))
    })
    .await;
    let ((held, named), (held_after, named_after)) = copies;
    assert!(!held.is_empty() && !named.is_empty(), "{held:?} {named:?}");
    assert!(
        held.iter().chain(&named).all(|k| k == "stale"),
        "a save with the same name rewrote the copies: {held:?} {named:?}"
    );
    let key = domain::text::search_key(&["Berglund", "Anna"]);
    assert!(
        held_after.iter().chain(&named_after).all(|k| *k == key),
        "a new name must reach every copy: {held_after:?} {named_after:?}"
    );
}

/// The organisationsnummer lists the company's confirmed employees' listed certificates,
/// by the holder's name (then number), and nobody else's.
async fn a_companys_employees_are_listed_by_name(app: TestApp) {
    let kyl = company(&app, "5560125790", "Kylteknik i Norr AB", &[]).await;
    let cecilia = person(&app, 323, "Cecilia", "sv").await;
    let anna = person(&app, 321, "Anna", "sv").await;
    let bertil = person(&app, 322, "Bertil", "sv").await;
    let david = person(&app, 324, "David", "sv").await;
    for p in [&cecilia, &anna, &bertil] {
        employ(&app, p, &kyl).await;
    }
    certificate(&app, &cecilia, "00021").await;
    certificate(&app, &anna, "00023").await;
    certificate(&app, &anna, "00022").await;
    let withdrawn = certificate(&app, &bertil, "00024").await;
    set_status(&app, &withdrawn, CaseStatus::Withdrawn, app::today()).await;
    certificate(&app, &david, "00025").await;
    let mut public = app.new_browser();
    let page = public.get("/certifierade?q=5560125790").await;
    page.assert_contains("Certifierade anställda hos Kylteknik i Norr AB")
        .assert_contains("3 träffar");
    let at = |n: &str| {
        page.body
            .find(n)
            .unwrap_or_else(|| panic!("{n}: {}", page.body))
    };
    assert!(at("00022") < at("00023") && at("00023") < at("00021"));
    assert!(!page.body.contains("00024"), "withdrawn: not listed");
    assert!(!page.body.contains("00025"), "not an employee");
}

/// A two-word search reads two ranges of the holders' keys: the words as typed and the
/// last word first. The hits are counted once each and listed in the register's order
/// (the holder's key, then person and number) across both ranges, page by page, also
/// when a page starts in one range and ends in the next; a prefix that another holds, or
/// the same prefix twice, adds nothing.
async fn a_two_word_name_finds_both_orders_in_the_registers_order(app: TestApp) {
    use store::models::register::{self, Filter, Holders};
    // «Anna Testsson» (key «testsson anna»), «Annabel Testsson» («testsson annabel») and
    // a holder named the other way round, «Testsson Anna» («anna testsson»).
    let anna = person(&app, 341, "Anna", "sv").await;
    let annabel = person(&app, 342, "Annabel", "sv").await;
    let turned = person(&app, 343, "Testsson", "sv").await;
    let id = turned.clone();
    db(&app, move |c| save_profile(c, &id, "Anna", None)).await;
    for (holder, number) in [
        (&anna, "00042"),
        (&anna, "00041"),
        (&annabel, "00046"),
        (&turned, "00045"),
        (&turned, "00043"),
        (&turned, "00044"),
    ] {
        certificate(&app, holder, number).await;
    }
    let app_ref = &app;
    let search = move |prefixes: &[&str], page: i64| {
        let holders = Holders::Named(prefixes.iter().map(|p| p.to_string()).collect());
        async move {
            db(app_ref, move |c| {
                let found = register::search(c, &holders, &Filter::default(), page, 2).unwrap();
                let numbers: Vec<String> = found
                    .items
                    .iter()
                    .map(|e| e.case.certificate_number.clone().unwrap_or_default())
                    .collect();
                (found.total, numbers)
            })
            .await
        }
    };
    let typed = domain::text::search_prefixes("Anna Testsson");
    let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    assert_eq!(typed, ["anna testsson", "testsson anna"]);
    let pages = [
        search(&typed, 1).await,
        search(&typed, 2).await,
        search(&typed, 3).await,
        search(&typed, 4).await,
    ];
    let expected: [(i64, &[&str]); 4] = [
        (6, &["00043", "00044"]),
        (6, &["00045", "00041"]),
        (6, &["00042", "00046"]),
        (6, &[]),
    ];
    for (n, ((total, numbers), (want_total, want))) in pages.iter().zip(expected).enumerate() {
        assert_eq!(*total, want_total, "page {}", n + 1);
        assert_eq!(numbers, want, "page {}", n + 1);
    }
    // The same prefix twice, and a prefix inside another's range: each hit once.
    let (total, numbers) = search(&["testsson anna", "testsson anna"], 1).await;
    assert_eq!((total, numbers), (3, vec!["00041".into(), "00042".into()]));
    let (total, _) = search(&["testsson anna", "testsson"], 1).await;
    assert_eq!(total, 3);
    let (total, numbers) = search(&["testsson annab", "anna"], 2).await;
    assert_eq!((total, numbers), (4, vec!["00045".into(), "00046".into()]));
    let (total, numbers) = search(&["testsson annab", "anna"], 3).await;
    assert_eq!((total, numbers), (4, Vec::<String>::new()));

    // The page as the public sees it.
    let mut public = app.new_browser();
    let page = public.get("/certifierade?q=anna+testsson").await;
    page.assert_contains("6 träffar");
    let at = |n: &str| {
        page.body
            .find(n)
            .unwrap_or_else(|| panic!("{n}: {}", page.body))
    };
    assert!(at("00043") < at("00044") && at("00044") < at("00045"));
    assert!(at("00045") < at("00041") && at("00042") < at("00046"));
}
