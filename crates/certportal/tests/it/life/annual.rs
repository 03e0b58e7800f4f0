//! «Årlig förlängning»: the employer's administrator attests, never the holder for their
//! own certificate; a holder without a confirmed employer attests as self-employed; staff
//! register paper; it opens two months before it is due; a missed one makes the
//! certificate «Inaktivt» until attested.

use app::life::{attest_as_employer, attest_self, register_paper};
use domain::certification::AttestationBasis;
use domain::company_certificate::Standing;
use domain::RuleError;
use store::models::life::AnnualAttestation;

use super::*;

crate::on_both_backends!(
    the_employers_administrator_attests_and_nobody_else,
    a_self_employed_holder_and_staff_attest,
    a_missed_attestation_makes_inactive_until_attested,
);

/// The day the first attestation opens (two months before [`DUE1`]).
const OPENS: Date = date!(2026 - 11 - 15);

async fn employer_attests(
    app: &TestApp,
    who: &str,
    company: &str,
    cases: &[&str],
    today: Date,
) -> app::Result<usize> {
    let (who, company, base) = (who.to_string(), company.to_string(), base(app));
    let cases: Vec<String> = cases.iter().map(|c| c.to_string()).collect();
    db(app, move |c| {
        attest_as_employer(c, &actor(&who), &company, &cases, today, &base)
    })
    .await
}

async fn attestations(app: &TestApp, case_id: &str) -> Vec<AnnualAttestation> {
    let id = case_id.to_string();
    db(app, move |c| AnnualAttestation::for_case(c, &id).unwrap()).await
}

async fn the_employers_administrator_attests_and_nobody_else(app: TestApp) {
    let eva = person(&app, 101, "Eva", "sv").await;
    let frida = person(&app, 102, "Frida", "sv").await;
    let gustav = person(&app, 103, "Gustav", "sv").await;
    let other = person(&app, 104, "Olle", "sv").await;
    let kyl = company(&app, "5560125790", "Kyl AB", &[&frida, &gustav]).await;
    let annan = company(&app, "5567037485", "Annan AB", &[&other]).await;
    for p in [&eva, &frida, &gustav] {
        employ(&app, p, &kyl).await;
    }
    let evas = certificate(&app, &eva, "00001").await;
    let fridas = certificate(&app, &frida, "00002").await;
    let gustavs = certificate(&app, &gustav, "00003").await;
    let before = footprint(&app).await;

    // Not open yet the day before it opens.
    let day_before = OPENS - time::Duration::days(1);
    let r = employer_attests(&app, &frida, &kyl, &[&evas], day_before).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::AttestationNotOpen))),
        "{r:?}"
    );
    // The holder never attests their own, administrator or not.
    let r = employer_attests(&app, &frida, &kyl, &[&fridas], OPENS).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::EmployerAttests))),
        "{r:?}"
    );
    let r = db(&app, {
        let (e, id, b) = (eva.clone(), evas.clone(), base(&app));
        move |c| attest_self(c, &actor(&e), &id, OPENS, &b)
    })
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::EmployerAttests))),
        "{r:?}"
    );
    // Another company's administrator: not the holder's employer.
    let r = employer_attests(&app, &other, &annan, &[&evas], OPENS).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::NotHoldersEmployer))),
        "{r:?}"
    );
    // Not an administrator of the company named.
    let r = employer_attests(&app, &eva, &kyl, &[&fridas], OPENS).await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    // All or none: one refused certificate in the batch leaves the others unattested.
    let r = employer_attests(&app, &frida, &kyl, &[&evas, &fridas], OPENS).await;
    assert!(r.is_err());
    assert_eq!(footprint(&app).await, before, "a refusal writes nothing");

    // Frida attests Eva and Gustav; Gustav attests Frida (administrators attest each other).
    assert_eq!(
        employer_attests(&app, &frida, &kyl, &[&evas, &gustavs], OPENS)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        employer_attests(&app, &gustav, &kyl, &[&fridas], OPENS)
            .await
            .unwrap(),
        1
    );
    let a = attestations(&app, &evas).await;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].basis, AttestationBasis::Employer);
    assert_eq!(a[0].due_on, DUE1);
    assert_eq!(a[0].attested_by, frida);
    assert_eq!(a[0].company_id.as_deref(), Some(kyl.as_str()));
    // As the staff case page reads them: each with who attested it by name.
    let named = {
        let id = evas.clone();
        db(&app, move |c| {
            AnnualAttestation::for_case_named(c, &id).unwrap()
        })
        .await
    };
    let frida_name = {
        let id = frida.clone();
        db(&app, move |c| {
            store::models::person::Person::find(c, &id).unwrap()
        })
        .await
        .expect("Frida")
        .full_name()
    };
    assert!(frida_name.starts_with("Frida"), "{frida_name}");
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].0.id, a[0].id);
    assert_eq!(named[0].1, frida_name);
    let case = case_of(&app, &evas).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(
        case.annual_renewal_on,
        Some(date!(2028 - 01 - 15)),
        "next year"
    );
    assert_eq!(event_kinds(&app, &evas).await[0], EventKind::AnnualAttested);
    // The same year twice: the next one is not open yet.
    let r = employer_attests(&app, &frida, &kyl, &[&evas], OPENS).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::AttestationNotOpen))),
        "{r:?}"
    );
    assert_eq!(attestations(&app, &evas).await.len(), 1);
}

