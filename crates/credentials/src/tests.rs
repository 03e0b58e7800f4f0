#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::os::unix::fs::PermissionsExt;

use base64::Engine;
use serde_json::Value;
use time::macros::datetime;

use super::*;

pub(crate) fn sample_issuer() -> Issuer {
    Issuer {
        did: did_web("http://127.0.0.1:8080").unwrap(),
        name: "Certifieringsorganet".into(),
        url: "http://127.0.0.1:8080/".into(),
    }
}

pub(crate) fn sample_achievement() -> Achievement {
    let lists = "http://127.0.0.1:8080/status";
    Achievement {
        credential_id: "urn:uuid:0192f3a4-5b6c-7d8e-9f00-112233445566".into(),
        holder_name: "Anna \"Annie\" Åberg".into(),
        achievement_id: "http://127.0.0.1:8080/certificate-types/fgas-a1".into(),
        achievement_name: "Personcertifikat f-gas kat A1".into(),
        achievement_description:
            "Får utföra alla arbeten på utrustning med f-gaser.\nAlla storlekar.".into(),
        criteria_narrative: "Godkänt teoretiskt och praktiskt prov.".into(),
        certificate_number: "A1-000123".into(),
        valid_from: datetime!(2026-11-25 10:00 UTC),
        valid_until: Some(datetime!(2031-11-25 10:00 UTC)),
        revocation: StatusEntry {
            list_url: format!("{lists}/revocation/1"),
            index: 94_567,
        },
        suspension: StatusEntry {
            list_url: format!("{lists}/suspension/1"),
            index: 94_567,
        },
    }
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn did_web_percent_encodes_the_port() {
    assert_eq!(
        did_web("http://127.0.0.1:8080").unwrap(),
        "did:web:127.0.0.1%3A8080"
    );
    assert_eq!(
        did_web("https://cert.example.se/").unwrap(),
        "did:web:cert.example.se"
    );
    assert_eq!(
        did_web("https://Cert.Example.se/portal").unwrap(),
        "did:web:cert.example.se:portal"
    );
    assert!(did_web("ftp://x").is_err());
    assert!(did_web("https://user@x").is_err());
}

#[test]
fn a_new_key_file_is_mode_0600_in_a_0700_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    let ring = Keyring::load_or_create(&dir).unwrap();
    assert_eq!(mode(&dir), 0o700);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(std::fs::read(&files[0]).unwrap().len(), 32);
    let name = files[0].file_stem().unwrap().to_str().unwrap();
    assert_eq!(ring.current_key_name(), name);
    // Loading again gives the same key.
    let again = Keyring::load_or_create(&dir).unwrap();
    assert_eq!(again.public_keys(), ring.public_keys());
}

#[test]
fn rotate_keeps_old_keys_in_the_did_document() {
    let tmp = tempfile::tempdir().unwrap();
    let first = Keyring::load_or_create(tmp.path()).unwrap();
    let rotated = Keyring::rotate(tmp.path()).unwrap();
    assert_ne!(rotated.current_key_name(), first.current_key_name());
    let did = sample_issuer().did;
    let doc = did_document(&did, &rotated);
    let methods = doc["verificationMethod"].as_array().unwrap();
    assert_eq!(methods.len(), 2);
    let new_id = format!("{did}#{}", rotated.current_key_name());
    let old_id = format!("{did}#{}", first.current_key_name());
    assert_eq!(doc["assertionMethod"], serde_json::json!([new_id, old_id]));
    assert_eq!(doc["authentication"], doc["assertionMethod"]);
    assert_eq!(
        methods[1]["publicKeyMultibase"],
        first.public_keys()[0].1.as_str()
    );
    assert!(methods[0]["publicKeyMultibase"]
        .as_str()
        .unwrap()
        .starts_with("z6Mk"));
    assert_eq!(methods[0]["type"], "Multikey");
    assert_eq!(methods[0]["controller"], did.as_str());
    // A credential signed before rotating still verifies with the rotated keyring.
    let c = achievement_credential(
        &sample_issuer(),
        &sample_achievement(),
        &first,
        datetime!(2026-11-25 10:00 UTC),
    )
    .unwrap();
    verify(&c, &rotated).unwrap();
    // Loading the directory again: the newest is current.
    let loaded = Keyring::load_or_create(tmp.path()).unwrap();
    assert_eq!(loaded.current_key_name(), rotated.current_key_name());
}

