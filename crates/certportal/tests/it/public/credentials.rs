//! «Ladda ner digitalt certifikat», the DID document and the status lists: the credential
//! is signed by a key the DID document publishes, and «Återkalla» and «Suspendera» set the
//! certificate's bit in their list at once. (The credential is verified with
//! @digitalbazaar/vc by the browser tests; here the portal's side and the bits.)

use std::io::Read;

use axum::http::StatusCode;
use base64::Engine;

use crate::harness::TestApp;
use crate::life::{certificate, db, decider, person};

crate::on_both_backends!(the_credential_and_its_status_lists);

fn pnr(n: u32) -> String {
    let body = format!("800101{n:03}");
    format!("19{body}{}", domain::identifiers::luhn_check_digit(&body))
}

/// The bits of a status-list credential's `encodedList` (multibase base64url of gzip).
fn bits(list: &serde_json::Value) -> Vec<u8> {
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
    let gz = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.strip_prefix('u').unwrap())
        .unwrap();
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn bit(bytes: &[u8], index: u64) -> bool {
    let (byte, shift) = ((index / 8) as usize, 7 - (index % 8));
    bytes[byte] >> shift & 1 == 1
}

async fn json(b: &mut TestApp, path: &str) -> serde_json::Value {
    let r = b.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

async fn the_credential_and_its_status_lists(app: TestApp) {
    let mut holder = app.new_browser();
    let anna = holder
        .signed_in_person(&pnr(501), "Anna", "anna@example.se")
        .await;
    let mut stranger = app.new_browser();
    stranger
        .signed_in_person(&pnr(502), "Bo", "bo@example.se")
        .await;
    let boss = person(&app, 503, "Beslut", "sv").await;
    let case_id = certificate(&app, &anna, "00051").await;
    // Its place in the lists, as the decision that issues it draws one.
    db(&app, {
        let id = case_id.clone();
        move |c| {
            use diesel::prelude::*;
            use store::schema::cases;
            diesel::update(cases::table.find(id))
                .set(cases::status_index.eq(Some(77_i64)))
                .execute(c)
                .unwrap();
        }
    })
    .await;
    let path = format!("/cases/{case_id}/credential.json");
    let base = app.state.config.base_url.clone();

    // The holder gets a signed AchievementCredential; nobody else does.
    let vc = json(&mut holder, &path).await;
    assert_eq!(stranger.get(&path).await.status, StatusCode::NOT_FOUND);
    assert!(vc["type"]
        .as_array()
        .unwrap()
        .contains(&"AchievementCredential".into()));
    assert_eq!(vc["credentialSubject"]["name"], "Anna Testsson");
    assert_eq!(vc["id"], format!("urn:uuid:{case_id}"));
    assert_eq!(vc["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    credentials::verify(&vc, &app.state.keyring).expect("signed by the portal's key");
    let text = vc.to_string();
    assert!(!text.contains(&pnr(501)) && !text.contains("anna@example.se"));
    let mut tampered = vc.clone();
    tampered["credentialSubject"]["name"] = "Eve Testsson".into();
    assert!(credentials::verify(&tampered, &app.state.keyring).is_err());

    // The DID document publishes the key the proof names.
    let did = json(&mut holder, "/.well-known/did.json").await;
    let method = vc["proof"]["verificationMethod"].as_str().unwrap();
    assert!(did["verificationMethod"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == method));
    assert_eq!(vc["issuer"]["id"], did["id"]);

    // Its status entries point at list 0, place 77.
    let entries = vc["credentialStatus"].as_array().unwrap();
    let revocation = format!("{base}/credentials/status/revocation/0");
    let suspension = format!("{base}/credentials/status/suspension/0");
    assert!(entries
        .iter()
        .any(|e| e["statusListCredential"] == revocation.as_str() && e["statusListIndex"] == "77"));
    assert!(entries
        .iter()
        .any(|e| e["statusListCredential"] == suspension.as_str() && e["statusListIndex"] == "77"));

    let mut public = app.new_browser();
    let list = json(&mut public, "/credentials/status/revocation/0").await;
    assert_eq!(list["id"], revocation.as_str());
    credentials::verify(&list, &app.state.keyring).expect("the list is signed");
    let before = bits(&list);
    assert_eq!(before.len(), 16 * 1024, "the specification's minimum size");
    assert!(!bit(&before, 77));

    let today = app::today();
    let decide = |d: app::life::AfterIssue| {
        let (id, boss, url) = (case_id.clone(), boss.clone(), base.clone());
        db(&app, move |c| {
            app::life::decide_after_issue(c, &decider(&boss), &id, &d, "Skäl", today, &url).unwrap()
        })
    };
    decide(app::life::AfterIssue::Suspend {
        until: today + time::Duration::days(30),
    })
    .await;
    let suspended = bits(&json(&mut public, "/credentials/status/suspension/0").await);
    assert!(bit(&suspended, 77), "«Suspendera» sets the suspension bit");
    assert!(!bit(
        &bits(&json(&mut public, "/credentials/status/revocation/0").await),
        77
    ));
    decide(app::life::AfterIssue::Lift).await;
    assert!(!bit(
        &bits(&json(&mut public, "/credentials/status/suspension/0").await),
        77
    ));
    decide(app::life::AfterIssue::Withdraw).await;
    let after = bits(&json(&mut public, "/credentials/status/revocation/0").await);
    assert!(bit(&after, 77), "«Återkalla» sets the revocation bit");
    assert_eq!(
        after.iter().map(|b| b.count_ones()).sum::<u32>(),
        1,
        "no other bit"
    );

    // Unknown lists and purposes are not found.
    for bad in [
        "/credentials/status/other/0",
        "/credentials/status/revocation/-1",
        "/credentials/status/revocation/x",
    ] {
        assert_eq!(public.get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
}
