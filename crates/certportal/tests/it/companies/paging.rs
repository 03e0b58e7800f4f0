//! The company page of a company with many employees: each list is a page, in name order,
//! with a pager of its own; a renamed employee moves to the
//! place of their new name.

use super::company_with_admin;
use crate::harness::TestApp;
use domain::certification::CaseStatus;
use domain::employment::EmploymentStatus;
use store::models::case::{Case, Issue};
use store::models::catalog::{CertificateType, MomentTemplate};
use store::models::company::Company;
use store::models::employment::Employment;
use store::models::life::OpenAttestation;
use store::models::person::{NewPerson, Person, ProfileChanges};
use store::models::Change;
use time::{Date, Duration};

crate::on_both_backends!(
    a_big_companys_employees_are_paged_by_name,
    yearly_renewals_are_paged_in_date_order,
);

const CONFIRM: Change<EmploymentStatus> = Change {
    from: EmploymentStatus::Pending,
    to: EmploymentStatus::Confirmed,
};

/// `n` confirmed employees «Anställd 01» … «Anställd n» (set up in the store: the
/// confirming itself is `employment.rs`'s business); returns their ids in name order.
async fn employees(app: &TestApp, company_id: &str, admin: &str, n: u32) -> Vec<String> {
    let (company_id, admin) = (company_id.to_string(), admin.to_string());
    app.state
        .db
        .run(move |c| {
            let mut ids = Vec::new();
            for i in 1..=n {
                let id = store::new_id();
                let now = store::now();
                Person::insert(
                    c,
                    &NewPerson {
                        id: id.clone(),
                        personnummer: None,
                        first_name: format!("Nr{i:02}"),
                        last_name: "Anställd".into(),
                        email: format!("anstalld{i}@example.se"),
                        email_verified_at: Some(now),
                        password_hash: None,
                        language: "sv".into(),
                        is_handlaggare: false,
                        is_beslutsfattare: false,
                        is_administrator: false,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                let start = time::macros::date!(2026 - 01 - 01);
                let e = Employment::request(c, &id, &company_id, start)?;
                assert!(Employment::decide(c, &e, CONFIRM, &admin)?);
                ids.push(id);
            }
            Ok(ids)
        })
        .await
        .unwrap()
}

/// An active certificate numbered `number` for the person (issued in the store).
async fn certificate(app: &TestApp, person_id: &str, number: &str) {
    certificate_due(app, person_id, number, None).await;
}

/// An active certificate numbered `number` whose yearly attestation is due on `annual`.
async fn certificate_due(app: &TestApp, person_id: &str, number: &str, annual: Option<Date>) {
    let (pid, n) = (person_id.to_string(), number.to_string());
    let issued = app
        .state
        .db
        .run(move |c| {
            let t = CertificateType::all(c)?.remove(0);
            let templates = MomentTemplate::for_type(c, &t.id)?;
            store::write_tx(c, |c| {
                let id = Case::create(c, &pid, &t.id, &templates, |t| t.kind.initial_status())?;
                let today = time::macros::date!(2026 - 02 - 01);
                let issue = Issue {
                    certificate_number: n,
                    issued_on: today,
                    valid_until: today + time::Duration::days(400),
                    external_body: String::new(),
                    external_country: String::new(),
                    external_number: String::new(),
                    annual_renewal_on: annual,
                    recertification_on: None,
                    status_index: None,
                };
                let issued = Change {
                    from: CaseStatus::InProgress,
                    to: CaseStatus::Active,
                };
                Case::issue(c, &id, issued, &issue)
            })
        })
        .await
        .unwrap();
    assert!(issued, "issued");
}

async fn a_big_companys_employees_are_paged_by_name(app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    let frida_id = app
        .state
        .db
        .run(|c| Person::find_by_email(c, "frida@example.se"))
        .await
        .unwrap()
        .expect("Frida")
        .id;
    let ids = employees(&app, &cid, &frida_id, 30).await;
    // Nr28 holds one certificate and Nr27 two: they are listed with the employees of
    // page 2 only, by the page's order of names and then in the order the cases were made.
    certificate(&app, &ids[27], "C-2828").await;
    certificate(&app, &ids[26], "C-2727").await;
    certificate(&app, &ids[26], "C-2728").await;

    // Page 1: the first 25 by name, a pager to page 2, a button per employee to make them
    // an administrator.
    let page = frida.get(&format!("/companies/{cid}")).await;
    page.assert_contains("Nr01 Anställd")
        .assert_contains("Nr25 Anställd")
        .assert_contains(&format!("/companies/{cid}?employees=2"))
        .assert_contains(&format!("name=\"person_id\" value=\"{}\"", ids[0]));
    assert!(!page.body.contains("Nr26 Anställd"), "page 1 stops at 25");

    // Page 2: the other five, and a link back.
    let page = frida.get(&format!("/companies/{cid}?employees=2")).await;
    page.assert_contains("Nr26 Anställd")
        .assert_contains("Nr30 Anställd")
        .assert_contains(&format!("/companies/{cid}?employees=1"));
    assert!(!page.body.contains("Nr01 Anställd"), "page 2 starts at 26");
    let places: Vec<usize> = ["C-2727", "C-2728", "C-2828"]
        .iter()
        .map(|n| page.body.find(n).unwrap_or_else(|| panic!("{n} on page 2")))
        .collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "by name, then by case: {places:?}"
    );
    let first = frida.get(&format!("/companies/{cid}")).await;
    assert!(
        !first.body.contains("C-2727") && !first.body.contains("C-2828"),
        "page 1's certificates are its employees'"
    );

    // Each list's total comes with its page, and with a page past the last, which has no
    // row to carry it; the former list (rejected or ended) and the requests are empty.
    let company = cid.clone();
    let totals = app
        .state
        .db
        .run(move |c| {
            use store::models::employment::EmployeeList;
            let counts = Employment::company_counts(c, &company)?;
            let mut totals = Vec::new();
            for (list, n) in [
                (EmployeeList::Current, 1),
                (EmployeeList::Current, 2),
                (EmployeeList::Current, 3),
                (EmployeeList::Former, 1),
                (EmployeeList::Pending, 1),
            ] {
                let page = Employment::company_page(c, &company, list, n, 25, &counts)?;
                totals.push((page.total, page.items.len()));
            }
            Ok(totals)
        })
        .await
        .unwrap();
    assert_eq!(totals, vec![(30, 25), (30, 5), (30, 0), (0, 0), (0, 0)]);

    // «Tidigare anställda»: an ended employment and a declined request, counted and listed
    // (by the condition of the partial index `employments_company_former`, written into
    // the statement from the statuses' codes).
    let (company, ended, admin) = (cid.clone(), ids[28].clone(), frida_id.clone());
    let first_employee = ids[0].clone();
    let former = app
        .state
        .db
        .run(move |c| {
            use store::models::employment::EmployeeList;
            let counts = Employment::company_counts(c, &company)?;
            let e = Employment::company_page(c, &company, EmployeeList::Current, 2, 25, &counts)?
                .items
                .into_iter()
                .find(|w| w.employment.person_id == ended)
                .expect("Nr29 employed");
            let change = Change {
                from: EmploymentStatus::Confirmed,
                to: EmploymentStatus::Ended,
            };
            assert!(Employment::end(
                c,
                &e.employment.id,
                change,
                time::macros::date!(2026 - 06 - 30)
            )?);
            let asked =
                Employment::request(c, &admin, &company, time::macros::date!(2026 - 03 - 01))?;
            // The triggers count each change in its statement's transaction.
            let kept = Employment::company_counts(c, &company)?;
            assert_eq!(kept, counted(c, &company)?);
            assert_eq!((kept.pending, kept.current, kept.former), (1, 29, 1));
            let decline = Change {
                from: EmploymentStatus::Pending,
                to: EmploymentStatus::Rejected,
            };
            assert!(Employment::decide(c, &asked, decline, &admin)?);
            let counts = Employment::company_counts(c, &company)?;
            assert_eq!(counts, counted(c, &company)?);
            assert_eq!((counts.pending, counts.current, counts.former), (0, 29, 2));
            // The page's head reads the same counts in its one statement, with the
            // administrators by name: an employee made one («Nr01 Anställd») comes before
            // Frida, one row each.
            Company::add_admin(c, &company, &first_employee)?;
            let head = Company::find_for_page(c, &company)?.expect("the company");
            assert_eq!(head.counts, counts);
            let admins: Vec<&str> = head.admins.iter().map(|a| a.person_id.as_str()).collect();
            assert_eq!(admins, vec![first_employee.as_str(), admin.as_str()]);
            assert!(head.is_admin(&admin) && !head.is_admin(&ended));
            assert!(Company::find_for_page(c, "no-such-company")?.is_none());
            let page = Employment::company_page(c, &company, EmployeeList::Former, 1, 25, &counts)?;
            Ok((
                page.total,
                page.items
                    .iter()
                    .map(|w| w.person_name.clone())
                    .collect::<Vec<_>>(),
            ))
        })
        .await
        .unwrap();
    assert_eq!(former.0, 2);
    assert_eq!(former.1.len(), 2);
    assert!(
        former.1.contains(&"Nr29 Anställd".to_string()),
        "{former:?}"
    );
    let page = frida.get(&format!("/companies/{cid}?employees=2")).await;
    page.assert_contains("Nr29 Anställd")
        .assert_contains("2026-06-30");

    // Renamed, «Nr30» sorts first: the copy of the name on the employment followed.
    let last = ids[29].clone();
    app.state
        .db
        .run(move |c| {
            Person::update_profile(
                c,
                &last,
                &ProfileChanges {
                    first_name: "Åke".into(),
                    last_name: "Aaberg".into(),
                    phone: String::new(),
                    address_line1: String::new(),
                    address_line2: String::new(),
                    postal_code: String::new(),
                    city: String::new(),
                    country: String::new(),
                    language: "sv".into(),
                    updated_at: store::now(),
                },
            )
        })
        .await
        .unwrap();
    let page = frida.get(&format!("/companies/{cid}")).await;
    page.assert_contains("Åke Aaberg");
    assert!(
        !page.body.contains("Nr25 Anställd"),
        "Aaberg pushed Nr25 to page 2"
    );
}

/// «Årlig förlängning» read a page at a time gives what one long page gives, in the same
/// order, with dates shared across employees and several certificates due per employee
/// (the page is read among the employees due by the page's last place).
async fn yearly_renewals_are_paged_in_date_order(app: TestApp) {
    let (cid, _frida) = company_with_admin(&app).await;
    let frida_id = app
        .state
        .db
        .run(|c| Person::find_by_email(c, "frida@example.se"))
        .await
        .unwrap()
        .expect("Frida")
        .id;
    let ids = employees(&app, &cid, &frida_id, 13).await;
    let today = app::today();
    let day = |n: usize| today + Duration::days(n as i64);
    for (i, id) in ids.iter().enumerate() {
        certificate_due(&app, id, &format!("A-{i}"), Some(day(i % 4))).await;
        certificate_due(&app, id, &format!("B-{i}"), Some(day(i % 4 + 3))).await;
        if i % 3 == 0 {
            // Not due yet: not listed.
            certificate_due(&app, id, &format!("C-{i}"), Some(day(400))).await;
        }
    }
    let due_by = day(60);
    let (company, next_year, admin) = (cid.clone(), day(400), frida_id.clone());
    let (whole, pages) = app
        .state
        .db
        .run(move |c| {
            let whole = Case::open_attestations(c, &cid, due_by, 1, 100)?;
            let mut pages = Vec::new();
            for n in 1..=8 {
                pages.push(Case::open_attestations(c, &cid, due_by, n, 4)?);
            }
            Ok((whole, pages))
        })
        .await
        .unwrap();
    let numbers = |rows: &[OpenAttestation]| {
        rows.iter()
            .map(|r| r.certificate_number.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(whole.total, 26);
    assert_eq!(whole.items.len(), 26);
    let dates: Vec<_> = whole.items.iter().map(|r| r.due_on).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let paged: Vec<String> = pages.iter().flat_map(|p| numbers(&p.items)).collect();
    assert_eq!(paged, numbers(&whole.items));
    assert!(pages.iter().all(|p| p.total == 26));
    assert_eq!(pages[6].items.len(), 2);
    assert!(pages[7].items.is_empty(), "past the end");

    // The count is the company's rows of `company_annual_due`, which the triggers keep
    // through every change that moves a certificate in or out of the list: after each,
    // the page's total (and a page past the last's) is what the employments and their
    // certificates say.
    let (first, second, third, leaving) = (
        whole.items[0].case_id.clone(),
        whole.items[1].case_id.clone(),
        whole.items[2].case_id.clone(),
        ids[12].clone(),
    );
    let first_due = whole.items[0].due_on.expect("a due date");
    let totals = app
        .state
        .db
        .run(move |c| {
            let mut totals = Vec::new();
            let mut check = |c: &mut store::DbConn| -> store::StoreResult<()> {
                let counted = due_counted(c, &company, due_by)?;
                let page = Case::open_attestations(c, &company, due_by, 1, 4)?;
                let past = Case::open_attestations(c, &company, due_by, 100, 4)?;
                assert_eq!((page.total, past.total), (counted, counted));
                totals.push(counted);
                Ok(())
            };
            check(c)?;
            // Attested: due next year, out of the list.
            let attested = Change {
                from: CaseStatus::Active,
                to: CaseStatus::Active,
            };
            assert!(Case::attest_annual(
                c,
                &first,
                attested,
                first_due,
                Some(next_year)
            )?);
            check(c)?;
            // Lapsed to inactive: still due.
            let lapsed = Change {
                from: CaseStatus::Active,
                to: CaseStatus::Inactive,
            };
            assert!(Case::change_status(c, &second, lapsed)?);
            check(c)?;
            // Suspended: out.
            let suspended = Change {
                from: CaseStatus::Active,
                to: CaseStatus::Suspended,
            };
            assert!(Case::change_status(c, &third, suspended)?);
            check(c)?;
            // An employee who leaves takes their certificates out; taken on again, they
            // bring them back in.
            let counts = Employment::company_counts(c, &company)?;
            let current = store::models::employment::EmployeeList::Current;
            let employment = Employment::company_page(c, &company, current, 1, 100, &counts)?
                .items
                .into_iter()
                .find(|w| w.employment.person_id == leaving)
                .expect("Nr13 employed")
                .employment
                .id;
            let ended = Change {
                from: EmploymentStatus::Confirmed,
                to: EmploymentStatus::Ended,
            };
            assert!(Employment::end(c, &employment, ended, today)?);
            check(c)?;
            let again = Employment::request(c, &leaving, &company, today)?;
            check(c)?;
            assert!(Employment::decide(c, &again, CONFIRM, &admin)?);
            check(c)?;
            Ok(totals)
        })
        .await
        .unwrap();
    // Nr13 (index 12) holds two due certificates: out when the employment ends, not in
    // while the new one is only requested, in again once it is confirmed.
    assert_eq!(totals, vec![26, 25, 25, 24, 22, 22, 24]);
}

/// The certificates due by `due_by` of the company's confirmed employees, counted from the
/// employments and the certificates themselves, as the kept rows must say.
fn due_counted(c: &mut store::DbConn, company_id: &str, due_by: Date) -> store::StoreResult<i64> {
    use diesel::prelude::*;
    use store::schema::{cases, employments};
    Ok(employments::table
        .inner_join(cases::table.on(cases::person_id.eq(employments::person_id)))
        .filter(employments::company_id.eq(company_id))
        .filter(employments::status.eq(EmploymentStatus::Confirmed))
        .filter(cases::status.eq_any([CaseStatus::Active, CaseStatus::Inactive]))
        .filter(cases::annual_renewal_on.le(due_by))
        .count()
        .get_result(c)?)
}

/// A company's lists counted from its employments, as the kept counts must say.
fn counted(
    c: &mut store::DbConn,
    company_id: &str,
) -> store::StoreResult<store::models::employment::EmployeeCounts> {
    use diesel::prelude::*;
    use store::schema::employments;
    let statuses: Vec<EmploymentStatus> = employments::table
        .filter(employments::company_id.eq(company_id))
        .select(employments::status)
        .load(c)?;
    let mut counts = store::models::employment::EmployeeCounts::default();
    for status in statuses {
        match status {
            EmploymentStatus::Pending => counts.pending += 1,
            EmploymentStatus::Confirmed => counts.current += 1,
            EmploymentStatus::Rejected | EmploymentStatus::Ended => counts.former += 1,
        }
    }
    Ok(counts)
}
