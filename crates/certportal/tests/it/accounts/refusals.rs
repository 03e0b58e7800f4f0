//! The application layer's own refusals for accounts, called directly: whatever a page
//! checks first, `app::accounts` refuses on its own and writes nothing.

use domain::RuleError;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    unusable_links_are_refused_by_rule,
    only_the_person_changes_their_profile,
    a_taken_address_or_personnummer_is_a_conflict,
);

async fn unusable_links_are_refused_by_rule(app: TestApp) {
    let (verified, reset) = app
        .state
        .db
        .run(|c| {
            Ok((
                app::accounts::verify_email(c, "nonsense"),
                app::accounts::reset_password(c, "nonsense", "$argon2id$not-a-real-hash"),
            ))
        })
        .await
        .unwrap();
    assert!(matches!(
        verified,
        Err(app::Error::Rule(RuleError::LinkUnusable))
    ));
    assert!(matches!(
        reset,
        Err(app::Error::Rule(RuleError::LinkUnusable))
    ));
    assert_eq!(app.count("events").await, 0);
}

async fn only_the_person_changes_their_profile(mut app: TestApp) {
    let pia = app
        .signed_in_person("19811218-9876", "Pia", "pia@example.se")
        .await;
    let events = app.count("events").await;
    let administrator = app::Actor {
        id: "someone-else".into(),
        handlaggare: true,
        beslutsfattare: true,
        administrator: true,
    };
    let changes = app::accounts::ProfileChanges {
        first_name: "Hacked".into(),
        last_name: "X".into(),
        phone: String::new(),
        address_line1: String::new(),
        address_line2: String::new(),
        postal_code: String::new(),
        city: String::new(),
        country: String::new(),
        language: web::i18n::Lang::Sv,
    };
    let target = pia.clone();
    let outcome = app
        .state
        .db
        .run(move |c| {
            Ok(app::accounts::update_profile(
                c,
                &administrator,
                &target,
                changes,
            ))
        })
        .await
        .unwrap();
    assert!(matches!(outcome, Err(app::Error::NotFound)));
    assert_eq!(app.count("events").await, events, "nothing was written");
    let page = app.get(&format!("/persons/{pia}")).await;
    assert!(!page.body.contains("Hacked"));
}

async fn a_taken_address_or_personnummer_is_a_conflict(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Anna", "anna@example.se")
        .await;
    let events = app.count("events").await;
    let today = app::today();
    for (email, pnr) in [
        ("anna@example.se", None),
        ("other@example.se", Some("19811218-9876")),
    ] {
        let new = app::accounts::NewStaffUser {
            email: domain::email::Email::parse(email).unwrap(),
            first_name: "Hanna".into(),
            last_name: "Handläggare".into(),
            personnummer: pnr.map(|p| domain::identifiers::Personnummer::parse(p, today).unwrap()),
            password_hash: PASSWORD.into(),
            roles: app::accounts::StaffRoles {
                handlaggare: true,
                ..Default::default()
            },
        };
        let outcome = app
            .state
            .db
            .run(move |c| Ok(app::accounts::create_staff_user(c, new)))
            .await
            .unwrap();
        assert!(
            matches!(
                outcome,
                Err(app::Error::Conflict(app::accounts::ACCOUNT_EXISTS))
            ),
            "{email}: {outcome:?}"
        );
    }
    assert_eq!(app.count("persons").await, 1);
    assert_eq!(app.count("events").await, events);
}
