//! Verifiable credentials for certportal.
//!
//! A certificate is issued as a W3C Verifiable Credential 2.0 that is an Open Badges 3.0
//! `AchievementCredential`, secured with a Data Integrity proof (cryptosuite
//! `eddsa-rdfc-2022`, Ed25519). Revocation and suspension are published as Bitstring Status
//! List v1.0 credentials, signed the same way. The issuer is a `did:web` whose DID document
//! lists every key of the [`Keyring`].
//!
//! The JSON-LD contexts are shipped in `contexts/` and never fetched; canonicalisation is
//! RDFC-1.0 over the RDF that JSON-LD gives for our documents (see `jsonld.rs`), and
//! `tests/node_verifies.rs` checks it against jsonld.js and @digitalbazaar/vc.

use std::io::Write;

use base64::Engine;
use serde_json::{json, Value};

mod jsonld;
mod keys;
mod proof;
mod rdfc;

pub use keys::Keyring;

pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";

/// The spec's minimum length of a status list: 16 KiB of bits.
pub const MIN_STATUS_LIST_BITS: usize = 131_072;

static CONTEXTS: [(&str, &str); 4] = [
    (
        CREDENTIALS_V2,
        include_str!("../contexts/credentials-v2.json"),
    ),
    (
        OPEN_BADGES_V3,
        include_str!("../contexts/ob-context-3.0.3.json"),
    ),
    (DID_V1, include_str!("../contexts/did-v1.json")),
    (MULTIKEY_V1, include_str!("../contexts/multikey-v1.json")),
];

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("file: {0}")]
    Io(String),
    #[error("key: {0}")]
    Key(String),
    #[error("URL: {0}")]
    Url(String),
    #[error("JSON-LD: {0}")]
    JsonLd(String),
    #[error("canonicalization: {0}")]
    Canonicalization(String),
    #[error("signature: {0}")]
    Signature(String),
    #[error("status list: {0}")]
    Status(String),
    #[error("date: {0}")]
    Date(String),
}

/// Who issues: the DID (see [`did_web`]), the certification body's name and web address.
#[derive(Clone, Debug)]
pub struct Issuer {
    pub did: String,
    pub name: String,
    pub url: String,
}

/// A credential's place in a status list.
#[derive(Clone, Debug)]
pub struct StatusEntry {
    pub list_url: String,
    pub index: u64,
}

/// What a credential says: one certificate held by one person.
#[derive(Clone, Debug)]
pub struct Achievement {
    /// "urn:uuid:…", given by the caller.
    pub credential_id: String,
    /// The holder's name only, never a personnummer.
    pub holder_name: String,
    /// A URL of the certificate type, e.g. https://host/certificate-types/fgas-a1.
    pub achievement_id: String,
    /// "Personcertifikat f-gas kat A1".
    pub achievement_name: String,
    pub achievement_description: String,
    pub criteria_narrative: String,
    /// The certificate's number: the subject's `licenseNumber` (OB 3.0: "the license number
    /// that was issued with this credential") and part of the credential's `name`.
    pub certificate_number: String,
    pub valid_from: time::OffsetDateTime,
    pub valid_until: Option<time::OffsetDateTime>,
    pub revocation: StatusEntry,
    pub suspension: StatusEntry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Revocation,
    Suspension,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Revocation => "revocation",
            Purpose::Suspension => "suspension",
        }
    }
}

/// The contexts (URL, JSON text) a verifier needs offline; the web crate may serve them.
pub fn contexts() -> &'static [(&'static str, &'static str)] {
    &CONTEXTS
}

/// An XSD dateTime in UTC with 'Z', to the second.
pub(crate) fn xsd_datetime(t: time::OffsetDateTime) -> Result<String, Error> {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .map_err(|e| Error::Date(e.to_string()))
}

/// "did:web:" + host, the port's colon percent-encoded (did:web spec): base_url
/// "http://127.0.0.1:8080" → "did:web:127.0.0.1%3A8080". A path becomes further
/// colon-separated segments ("https://host/portal" → "did:web:host:portal").
pub fn did_web(base_url: &str) -> Result<String, Error> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
        .ok_or_else(|| Error::Url(format!("{base_url}: not an http(s) URL")))?;
    let (authority, path) = match rest.split_once('/') {
        Some((a, p)) => (a, p),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains('@') || path.contains(['?', '#']) {
        return Err(Error::Url(format!("{base_url}: no plain host")));
    }
    if !authority
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return Err(Error::Url(format!(
            "{base_url}: unexpected characters in the host"
        )));
    }
    let mut did = format!(
        "did:web:{}",
        authority.to_ascii_lowercase().replace(':', "%3A")
    );
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.contains(':') {
            return Err(Error::Url(format!("{base_url}: a path segment holds ':'")));
        }
        did.push(':');
        did.push_str(segment);
    }
    Ok(did)
}

