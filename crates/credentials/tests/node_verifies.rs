//! THE CHECK: third-party JavaScript (jsonld.js, @digitalbazaar/vc, the eddsa-rdfc-2022
//! cryptosuite, vc-bitstring-status-list) verifies what this crate signs, and canonicalises
//! our documents to the same N-Quads. Runs `node e2e/lib/verify-files.mjs DIR`.
//! Without node or e2e/node_modules it fails under CI=true and is skipped (loudly) otherwise.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use credentials::{
    achievement_credential, canonical_nquads, did_document, did_web, status_list_credential,
    Achievement, Issuer, Keyring, Purpose, StatusEntry, MIN_STATUS_LIST_BITS,
};
use serde_json::{json, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn node_ready() -> bool {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = repo_root()
        .join("e2e/node_modules/@digitalbazaar/vc")
        .is_dir();
    if node && modules {
        return true;
    }
    let why = if node {
        "e2e/node_modules is missing (cd e2e && npm ci)"
    } else {
        "node is missing"
    };
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("node_verifies: {why}");
    }
    eprintln!("\n*** SKIPPED node_verifies: {why} ***\n");
    false
}

fn write(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

#[test]
fn node_verifies_what_we_sign() {
    if !node_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Two keys: the credential is signed by the older one, the lists by the newer one.
    let keys = dir.join("keys");
    let old = Keyring::load_or_create(&keys).unwrap();
    let base = "http://127.0.0.1:8080";
    let issuer = Issuer {
        did: did_web(base).unwrap(),
        name: "Certifieringsorganet för kyltekniker".into(),
        url: format!("{base}/"),
    };
    let revocation_list = format!("{base}/status/revocation/1");
    let suspension_list = format!("{base}/status/suspension/1");
    let index = 70_001;
    let now = time::OffsetDateTime::now_utc();
    let achievement = Achievement {
        credential_id: "urn:uuid:0192f3a4-5b6c-7d8e-9f00-112233445566".into(),
        holder_name: "Anna \"Annie\" Åberg".into(),
        achievement_id: format!("{base}/certificate-types/fgas-a1"),
        achievement_name: "Personcertifikat f-gas kat A1".into(),
        achievement_description:
            "Får utföra alla arbeten på utrustning med f-gaser.\nAlla storlekar.".into(),
        criteria_narrative: "Godkänt teoretiskt och praktiskt prov enligt (EU) 2024/573.".into(),
        certificate_number: "A1-000123".into(),
        valid_from: now - time::Duration::days(1),
        valid_until: Some(now + time::Duration::days(5 * 365)),
        revocation: StatusEntry {
            list_url: revocation_list.clone(),
            index,
        },
        suspension: StatusEntry {
            list_url: suspension_list.clone(),
            index,
        },
    };
    let credential = achievement_credential(&issuer, &achievement, &old, now).unwrap();
    let ring = Keyring::rotate(&keys).unwrap();
    write(&dir.join("did.json"), &did_document(&issuer.did, &ring));
    write(&dir.join("credential.json"), &credential);
    let mut tampered = credential.clone();
    tampered["credentialSubject"]["licenseNumber"] = json!("A1-999999");
    write(&dir.join("tampered.json"), &tampered);

    let list = |purpose, url: &str, set: &[u64]| {
        status_list_credential(&issuer, url, purpose, MIN_STATUS_LIST_BITS, set, &ring, now)
            .unwrap()
    };
    let suspension = list(Purpose::Suspension, &suspension_list, &[3, index + 1]);
    let revocation_clear = list(
        Purpose::Revocation,
        &revocation_list,
        &[index - 1, index + 1],
    );
    let revocation_set = list(
        Purpose::Revocation,
        &revocation_list,
        &[index - 1, index, index + 1],
    );
    write(
        &dir.join("lists-before.json"),
        &json!({ revocation_list.clone(): revocation_clear, suspension_list.clone(): suspension }),
    );
    write(
        &dir.join("lists-after.json"),
        &json!({ revocation_list.clone(): revocation_set, suspension_list.clone(): suspension }),
    );

    // Documents whose canonical N-Quads jsonld.js must reproduce exactly.
    let nquads = dir.join("nquads");
    std::fs::create_dir(&nquads).unwrap();
    let mut unsecured = credential.clone();
    let proof = unsecured.as_object_mut().unwrap().remove("proof").unwrap();
    let mut proof_config = proof.clone();
    proof_config.as_object_mut().unwrap().remove("proofValue");
    proof_config["@context"] = credential["@context"].clone();
    let ties = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:ties",
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "credentialSubject": [
            {"name": "same", "description": {"name": "p"}},
            {"name": "same", "description": {"name": "q"}},
            {"name": "same", "description": {"name": "q"}},
        ],
    });
    let cases = [
        ("credential", unsecured),
        ("credential-with-proof", credential.clone()),
        ("proof-config", proof_config),
        ("status-list", revocation_set.clone()),
        ("blank-node-ties", ties),
    ];
    for (name, doc) in &cases {
        write(&nquads.join(format!("{name}.json")), doc);
        std::fs::write(
            nquads.join(format!("{name}.nq")),
            canonical_nquads(doc).unwrap(),
        )
        .unwrap();
    }

    let out = Command::new("node")
        .arg(repo_root().join("e2e/lib/verify-files.mjs"))
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(stdout.contains("credential: valid\n"), "{stdout}{stderr}");
    assert!(stdout.contains("tampered: invalid"), "{stdout}{stderr}");
    assert!(
        stdout.contains("before: revoked: false, suspended: false\n"),
        "{stdout}{stderr}"
    );
    assert!(
        stdout.contains("after: revoked: true, suspended: false\n"),
        "{stdout}{stderr}"
    );
    for (name, _) in &cases {
        assert!(
            stdout.contains(&format!("nquads {name}: same\n")),
            "{stdout}{stderr}"
        );
    }
    assert!(out.status.success(), "{stdout}{stderr}");
}
