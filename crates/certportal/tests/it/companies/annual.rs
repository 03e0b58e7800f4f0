//! «Årlig förlängning» on the company page: the administrators see their employees'
//! open and overdue attestations, check several, confirm on a page that names each of
//! them, and the attestation is recorded (an inactive certificate is active again). Only
//! the company's administrators, never for their own certificate.

use axum::http::StatusCode;
use domain::certification::{AttestationBasis, CaseStatus};
use store::models::life::AnnualAttestation;

use super::company_with_admin;
use crate::certificates::life_person::{a1_certificate, case_of, db, employ, months, set_status};
use crate::harness::TestApp;

crate::on_both_backends!(
    administrators_attest_several_employees_through_a_confirmation_page,
    only_the_companys_administrators_attest,
    an_administrator_does_not_attest_their_own_certificate,
);

fn date(d: time::Date) -> String {
    domain::stockholm::format_date(d)
}

/// The «Årlig förlängning» section of a company page.
fn annual_section(page: &str) -> &str {
    let start = page.find("id=\"annual-heading\"").expect("annual section");
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

async fn administrators_attest_several_employees_through_a_confirmation_page(app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    let mut eva = app.new_browser();
    let eva_id = eva
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let mut olle = app.new_browser();
    let olle_id = olle
        .signed_in_person("19850615-4569", "Olle", "olle@example.se")
        .await;
    employ(&app, &eva_id, &cid).await;
    employ(&app, &olle_id, &cid).await;
    // Eva's is open (due in a month); Olle's was due two months ago and has lapsed.
    let evas = a1_certificate(&app, &eva_id, "00501", months(-11)).await;
    let olles = a1_certificate(&app, &olle_id, "00502", months(-14)).await;
    set_status(&app, &olles, CaseStatus::Active, CaseStatus::Inactive).await;
    // Not open yet: not listed.
    let later = a1_certificate(&app, &eva_id, "00503", months(-3)).await;

    let page = frida.get(&format!("/companies/{cid}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let section = annual_section(&page.body);
    assert!(section.contains("Eva Testsson") && section.contains("Olle Testsson"));
    assert!(section.contains("00501") && section.contains("00502"));
    assert!(!section.contains("00503"), "{section}");
    assert!(section.contains("Öppen för intygande") && section.contains("Försenad"));
    assert!(section.contains(">Inaktivt<"));
    assert!(section.contains(&format!("value=\"{evas}\"")));
    assert!(section.contains(&format!("value=\"{olles}\"")));
    assert!(!section.contains(&format!("value=\"{later}\"")));
    // The employees' certificates show their next «Årlig förlängning» too.
    page.assert_contains(&date(months(9)));

    // Nothing checked: the page again, with the error.
    let r = frida.post(&format!("/companies/{cid}/annual"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Markera minst en anställd att intyga.")
        .assert_contains("Eva Testsson");

    // The confirmation page names each of them; nothing is written yet.
    let r = frida
        .post(
            &format!("/companies/{cid}/annual"),
            &[("case", &evas), ("case", &olles)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.assert_contains("Intyga årlig förlängning")
        .assert_contains("Eva Testsson")
        .assert_contains("Olle Testsson")
        .assert_contains("Personcertifikat f-gas kat A1")
        .assert_contains("00501")
        .assert_contains("Genom att intyga bekräftar du")
        .assert_contains(&format!("action=\"/companies/{cid}/annual/confirm\""))
        .assert_contains(&format!("href=\"/companies/{cid}\""));
    assert_eq!(app.count("annual_attestations").await, 0);

    let r = frida
        .post(
            &format!("/companies/{cid}/annual/confirm"),
            &[("case", &evas), ("case", &olles)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/companies/{cid}"));
    let page = frida.follow(r).await;
    page.assert_contains("Den årliga förlängningen är intygad.");
    assert!(annual_section(&page.body).contains("Ingen anställds årliga förlängning är öppen"));

    // Olle's certificate is active again; both are recorded as the employer's.
    assert_eq!(case_of(&app, &olles).await.status, CaseStatus::Active);
    assert_eq!(
        case_of(&app, &evas).await.annual_renewal_on,
        Some(months(13))
    );
    for id in [evas.clone(), olles.clone()] {
        let recorded = db(&app, move |c| AnnualAttestation::for_case(c, &id).unwrap()).await;
        assert_eq!(recorded.len(), 1);
        assert_eq!(recorded[0].basis, AttestationBasis::Employer);
        assert_eq!(recorded[0].company_id.as_deref(), Some(cid.as_str()));
    }
    // The holder sees it on the case page.
    let case_page = olle.get(&format!("/cases/{olles}")).await;
    case_page
        .assert_contains(">Aktivt<")
        .assert_contains("Arbetsgivaren");

    // In English.
    frida.get(&format!("/lang/en?next=/companies/{cid}")).await;
    frida
        .get(&format!("/companies/{cid}"))
        .await
        .assert_contains("Annual renewal");
}

async fn only_the_companys_administrators_attest(app: TestApp) {
    let (cid, _frida) = company_with_admin(&app).await;
    let mut eva = app.new_browser();
    let eva_id = eva
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    employ(&app, &eva_id, &cid).await;
    let mut olle = app.new_browser();
    let olle_id = olle
        .signed_in_person("19850615-4569", "Olle", "olle@example.se")
        .await;
    employ(&app, &olle_id, &cid).await;
    let evas = a1_certificate(&app, &eva_id, "00601", months(-11)).await;

    // A colleague who is no administrator: not found, nothing written.
    for path in ["annual", "annual/confirm"] {
        let r = olle
            .post(&format!("/companies/{cid}/{path}"), &[("case", &evas)])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    // The administrator of another company cannot attest here, nor there for someone
    // who is not employed there.
    let mut pia = app.new_browser();
    let pia_id = pia
        .signed_in_person("19850612-2384", "Pia", "pia@example.se")
        .await;
    let other = db(&app, move |c| {
        let id = store::models::company::Company::create(c, "5566778899", "Annat AB").unwrap();
        store::models::company::Company::add_admin(c, &id, &pia_id).unwrap();
        id
    })
    .await;
    let r = pia
        .post(
            &format!("/companies/{cid}/annual/confirm"),
            &[("case", &evas)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = pia
        .post(&format!("/companies/{other}/annual"), &[("case", &evas)])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = pia
        .post(
            &format!("/companies/{other}/annual/confirm"),
            &[("case", &evas)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nor the holder herself, who sees no company page at all.
    let r = eva.get(&format!("/companies/{cid}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("annual_attestations").await, 0);
    assert_eq!(
        case_of(&app, &evas).await.annual_renewal_on,
        Some(months(1))
    );
}

async fn an_administrator_does_not_attest_their_own_certificate(app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    let frida_id = db(&app, |c| {
        store::models::person::Person::find_by_email(c, "frida@example.se")
            .unwrap()
            .unwrap()
            .id
    })
    .await;
    let mut gustav = app.new_browser();
    let gustav_id = gustav
        .signed_in_person("19900101-0017", "Gustav", "gustav@example.se")
        .await;
    employ(&app, &frida_id, &cid).await;
    employ(&app, &gustav_id, &cid).await;
    let (c2, g2) = (cid.clone(), gustav_id.clone());
    db(&app, move |c| {
        store::models::company::Company::add_admin(c, &c2, &g2).unwrap()
    })
    .await;
    let fridas = a1_certificate(&app, &frida_id, "00701", months(-11)).await;

    // Her own row has no checkbox; another administrator attests it.
    let page = frida.get(&format!("/companies/{cid}")).await;
    let section = annual_section(&page.body);
    assert!(section.contains("00701"));
    assert!(
        !section.contains(&format!("value=\"{fridas}\"")),
        "{section}"
    );
    assert!(section.contains("Intygas av en annan administratör"));
    // Posting it anyway is refused, at both steps, and nothing is written.
    for path in ["annual", "annual/confirm"] {
        let r = frida
            .post(&format!("/companies/{cid}/{path}"), &[("case", &fridas)])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{path}");
        r.assert_contains("Du kan inte intyga ditt eget certifikat.");
    }
    assert_eq!(app.count("annual_attestations").await, 0);

    // Gustav may.
    let page = gustav.get(&format!("/companies/{cid}")).await;
    assert!(annual_section(&page.body).contains(&format!("value=\"{fridas}\"")));
    let r = gustav
        .post(&format!("/companies/{cid}/annual"), &[("case", &fridas)])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Frida Testsson");
    let r = gustav
        .post(
            &format!("/companies/{cid}/annual/confirm"),
            &[("case", &fridas)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.count("annual_attestations").await, 1);
}
