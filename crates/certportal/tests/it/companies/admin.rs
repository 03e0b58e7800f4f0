//! «Administration»: registering companies and appointing and removing their
//! administrators.

use super::{company_id, company_with_admin, staff};
use crate::harness::TestApp;
use axum::http::StatusCode;

crate::on_both_backends!(
    administrator_registers_companies_and_appoints_admins,
    one_rule_for_registering_and_appointing,
    company_search_finds_a_word_by_its_start,
);

async fn administrator_registers_companies_and_appoints_admins(app: TestApp) {
    let mut admin = staff(
        &app,
        "alva@example.se",
        web::admin::StaffRoles {
            administrator: true,
            ..Default::default()
        },
    )
    .await;
    admin
        .get("/admin")
        .await
        .assert_contains("Registrera företag")
        .assert_contains("0 träffar");
    let r = admin
        .post(
            "/admin/companies/new",
            &[("orgnr", "556012-5791"), ("name", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Kontrollsiffran stämmer inte")
        .assert_contains("Ange företagets namn");
    let r = admin
        .post(
            "/admin/companies/new",
            &[
                ("orgnr", "5560125790"),
                ("name", "Test Företag AB"),
                ("invoice_address_line1", "Box 1"),
                ("invoice_postal_code", "40508"),
                ("invoice_city", "Göteborg"),
                ("invoice_country", "Sverige"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = admin.follow(r).await;
    page.assert_contains("Företaget är registrerat")
        .assert_contains("556012-5790")
        .assert_contains("405 08");
    let r = admin
        .post(
            "/admin/companies/new",
            &[("orgnr", "556012-5790"), ("name", "Kopia AB")],
        )
        .await;
    r.assert_contains("finns redan");
    let cid = company_id(&app, "5560125790").await;
    // The list searches by name (any case) or the exact number.
    admin
        .get("/admin?q=f%C3%B6retag")
        .await
        .assert_contains("1 träff");
    admin
        .get("/admin?q=5560125790")
        .await
        .assert_contains("1 träff");
    admin
        .get("/admin?q=annat")
        .await
        .assert_contains("0 träffar");
    let r = admin
        .post(
            &format!("/admin/companies/{cid}/admins"),
            &[("email", "nobody@example.se")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut frida = app.new_browser();
    frida
        .signed_in_person("19790402-1230", "Frida", "frida@example.se")
        .await;
    let r = admin
        .post(
            &format!("/admin/companies/{cid}/admins"),
            &[("email", "frida@example.se")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    frida
        .get("/employments")
        .await
        .assert_contains("Företag du administrerar")
        .assert_contains("Test Företag AB");
    assert_eq!(
        frida.get(&format!("/companies/{cid}")).await.status,
        StatusCode::OK
    );
    frida
        .get("/")
        .await
        .assert_contains(&format!("href=\"/companies/{cid}\""))
        .assert_contains("Företagssida: bekräfta anställningar");
    // Removing an administrator asks first.
    let frida_id = app
        .state
        .db
        .run(|c| store::models::person::Person::find_by_email(c, "frida@example.se"))
        .await
        .unwrap()
        .unwrap()
        .id;
    let remove = format!("/admin/companies/{cid}/admins/{frida_id}/remove");
    admin
        .get(&remove)
        .await
        .assert_contains("Ta bort företagsadministratör")
        .assert_contains("Frida Testsson (frida@example.se)");
    assert_eq!(frida.get(&remove).await.status, StatusCode::FORBIDDEN);
    assert_eq!(frida.post(&remove, &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        frida.get(&format!("/companies/{cid}")).await.status,
        StatusCode::OK
    );
    // A person is no administrator.
    assert_eq!(frida.get("/admin").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        frida
            .post(
                "/admin/companies/new",
                &[("orgnr", "212000-0142"), ("name", "X")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.count("companies").await, 1);
    let r = admin.post(&remove, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        frida.get(&format!("/companies/{cid}")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// The command line and the company page go through the same functions: a registered
/// number is refused, an unknown administrator leaves no company behind, and a company
/// administrator appoints only a confirmed employee, once.
async fn one_rule_for_registering_and_appointing(mut app: TestApp) {
    use app::companies::{appoint_admin, create, create_with_admin, Details};
    use domain::identifiers::Orgnr;
    use domain::RuleError;

    let (cid, mut frida) = company_with_admin(&app).await;
    let taken = Orgnr::parse("556012-5790").unwrap();
    let refused = app
        .state
        .db
        .run(move |c| Ok(create(c, None, &taken, &Details::named("Kopia AB"))))
        .await
        .unwrap();
    assert!(
        matches!(refused, Err(app::Error::Rule(RuleError::CompanyExists))),
        "{refused:?}"
    );
    let other = Orgnr::parse("212000-0142").unwrap();
    let refused = app
        .state
        .db
        .run(move |c| {
            Ok(create_with_admin(
                c,
                None,
                &other,
                &Details::named("Annat Bolag AB"),
                "nobody@example.se",
            ))
        })
        .await
        .unwrap();
    assert!(matches!(refused, Err(app::Error::NotFound)), "{refused:?}");
    assert_eq!(app.count("companies").await, 1);

    // Frida may appoint only a confirmed employee of her company, and only once.
    let eva = app
        .signed_in_person("19850615-4569", "Eva", "eva@example.se")
        .await;
    let grant = format!("/companies/{cid}/admins");
    let r = frida.post(&grant, &[("person_id", &eva)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Bara en bekräftad anställd");
    super::employed_and_confirmed(&mut app, &mut frida, &cid).await;
    let r = frida.post(&grant, &[("person_id", &eva)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = frida.post(&grant, &[("person_id", &eva)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("redan administratör");
    // Eva, now an administrator, cannot be appointed from the command line again either.
    let (c2, e2) = (cid.clone(), eva.clone());
    let again = app
        .state
        .db
        .run(move |c| Ok(appoint_admin(c, None, &c2, &e2)))
        .await
        .unwrap();
    assert!(
        matches!(again, Err(app::Error::Rule(RuleError::AlreadyCompanyAdmin))),
        "{again:?}"
    );
    // A person who administers nothing appoints no one.
    let mut sten = app.new_browser();
    let sten_id = sten
        .signed_in_person("19811218-9876", "Sten", "sten@example.se")
        .await;
    let r = sten.post(&grant, &[("person_id", &sten_id)]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// The administrators' search: each word typed is the start of some word of the name, in
/// any case and order, or the query is the exact organisationsnummer; a renamed company is
/// found by its new name only.
async fn company_search_finds_a_word_by_its_start(app: TestApp) {
    let mut admin = staff(
        &app,
        "alva@example.se",
        web::admin::StaffRoles {
            administrator: true,
            ..Default::default()
        },
    )
    .await;
    let mut ids = Vec::new();
    for (orgnr, name) in [
        ("556012-5790", "Andersson Kyl AB"),
        ("556036-0793", "Kylteknik i Norr AB"),
        ("556074-3089", "Berg & Andersson Service AB"),
        ("556016-0680", "Värme Öst AB"),
    ] {
        ids.push(
            web::admin::create_company(&app.state, orgnr, name, None)
                .await
                .unwrap(),
        );
    }
    let hits = |body: &str| {
        [
            "Andersson Kyl AB",
            "Kylteknik i Norr AB",
            "Berg &#38; Andersson Service AB",
            "Värme Öst AB",
        ]
        .into_iter()
        .filter(|n| body.contains(n))
        .collect::<Vec<_>>()
    };
    let r = admin.get("/admin?q=kyl").await;
    r.assert_contains("2 träffar");
    assert_eq!(hits(&r.body), ["Andersson Kyl AB", "Kylteknik i Norr AB"]);
    // In name order.
    let first = r.body.find("Andersson Kyl AB").unwrap();
    assert!(first < r.body.find("Kylteknik i Norr AB").unwrap());
    let r = admin.get("/admin?q=ANDERS").await;
    assert_eq!(
        hits(&r.body),
        ["Andersson Kyl AB", "Berg &#38; Andersson Service AB"]
    );
    // Every word must match, in any order.
    let r = admin.get("/admin?q=kyl+andersson").await;
    r.assert_contains("1 träff");
    assert_eq!(hits(&r.body), ["Andersson Kyl AB"]);
    assert_eq!(
        hits(&admin.get("/admin?q=%C3%96ST").await.body),
        ["Värme Öst AB"]
    );
    // The start of a word, not its middle.
    admin
        .get("/admin?q=ndersson")
        .await
        .assert_contains("0 träffar");
    assert_eq!(
        hits(&admin.get("/admin?q=556074-3089").await.body),
        ["Berg &#38; Andersson Service AB"]
    );

    // Renamed: found by the new name, no longer by the old.
    let r = admin
        .post(
            &format!("/admin/companies/{}", ids[3]),
            &[
                ("orgnr", "556016-0680"),
                ("name", "Kylservice Syd AB"),
                ("invoice_address_line1", "Box 1"),
                ("invoice_postal_code", "40508"),
                ("invoice_city", "Göteborg"),
                ("invoice_country", "Sverige"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    admin
        .get("/admin?q=v%C3%A4rme")
        .await
        .assert_contains("0 träffar");
    admin
        .get("/admin?q=kyl")
        .await
        .assert_contains("3 träffar")
        .assert_contains("Kylservice Syd AB");

    // Two of its words in the range: one hit, listed once.
    web::admin::create_company(&app.state, "556677-8899", "Kyla Kylarna AB", None)
        .await
        .unwrap();
    let r = admin.get("/admin?q=kyl").await;
    r.assert_contains("4 träffar");
    assert_eq!(r.body.matches("Kyla Kylarna AB").count(), 1, "{}", r.body);

    // Paged by name, a whole page of companies and then the rest, none twice; a page past
    // the last still says how many match.
    let mut names = Vec::new();
    for i in 0..27 {
        // The check digit that makes it a valid organisationsnummer.
        let orgnr = (0..10)
            .find_map(|d| domain::identifiers::Orgnr::parse(&format!("5520{i:05}{d}")).ok())
            .expect("a check digit");
        let name = format!("Sida {i:02} Sidan AB");
        web::admin::create_company(&app.state, orgnr.as_str(), &name, None)
            .await
            .unwrap();
        names.push(name);
    }
    let n = names.len();
    let one = admin.get("/admin?q=sid").await;
    one.assert_contains(&format!("{n} träffar"));
    let two = admin.get("/admin?q=sid&page=2").await;
    let listed = |body: &str| {
        names
            .iter()
            .filter(|name| body.contains(name.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (first, second) = (listed(&one.body), listed(&two.body));
    assert_eq!(first.len(), 25);
    assert_eq!([first, second].concat(), names);
    admin
        .get("/admin?q=sid&page=9")
        .await
        .assert_contains(&format!("{n} träffar"));
}
