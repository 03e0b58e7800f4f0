//! Prints a sample signed AchievementCredential, a status-list credential and the DID
//! document, signed with a fixed test key (RFC 8032 test 1): `cargo run -p credentials
//! --example sample`.

fn main() -> Result<(), credentials::Error> {
    let keyring = credentials::Keyring::from_secret(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        None,
    )?;
    let base = "http://127.0.0.1:8080";
    let issuer = credentials::Issuer {
        did: credentials::did_web(base)?,
        name: "Certifieringsorganet".into(),
        url: format!("{base}/"),
    };
    let now = time::macros::datetime!(2026-11-25 12:00 UTC);
    let entry = |purpose: &str| credentials::StatusEntry {
        list_url: format!("{base}/status/{purpose}/1"),
        index: 42,
    };
    let achievement = credentials::Achievement {
        credential_id: "urn:uuid:0192f3a4-5b6c-7d8e-9f00-112233445566".into(),
        holder_name: "Anna Åberg".into(),
        achievement_id: format!("{base}/certificate-types/fgas-a1"),
        achievement_name: "Personcertifikat f-gas kat A1".into(),
        achievement_description: "Får utföra alla arbeten på utrustning med f-gaser.".into(),
        criteria_narrative: "Godkänt teoretiskt och praktiskt prov.".into(),
        certificate_number: "A1-000123".into(),
        valid_from: now,
        valid_until: Some(time::macros::datetime!(2031-11-25 12:00 UTC)),
        revocation: entry("revocation"),
        suspension: entry("suspension"),
    };
    let credential = credentials::achievement_credential(&issuer, &achievement, &keyring, now)?;
    let list = credentials::status_list_credential(
        &issuer,
        &format!("{base}/status/revocation/1"),
        credentials::Purpose::Revocation,
        credentials::MIN_STATUS_LIST_BITS,
        &[],
        &keyring,
        now,
    )?;
    let did = credentials::did_document(&issuer.did, &keyring);
    for value in [credential, list, did] {
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    }
    Ok(())
}