#[test]
fn from_secret_reads_hex_and_multibase_and_keeps_the_files_as_older_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let file_ring = Keyring::load_or_create(tmp.path()).unwrap();
    let hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    let a = Keyring::from_secret(hex, Some(tmp.path())).unwrap();
    let mut bytes = [0u8; 32];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    let b = Keyring::from_secret(&format!("z{}", bs58::encode(bytes).into_string()), None).unwrap();
    assert_eq!(a.public_keys()[0], b.public_keys()[0]);
    assert_eq!(a.public_keys().len(), 2);
    assert_eq!(a.public_keys()[1], file_ring.public_keys()[0]);
    // RFC 8032 test 1: this secret's public key.
    let mut expected = vec![0xed, 0x01];
    let public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    expected.extend((0..32).map(|i| u8::from_str_radix(&public[2 * i..2 * i + 2], 16).unwrap()));
    assert_eq!(
        a.public_keys()[0].1,
        format!("z{}", bs58::encode(expected).into_string())
    );
    assert!(Keyring::from_secret("nonsense", None).is_err());
}

fn gunzip_list(encoded: &str) -> Vec<u8> {
    let b64 = encoded.strip_prefix('u').unwrap();
    let gz = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(b64)
        .unwrap();
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn status_list_bits_round_trip_most_significant_bit_first() {
    let encoded = encode_status_list(MIN_STATUS_LIST_BITS, &[0, 9, 131_071]).unwrap();
    let bytes = gunzip_list(&encoded);
    assert_eq!(bytes.len(), 16 * 1024);
    assert_eq!(bytes[0], 0b1000_0000);
    assert_eq!(bytes[1], 0b0100_0000);
    assert_eq!(bytes[16 * 1024 - 1], 0b0000_0001);
    assert_eq!(bytes.iter().map(|b| b.count_ones()).sum::<u32>(), 3);
    assert!(encode_status_list(1024, &[]).is_err());
    assert!(encode_status_list(MIN_STATUS_LIST_BITS, &[131_072]).is_err());
}

#[test]
fn a_status_list_credential_is_signed_and_shaped() {
    let tmp = tempfile::tempdir().unwrap();
    let ring = Keyring::load_or_create(tmp.path()).unwrap();
    let url = "http://127.0.0.1:8080/status/revocation/1";
    let c = status_list_credential(
        &sample_issuer(),
        url,
        Purpose::Revocation,
        MIN_STATUS_LIST_BITS,
        &[5],
        &ring,
        datetime!(2026-11-25 10:00 UTC),
    )
    .unwrap();
    assert_eq!(c["id"], url);
    assert_eq!(c["credentialSubject"]["id"], format!("{url}#list"));
    assert_eq!(c["credentialSubject"]["statusPurpose"], "revocation");
    let bytes = gunzip_list(c["credentialSubject"]["encodedList"].as_str().unwrap());
    assert_eq!(bytes[0], 0b0000_0100);
    verify(&c, &ring).unwrap();
}

fn signed_sample() -> (Keyring, Value, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let ring = Keyring::load_or_create(tmp.path()).unwrap();
    let c = achievement_credential(
        &sample_issuer(),
        &sample_achievement(),
        &ring,
        datetime!(2026-11-25 10:00:07 UTC),
    )
    .unwrap();
    (ring, c, tmp)
}

#[test]
fn a_credential_verifies_over_the_hashes_and_fails_when_changed() {
    let (ring, c, _tmp) = signed_sample();
    verify(&c, &ring).unwrap();

    // By hand: Ed25519 over SHA-256(config) || SHA-256(document).
    let mut unsecured = c.clone();
    let proof = unsecured.as_object_mut().unwrap().remove("proof").unwrap();
    let mut config = proof.clone();
    config.as_object_mut().unwrap().remove("proofValue");
    config["@context"] = c["@context"].clone();
    let mut data = sha2::Sha256::digest(canonical_nquads(&config).unwrap()).to_vec();
    data.extend(sha2::Sha256::digest(canonical_nquads(&unsecured).unwrap()));
    let sig = bs58::decode(&proof["proofValue"].as_str().unwrap()[1..])
        .into_vec()
        .unwrap();
    let sig = ed25519_dalek::Signature::from_slice(&sig).unwrap();
    let public = ring.current().signing.verifying_key();
    use ed25519_dalek::Verifier;
    use sha2::Digest;
    public.verify(&data, &sig).unwrap();

    for (pointer, value) in [
        ("/credentialSubject/name", "Bertil Berg"),
        ("/validUntil", "2041-11-25T10:00:00Z"),
        ("/credentialStatus/0/statusListIndex", "1"),
        ("/proof/created", "2026-11-25T10:00:08Z"),
    ] {
        let mut tampered = c.clone();
        *tampered.pointer_mut(pointer).unwrap() = Value::String(value.into());
        assert!(
            verify(&tampered, &ring).is_err(),
            "{pointer} changed yet verifies"
        );
    }
    // Another key does not verify it.
    let other = Keyring::from_secret(&"11".repeat(32), None).unwrap();
    assert!(verify(&c, &other).is_err());
}

#[test]
fn the_credential_has_the_open_badges_shape() {
    let (ring, c, _tmp) = signed_sample();
    assert_eq!(
        c["@context"],
        serde_json::json!([CREDENTIALS_V2, OPEN_BADGES_V3])
    );
    assert_eq!(
        c["type"],
        serde_json::json!(["VerifiableCredential", "AchievementCredential"])
    );
    assert_eq!(c["issuer"]["id"], "did:web:127.0.0.1%3A8080");
    assert_eq!(c["validFrom"], "2026-11-25T10:00:00Z");
    assert_eq!(c["validUntil"], "2031-11-25T10:00:00Z");
    assert_eq!(c["credentialSubject"]["licenseNumber"], "A1-000123");
    assert_eq!(c["credentialStatus"][1]["statusPurpose"], "suspension");
    assert_eq!(c["credentialStatus"][0]["statusListIndex"], "94567");
    assert_eq!(c["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(c["proof"]["created"], "2026-11-25T10:00:07Z");
    assert_eq!(
        c["proof"]["verificationMethod"],
        format!("did:web:127.0.0.1%3A8080#{}", ring.current_key_name())
    );
}

#[test]
fn canonical_nquads_of_a_small_document() {
    let doc = serde_json::json!({
        "@context": [CREDENTIALS_V2],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential"],
        "issuer": "did:web:example.com",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"name": "A\tb"},
    });
    let nq = canonical_nquads(&doc).unwrap();
    let expected = [
        "<urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .\n",
        "<urn:uuid:1> <https://www.w3.org/2018/credentials#credentialSubject> _:c14n0 .\n",
        "<urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> <did:web:example.com> .\n",
        "<urn:uuid:1> <https://www.w3.org/2018/credentials#validFrom> \"2026-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n",
        "_:c14n0 <https://schema.org/name> \"A\\tb\" .\n",
    ];
    let mut expected: Vec<&str> = expected.to_vec();
    expected.sort();
    assert_eq!(nq, expected.concat());
}

#[test]
fn undefined_terms_are_refused() {
    let doc = serde_json::json!({
        "@context": [CREDENTIALS_V2],
        "type": ["VerifiableCredential"],
        "favouriteColour": "blue",
    });
    assert!(matches!(canonical_nquads(&doc), Err(Error::JsonLd(_))));
}

#[test]
fn blank_nodes_with_equal_first_degree_hashes_get_stable_labels() {
    // Two indistinguishable subjects: the n-degree algorithm decides; the result must not
    // depend on the order in the document.
    let a = serde_json::json!({
        "@context": [CREDENTIALS_V2],
        "id": "urn:x",
        "type": ["VerifiableCredential"],
        "credentialSubject": [
            {"name": "same", "description": {"name": "p"}},
            {"name": "same", "description": {"name": "q"}},
        ],
    });
    let b = serde_json::json!({
        "@context": [CREDENTIALS_V2],
        "id": "urn:x",
        "type": ["VerifiableCredential"],
        "credentialSubject": [
            {"name": "same", "description": {"name": "q"}},
            {"name": "same", "description": {"name": "p"}},
        ],
    });
    assert_eq!(canonical_nquads(&a).unwrap(), canonical_nquads(&b).unwrap());
}