async fn a_self_employed_holder_and_staff_attest(app: TestApp) {
    let eva = person(&app, 101, "Eva", "sv").await;
    let hanna = person(&app, 105, "Hanna", "sv").await;
    let evas = certificate(&app, &eva, "00001").await;
    let b = base(&app);

    // Staff need a note, and never handle their own certificate.
    let r = db(&app, {
        let (h, id, b) = (hanna.clone(), evas.clone(), b.clone());
        move |c| register_paper(c, &officer(&h), &id, "  ", OPENS, &b)
    })
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::ReasonRequired))),
        "{r:?}"
    );
    let r = db(&app, {
        let (e, id, b) = (eva.clone(), evas.clone(), b.clone());
        move |c| register_paper(c, &actor(&e), &id, "Intyg", OPENS, &b)
    })
    .await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");

    // No confirmed employment: Eva attests herself.
    let due = db(&app, {
        let (e, id, b) = (eva.clone(), evas.clone(), b.clone());
        move |c| attest_self(c, &actor(&e), &id, OPENS, &b)
    })
    .await
    .unwrap();
    assert_eq!(due, DUE1);
    // Nobody else attests Eva's as self-employed.
    let r = db(&app, {
        let (h, id, b) = (hanna.clone(), evas.clone(), b.clone());
        move |c| attest_self(c, &actor(&h), &id, OPENS, &b)
    })
    .await;
    assert!(matches!(r, Err(app::Error::NotFound)), "{r:?}");

    // The next year's arrives on paper: registered by staff with the note.
    let next_open = date!(2027 - 11 - 15);
    db(&app, {
        let (h, id, b) = (hanna.clone(), evas.clone(), b.clone());
        move |c| register_paper(c, &officer(&h), &id, "Pappersintyg 2027", next_open, &b)
    })
    .await
    .unwrap();
    let a = attestations(&app, &evas).await;
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].basis, AttestationBasis::Staff);
    assert_eq!(a[0].note, "Pappersintyg 2027");
    assert_eq!(a[1].basis, AttestationBasis::SelfEmployed);
}

async fn a_missed_attestation_makes_inactive_until_attested(app: TestApp) {
    let eva = person(&app, 101, "Eva", "sv").await;
    let frida = person(&app, 102, "Frida", "en").await;
    let kyl = company(&app, "5560125790", "Kyl AB", &[&frida]).await;
    employ(&app, &eva, &kyl).await;
    let evas = certificate(&app, &eva, "00001").await;
    let b = base(&app);
    db(&app, {
        let (k, b) = (kyl.clone(), b.clone());
        move |c| app::standing::recompute(c, &k, None, &b, ISSUED).unwrap()
    })
    .await;

    // The due day itself is still in time.
    let report = db(&app, {
        let b = b.clone();
        move |c| app::jobs::run_all(c, DUE1, &b).unwrap()
    })
    .await;
    assert_eq!(report.lapsed, 0);
    assert_eq!(case_of(&app, &evas).await.status, CaseStatus::Active);

    // The day after: «Inaktivt», the holder and the administrator told, the company at risk.
    let after = DUE1 + time::Duration::days(1);
    async fn run(app: &TestApp, after: Date) -> app::jobs::Report {
        let b = base(app);
        db(app, move |c| app::jobs::run_all(c, after, &b).unwrap()).await
    }
    assert_eq!(run(&app, after).await.lapsed, 1);
    assert_eq!(case_of(&app, &evas).await.status, CaseStatus::Inactive);
    assert!(event_kinds(&app, &evas)
        .await
        .contains(&EventKind::CertificateLapsed));
    let to_eva = mails_to(&app, "eva@example.se").await;
    let lapsed = to_eva.last().expect("a mail to Eva");
    assert!(lapsed.subject.contains("är inaktivt"), "{}", lapsed.subject);
    assert!(lapsed.body.contains("2027-01-15"), "{}", lapsed.body);
    let to_frida = mails_to(&app, "frida@example.se").await;
    let lapsed = to_frida.last().expect("a mail to Frida");
    assert!(
        lapsed.subject.contains("is inactive"),
        "in her language: {}",
        lapsed.subject
    );
    assert!(lapsed.body.contains("Eva Testsson"), "{}", lapsed.body);
    let standing = db(&app, {
        let k = kyl.clone();
        move |c| Company::find(c, &k).unwrap().unwrap().certificate_status
    })
    .await;
    assert_eq!(standing, Standing::AtRisk);
    // Twice the same day: nothing more.
    let outbox = app.count("outbox").await;
    assert_eq!(run(&app, after).await.lapsed, 0);
    assert_eq!(app.count("outbox").await, outbox);

    // Attested late, within the validity: «Aktivt» again, and the company with it.
    let late = after + time::Duration::days(20);
    db(&app, {
        let (f, k, id, b) = (frida.clone(), kyl.clone(), evas.clone(), b.clone());
        move |c| attest_as_employer(c, &actor(&f), &k, &[id], late, &b)
    })
    .await
    .unwrap();
    let case = case_of(&app, &evas).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.annual_renewal_on, Some(date!(2028 - 01 - 15)));
    let standing = db(&app, {
        let k = kyl.clone();
        move |c| Company::find(c, &k).unwrap().unwrap().certificate_status
    })
    .await;
    assert_eq!(standing, Standing::Active);
}
