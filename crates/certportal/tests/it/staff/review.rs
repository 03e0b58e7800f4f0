//! «Granska moment»: approving, and «Ej godkänt» with its comment.

use super::*;

crate::on_both_backends!(approving_a_moment, not_approved_needs_a_comment,);

async fn approving_a_moment(app: TestApp) {
    let (anna, anna_email) = person(&app, 102, "Anna").await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    let file_id = upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let (hanna, mut officer) = staff(&app, "Hanna", true, false).await;
    let number = case_of(&app, &case_id).await.number;

    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<h1>Granska moment</h1>",
        "Anna Testsson",
        &pnr_display(102),
        &format!("<dd><a href=\"/staff/cases/{case_id}\">{number}</a></dd>"),
        "Externt certifikat - Personcertifikat f-gas kat V - Externt",
        MOMENT,
        "Inväntar granskning",
        &format!("<iframe class=\"file-preview\" src=\"/files/{file_id}?inline=1\" title="),
        &format!("href=\"/files/{file_id}\">certifikat.pdf</a>"),
        "Godkänn",
        "Ej godkänt",
        "Kommentar",
        "Spara granskning",
        "name=\"csrf\"",
    ] {
        page.assert_contains(text);
    }
    assert!(!page.body.contains("<img class=\"file-preview-image\""));

    let events_before = events_of(&app, &case_id).await.len();
    let r = officer
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/staff/moments");
    let queue = officer.follow(r).await;
    queue
        .assert_contains("Momentet är godkänt")
        .assert_contains("0 träffar");

    let m = moment_of(&app, &moment_id).await;
    assert_eq!(m.status, MomentStatus::Approved);
    assert_eq!(m.updated_by, hanna);
    assert!(m.awaiting_since.is_none());
    assert_eq!(app.count("moment_reviews").await, 1);
    let reviewers = {
        let id = case_id.clone();
        app.state
            .db
            .run(move |c| Moment::reviewers(c, &id))
            .await
            .unwrap()
    };
    assert_eq!(reviewers, vec![hanna.clone()]);
    let events = events_of(&app, &case_id).await;
    assert_eq!(events.len(), events_before + 1);
    assert_eq!(events[0].kind, EventKind::MomentApproved);
    assert_eq!(events[0].actor_id.as_deref(), Some(hanna.as_str()));
    assert_eq!(events[0].person_id.as_deref(), Some(anna.as_str()));
    let mails = app.mails_to(&anna_email).await;
    let mail = mails.last().unwrap();
    assert!(mail.subject.contains("är godkänt"), "{}", mail.subject);
    assert!(
        mail.body.contains(MOMENT) && mail.body.contains("Hej Anna!"),
        "{}",
        mail.body
    );
    assert!(mail
        .body
        .contains(&format!("{}/cases/{case_id}", app.state.config.base_url)));

    // Someone was first: a second review is refused and changes nothing.
    let before = footprint(&app).await;
    let r = officer
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "reject"), ("comment", "Sent påkommet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Momentet har inget att granska just nu");
    assert_eq!(footprint(&app).await, before);
    assert_eq!(
        moment_of(&app, &moment_id).await.status,
        MomentStatus::Approved
    );

    // The page now shows the review done, and no form.
    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains("Tidigare granskningar")
        .assert_contains("Hanna Personal")
        .assert_contains("Momentet har inget att granska just nu");
    assert!(!page.body.contains("Spara granskning"));
}

async fn not_approved_needs_a_comment(app: TestApp) {
    let (anna, anna_email) = person(&app, 103, "Anna").await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    let file_id = upload(&app, &anna, &case_id, &moment_id, "bild.png", "image/png").await;
    let (hanna, mut officer) = staff(&app, "Hanna", true, false).await;

    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains(&format!(
        "<img class=\"file-preview-image\" src=\"/files/{file_id}?inline=1\" alt="
    ));
    assert!(!page.body.contains("<iframe"));

    let before = footprint(&app).await;
    let path = format!("/staff/moments/{moment_id}/review");
    let r = officer
        .post(&path, &[("decision", "reject"), ("comment", "   ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Skriv en kommentar som talar om vad som behöver kompletteras")
        .assert_contains("href=\"#f-comment\"")
        .assert_contains("aria-invalid=\"true\"")
        .assert_contains("value=\"reject\" checked");
    let r = officer.post(&path, &[("comment", "Oklart")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj Godkänn eller Ej godkänt")
        .assert_contains(">Oklart</textarea>");
    assert_eq!(footprint(&app).await, before, "nothing stored");
    assert_eq!(
        moment_of(&app, &moment_id).await.status,
        MomentStatus::AwaitingReview
    );

    let comment = "Bilden är oskarp. Ladda upp en skarpare kopia av certifikatet.";
    let r = officer
        .post(&path, &[("decision", "reject"), ("comment", comment)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    officer
        .follow(r)
        .await
        .assert_contains("Momentet är inte godkänt");
    let m = moment_of(&app, &moment_id).await;
    assert_eq!(m.status, MomentStatus::NotApproved);
    assert_eq!(m.review_comment, comment);
    assert_eq!(m.updated_by, hanna);
    assert_eq!(app.count("moment_reviews").await, 1);
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::MomentRejected);
    assert_eq!(events[0].detail, comment);
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("inte godkänt"), "{}", mail.subject);
    assert!(mail.body.contains(comment), "{}", mail.body);
    assert!(mail
        .body
        .contains(&format!("{}/cases/{case_id}", app.state.config.base_url)));

    // A new upload: both versions are listed, with the earlier comment.
    let second = upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "skarpare.pdf",
        "application/pdf",
    )
    .await;
    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains("2 träffar")
        .assert_contains(&format!("href=\"/files/{file_id}\">bild.png</a>"))
        .assert_contains(&format!("src=\"/files/{second}?inline=1\""))
        .assert_contains(comment)
        .assert_contains("Spara granskning");

    // An approval may carry a comment too; the mail passes it on.
    let r = officer
        .post(&path, &[("decision", "approve"), ("comment", "Bra nu")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(
        mail.body.contains("Kommentar från handläggaren: Bra nu"),
        "{}",
        mail.body
    );
}