/// The DID document: id, verificationMethod (type Multikey, controller, publicKeyMultibase
/// "z6Mk…" = base58btc of 0xed 0x01 + public key) for EVERY key in the keyring, with
/// assertionMethod and authentication listing them (current first). Verification-method ids
/// are "<did>#<key name>".
pub fn did_document(issuer_did: &str, keyring: &Keyring) -> Value {
    let keys = keyring.public_keys();
    let ids: Vec<String> = keys
        .iter()
        .map(|(name, _)| format!("{issuer_did}#{name}"))
        .collect();
    let methods: Vec<Value> = keys
        .iter()
        .zip(&ids)
        .map(|((_, public), id)| {
            json!({
                "id": id,
                "type": "Multikey",
                "controller": issuer_did,
                "publicKeyMultibase": public,
            })
        })
        .collect();
    json!({
        "@context": [DID_V1, MULTIKEY_V1],
        "id": issuer_did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    })
}

fn status_entry(entry: &StatusEntry, purpose: Purpose) -> Value {
    json!({
        "id": format!("{}#{}", entry.list_url, entry.index),
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose.as_str(),
        "statusListIndex": entry.index.to_string(),
        "statusListCredential": entry.list_url,
    })
}

/// A signed AchievementCredential (JSON), proof `created` = now.
pub fn achievement_credential(
    issuer: &Issuer,
    a: &Achievement,
    keyring: &Keyring,
    now: time::OffsetDateTime,
) -> Result<Value, Error> {
    let mut credential = json!({
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": a.credential_id,
        "type": ["VerifiableCredential", "AchievementCredential"],
        "issuer": {
            "id": issuer.did,
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.url,
        },
        "name": format!("{} nr {}", a.achievement_name, a.certificate_number),
        "validFrom": xsd_datetime(a.valid_from)?,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": a.holder_name,
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": a.holder_name,
                "identityType": "name",
                "hashed": false,
            }],
            "licenseNumber": a.certificate_number,
            "achievement": {
                "id": a.achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": a.achievement_name,
                "description": a.achievement_description,
                "criteria": { "narrative": a.criteria_narrative },
            },
        },
        "credentialStatus": [
            status_entry(&a.revocation, Purpose::Revocation),
            status_entry(&a.suspension, Purpose::Suspension),
        ],
    });
    if let (Some(until), Some(map)) = (a.valid_until, credential.as_object_mut()) {
        map.insert("validUntil".into(), Value::String(xsd_datetime(until)?));
    }
    let Value::Object(map) = credential else {
        return Err(Error::JsonLd("credential".into()));
    };
    proof::sign(map, &issuer.did, keyring, now)
}

/// The bitstring of `bits` bits with the bits at `set` on, GZIP-compressed and encoded as
/// multibase base64url without padding ('u' prefix). Bit 0 is the most significant bit of the
/// first byte (Bitstring Status List v1.0, "Bitstring Generation Algorithm").
pub fn encode_status_list(bits: usize, set: &[u64]) -> Result<String, Error> {
    if bits < MIN_STATUS_LIST_BITS || !bits.is_multiple_of(8) {
        return Err(Error::Status(format!(
            "a status list has at least {MIN_STATUS_LIST_BITS} bits, a multiple of 8"
        )));
    }
    let mut bytes = vec![0u8; bits / 8];
    for &index in set {
        let i = usize::try_from(index)
            .ok()
            .filter(|&i| i < bits)
            .ok_or_else(|| Error::Status(format!("index {index} is outside the list")))?;
        bytes[i / 8] |= 0x80 >> (i % 8);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)
        .map_err(|e| Error::Status(e.to_string()))?;
    let compressed = gz.finish().map_err(|e| Error::Status(e.to_string()))?;
    Ok(format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed)
    ))
}

/// The signed BitstringStatusListCredential at `list_url` (its id), whose credentialSubject
/// (id `<list_url>#list`) has statusPurpose and encodedList (see [`encode_status_list`]);
/// `set` are the indexes whose bit is 1; `bits` is at least 131 072.
pub fn status_list_credential(
    issuer: &Issuer,
    list_url: &str,
    purpose: Purpose,
    bits: usize,
    set: &[u64],
    keyring: &Keyring,
    now: time::OffsetDateTime,
) -> Result<Value, Error> {
    let credential = json!({
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did,
        "validFrom": xsd_datetime(now)?,
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose.as_str(),
            "encodedList": encode_status_list(bits, set)?,
        },
    });
    let Value::Object(map) = credential else {
        return Err(Error::JsonLd("status list credential".into()));
    };
    proof::sign(map, &issuer.did, keyring, now)
}

/// The canonical N-Quads (RDFC-1.0) of a JSON-LD document using the shipped contexts, as
/// jsonld.js's `canonize` gives them. A `proof` is part of the document like any property.
pub fn canonical_nquads(doc: &Value) -> Result<String, Error> {
    rdfc::canonicalize(&jsonld::to_rdf(doc)?)
}

/// Checks a document's Data Integrity proof (eddsa-rdfc-2022) against the keyring's keys.
pub fn verify(doc: &Value, keyring: &Keyring) -> Result<(), Error> {
    proof::verify(doc, keyring)
}

#[cfg(test)]
mod tests;
