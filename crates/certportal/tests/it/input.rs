//! What the forms take in: text without line breaks, control or invisible characters where
//! a field is one line, every text within its limit, and dates between 1900 and 2100 with
//! each field's own rule. A hostile probe found names with CR LF that wrote «Bcc:» lines
//! into e-mails, a 10 000-character company name, and year -1 shown as «-001-01-01».

use axum::http::StatusCode;
use store::models::person::{Person, ProfileChanges};

use crate::certificates::{apply, moment_ids, KAT_V};
use crate::companies::{company_id, company_with_admin, staff};
use crate::harness::{TestApp, PDF};

crate::on_both_backends!(
    names_with_line_breaks_or_invisible_characters_are_refused,
    every_one_line_form_refuses_hidden_characters,
    mail_to_company_admins_never_takes_a_line_break_from_a_name,
    company_form_refuses_a_10000_character_name,
    employment_dates_outside_1900_to_2100_are_refused,
    ; and_s3:
    staff_comments_keep_their_lines_but_nothing_hidden,
);

/// A first name with CR LF, a bidi override, NUL or a zero-width space: refused with a
/// message that says what is wrong, and no account is made.
async fn names_with_line_breaks_or_invisible_characters_are_refused(mut app: TestApp) {
    for (first, message) in [
        (
            "Eva\r\nBcc: evil@example.se",
            "Texten ska stå på en rad. Ta bort radbrytningen.",
        ),
        ("Eva\nSubject: hej", "Texten ska stå på en rad."),
        ("Eva\u{202e}nimda", "Texten innehåller ett osynligt tecken"),
        ("Eva\0", "Texten innehåller ett osynligt tecken"),
        ("E\u{200b}va", "Texten innehåller ett osynligt tecken"),
        ("\u{feff}Eva", "Texten innehåller ett osynligt tecken"),
    ] {
        let r = app
            .post(
                "/register",
                &[
                    ("personnummer", "19900101-0017"),
                    ("first_name", first),
                    ("last_name", "Testsson"),
                    ("email", "eva@example.se"),
                    ("password", crate::harness::PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{first:?}");
        r.assert_contains(message)
            .assert_contains("href=\"#f-first_name\"");
    }
    assert_eq!(app.count("persons").await, 0);

    // «Visa person» takes the same rule for both names.
    let id = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let r = app
        .post(
            &format!("/persons/{id}"),
            &[
                ("first_name", "Eva"),
                ("last_name", "Tests\u{2066}son"),
                ("language", "sv"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Texten innehåller ett osynligt tecken");
    // A name in another script, with accents and an apostrophe, is a name.
    let r = app
        .post(
            &format!("/persons/{id}"),
            &[
                ("first_name", "Nguyễn Thị"),
                ("last_name", "O'Brien-Ångström"),
                ("language", "sv"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Addresses, phone, company fields and invoice references: one visible line each.
async fn every_one_line_form_refuses_hidden_characters(mut app: TestApp) {
    let id = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let profile = format!("/persons/{id}");
    for (field, value) in [
        ("address_line1", "Storgatan 1\r\nBcc: x@evil.example"),
        ("address_line2", "c/o \u{202e}nosrep"),
        ("city", "Umeå\u{0}"),
        ("country", "Sve\u{200d}rige"),
        ("phone", "070\u{2028}123"),
    ] {
        let r = app
            .post(
                &profile,
                &[
                    ("first_name", "Eva"),
                    ("last_name", "Testsson"),
                    ("language", "sv"),
                    (field, value),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        r.assert_contains(&format!("href=\"#f-{field}\""));
    }
    // A postal code abroad is free in shape, but one visible line.
    let r = app
        .post(
            &profile,
            &[
                ("first_name", "Eva"),
                ("last_name", "Testsson"),
                ("language", "sv"),
                ("country", "Norge"),
                ("postal_code", "0150\r\nX"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Texten ska stå på en rad");

    // The invoice recipient's fields.
    let case_id = apply(&mut app, KAT_V).await;
    let r = app
        .post(
            &format!("/cases/{case_id}/invoice"),
            &[
                ("action", "save"),
                ("kind", "alternative"),
                ("address_line1", "Gatan 1"),
                ("city", "Umeå"),
                ("country", "Sverige"),
                ("postal_code", "903 25"),
                ("reference", "PO-1\r\nX-Extra: 1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Texten ska stå på en rad");
    assert_eq!(app.count("invoice_recipients").await, 0);

    // «Administration»'s company form.
    let mut admin = staff(
        &app,
        "alva@example.se",
        web::admin::StaffRoles {
            administrator: true,
            ..Default::default()
        },
    )
    .await;
    for (field, value) in [
        ("name", "Kyl\u{202e}BA"),
        ("name", "Kyl AB\r\nBcc: x@evil.example"),
        ("invoice_address_line1", "Box\u{0}1"),
        ("city", "Göte\u{200b}borg"),
    ] {
        let mut fields = vec![("orgnr", "5560125790"), ("name", "Kyl AB")];
        fields.retain(|(f, _)| *f != field);
        fields.push((field, value));
        let r = admin.post("/admin/companies/new", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        r.assert_contains(&format!("href=\"#f-{field}\""));
    }
    assert_eq!(app.count("companies").await, 0);
}

/// A review comment may have several lines (kept as `\n`), but no hidden characters.
async fn staff_comments_keep_their_lines_but_nothing_hidden(mut app: TestApp) {
    app.signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    let case_id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &case_id).await.remove(0);
    let r = app
        .upload(
            &format!("/cases/{case_id}/moments/{moment}/upload"),
            "intyg.pdf",
            PDF,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut officer = staff(
        &app,
        "hanna@cert.example.se",
        web::admin::StaffRoles {
            handlaggare: true,
            ..Default::default()
        },
    )
    .await;
    let path = format!("/staff/moments/{moment}/review");
    let r = officer
        .post(
            &path,
            &[
                ("decision", "reject"),
                ("comment", "Intyget\u{202e} saknas"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Texten innehåller ett osynligt tecken");
    let r = officer
        .post(
            &path,
            &[
                ("decision", "reject"),
                ("comment", "Intyget saknas.\r\nLadda upp det igen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mid = moment.clone();
    let (stored, _) = app
        .state
        .db
        .run(move |c| store::models::moment::Moment::find(c, &mid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.review_comment,
        "Intyget saknas.\nLadda upp det igen."
    );
}

/// A name stored with CR LF before the forms refused it (or written around them) still
/// writes no line of its own into the mail to the company's administrators, nor into
/// its subject.
async fn mail_to_company_admins_never_takes_a_line_break_from_a_name(mut app: TestApp) {
    let (_cid, _frida) = company_with_admin(&app).await;
    let id = app
        .signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    app.state
        .db
        .run(move |c| {
            Person::update_profile(
                c,
                &id,
                &ProfileChanges {
                    first_name: "Eva\r\nBcc: evil@example.se\r\nSubject: Faktura".into(),
                    last_name: "Testsson".into(),
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
    let r = app
        .post(
            "/employments/new",
            &[
                ("orgnr", "5560125790"),
                ("start_date", "2026-01-01"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mails = app.mails_to("frida@example.se").await;
    let mail = mails
        .iter()
        .find(|m| m.subject.contains("anställning"))
        .expect("the request's mail");
    assert!(!mail.subject.contains(['\r', '\n']), "{:?}", mail.subject);
    assert!(mail
        .body
        .contains("Eva  Bcc: evil@example.se  Subject: Faktura"));
    for line in mail.body.lines() {
        assert!(
            !line.starts_with("Bcc:") && !line.starts_with("Subject:"),
            "{}",
            mail.body
        );
    }
}

/// «Administration»'s company form stored a 10 000-character name; now the form refuses
/// it, and so does the database when it is written around the form (both backends).
async fn company_form_refuses_a_10000_character_name(app: TestApp) {
    let mut admin = staff(
        &app,
        "alva@example.se",
        web::admin::StaffRoles {
            administrator: true,
            ..Default::default()
        },
    )
    .await;
    let long = "K".repeat(10_000);
    let r = admin
        .post(
            "/admin/companies/new",
            &[("orgnr", "5560125790"), ("name", &long)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Texten får vara högst 200 tecken lång.");
    assert_eq!(app.count("companies").await, 0);

    // At the limit it is kept; editing it to more is refused too.
    let at_limit = "K".repeat(200);
    let r = admin
        .post(
            "/admin/companies/new",
            &[("orgnr", "5560125790"), ("name", &at_limit)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = company_id(&app, "5560125790").await;
    let r = admin
        .post(
            &format!("/admin/companies/{id}"),
            &[("name", &long), ("address_line1", &"x".repeat(101))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Texten får vara högst 200 tecken lång.")
        .assert_contains("Texten får vara högst 100 tecken lång.");

    // Written straight into the table, the database refuses it.
    let refused = app
        .state
        .db
        .run(move |c| {
            use diesel::RunQueryDsl;
            Ok(diesel::sql_query(format!(
                "UPDATE companies SET name = '{long}' WHERE id = '{id}'"
            ))
            .execute(c))
        })
        .await
        .unwrap();
    match refused {
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::CheckViolation,
            info,
        )) => assert!(info.message().contains("companies_name_length")),
        other => panic!("expected the CHECK to refuse it, got {other:?}"),
    }
}

/// Year -1 and 0099 on the employment forms: refused with a message that names the
/// years a date may have; nothing is stored.
async fn employment_dates_outside_1900_to_2100_are_refused(mut app: TestApp) {
    let (cid, mut frida) = company_with_admin(&app).await;
    app.signed_in_person("19900101-0017", "Eva", "eva@example.se")
        .await;
    for date in ["-001-01-01", "0099-01-01", "1899-12-31", "20301-01-01"] {
        let r = app
            .post(
                "/employments/new",
                &[
                    ("orgnr", "5560125790"),
                    ("start_date", date),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        r.assert_contains("Ange ett datum mellan år 1900 och 2100");
        assert!(!r.body.contains("-001-01-01</"), "{date}");
    }
    assert_eq!(app.count("employments").await, 0);

    // The end of a confirmed employment: the same, and no end in the future.
    let eid = crate::companies::employed_and_confirmed(&mut app, &mut frida, &cid).await;
    let path = format!("/employments/{eid}/end");
    for (date, message) in [
        ("-001-01-01", "Ange ett datum mellan år 1900 och 2100"),
        ("0099-01-01", "Ange ett datum mellan år 1900 och 2100"),
        ("2100-12-31", "Slutdatumet kan inte ligga i framtiden"),
    ] {
        let r = app.post(&path, &[("end_date", date)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        r.assert_contains(message);
    }
}
