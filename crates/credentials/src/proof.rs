//! Data Integrity proofs with the cryptosuite eddsa-rdfc-2022 (W3C "Data Integrity EdDSA
//! Cryptosuites v1.0"): the signature is Ed25519 over
//! SHA-256(canonical proof configuration) || SHA-256(canonical document).

use ed25519_dalek::{Signature, Signer, Verifier, VerifyingKey};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::keys::Keyring;
use crate::{canonical_nquads, xsd_datetime, Error};

pub(crate) const CRYPTOSUITE: &str = "eddsa-rdfc-2022";

/// The 64 bytes that are signed: hash of the proof configuration, then of the document.
fn hash_data(
    unsecured: &Map<String, Value>,
    proof_options: &Map<String, Value>,
) -> Result<Vec<u8>, Error> {
    let mut config = proof_options.clone();
    config.remove("proofValue");
    let context = unsecured
        .get("@context")
        .cloned()
        .ok_or_else(|| Error::JsonLd("the document has no @context".into()))?;
    config.insert("@context".into(), context);
    let config_hash = Sha256::digest(canonical_nquads(&Value::Object(config))?.as_bytes());
    let doc_hash = Sha256::digest(canonical_nquads(&Value::Object(unsecured.clone()))?.as_bytes());
    let mut data = config_hash.to_vec();
    data.extend_from_slice(&doc_hash);
    Ok(data)
}

/// Adds a `proof` (proofPurpose assertionMethod) signed with the keyring's current key.
pub(crate) fn sign(
    mut doc: Map<String, Value>,
    issuer_did: &str,
    keyring: &Keyring,
    now: time::OffsetDateTime,
) -> Result<Value, Error> {
    doc.remove("proof");
    let key = keyring.current();
    let options = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": xsd_datetime(now)?,
        "verificationMethod": format!("{issuer_did}#{}", key.name),
        "proofPurpose": "assertionMethod",
    });
    let Value::Object(mut options) = options else {
        return Err(Error::JsonLd("proof options".into()));
    };
    let data = hash_data(&doc, &options)?;
    let signature = key.signing.sign(&data);
    options.insert(
        "proofValue".into(),
        Value::String(format!(
            "z{}",
            bs58::encode(signature.to_bytes()).into_string()
        )),
    );
    doc.insert("proof".into(), Value::Object(options));
    Ok(Value::Object(doc))
}

/// Checks the `proof` of a document signed by `sign` against a key of the keyring, which is
/// looked up by the fragment of the proof's verificationMethod.
pub(crate) fn verify(doc: &Value, keyring: &Keyring) -> Result<(), Error> {
    let mut unsecured = doc
        .as_object()
        .cloned()
        .ok_or_else(|| Error::Signature("a document is a JSON object".into()))?;
    let proof = match unsecured.remove("proof") {
        Some(Value::Object(p)) => p,
        _ => return Err(Error::Signature("no proof".into())),
    };
    if proof.get("type").and_then(Value::as_str) != Some("DataIntegrityProof")
        || proof.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE)
    {
        return Err(Error::Signature(
            "not a DataIntegrityProof eddsa-rdfc-2022".into(),
        ));
    }
    let method = proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::Signature("no verificationMethod".into()))?;
    let name = method
        .rsplit_once('#')
        .map(|(_, n)| n)
        .ok_or_else(|| Error::Signature("verificationMethod has no fragment".into()))?;
    let key = keyring
        .find(name)
        .ok_or_else(|| Error::Signature(format!("unknown key {name}")))?;
    let value = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .and_then(|v| v.strip_prefix('z'))
        .ok_or_else(|| Error::Signature("proofValue is not base58btc multibase".into()))?;
    let bytes = bs58::decode(value)
        .into_vec()
        .map_err(|_| Error::Signature("proofValue is not base58btc".into()))?;
    let signature = Signature::from_slice(&bytes)
        .map_err(|_| Error::Signature("proofValue is not an Ed25519 signature".into()))?;
    let data = hash_data(&unsecured, &proof)?;
    let public: VerifyingKey = key.signing.verifying_key();
    public
        .verify(&data, &signature)
        .map_err(|_| Error::Signature("the signature does not verify".into()))
}
