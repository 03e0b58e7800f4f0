// Verifies certportal's verifiable credentials the way a third party would: with
// @digitalbazaar/vc, the Data Integrity eddsa-rdfc-2022 cryptosuite and the Bitstring Status
// List library, all offline. JSON-LD contexts come from the pinned copies in
// crates/credentials/contexts/; the DID document, its verification methods and the status-list
// credentials come through the caller's callbacks. Nothing is fetched from the internet.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus as checkBitstringStatus } from '@digitalbazaar/vc-bitstring-status-list';
import jsonld from 'jsonld';

const CONTEXT_DIR = new URL('../../crates/credentials/contexts/', import.meta.url);

/** The pinned contexts: URL -> parsed JSON (see crates/credentials/contexts/README.md). */
export const CONTEXTS = Object.freeze(
  Object.fromEntries(
    [
      ['https://www.w3.org/ns/credentials/v2', 'credentials-v2.json'],
      ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'ob-context-3.0.3.json'],
      ['https://www.w3.org/ns/did/v1', 'did-v1.json'],
      ['https://w3id.org/security/multikey/v1', 'multikey-v1.json'],
    ].map(([url, file]) => [
      url,
      JSON.parse(readFileSync(fileURLToPath(new URL(file, CONTEXT_DIR)), 'utf8')),
    ]),
  ),
);

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/**
 * A jsonld.js document loader: pinned contexts; the DID document (`didDocument`, an object or
 * an async function of the DID) and its verification methods ("<did>#<key>"); anything else
 * (status-list credentials) through `fetchJson(url)`.
 */
export function documentLoader({ didDocument, fetchJson }) {
  const didDoc = async (did) =>
    typeof didDocument === 'function' ? didDocument(did) : didDocument;
  return async (url) => {
    const result = (document) => ({ contextUrl: null, documentUrl: url, document });
    if (Object.hasOwn(CONTEXTS, url)) {
      return result(CONTEXTS[url]);
    }
    if (url.startsWith('did:')) {
      const [did, fragment] = url.split('#');
      const doc = await didDoc(did);
      if (!doc || doc.id !== did) {
        throw new Error(`no DID document for ${did}`);
      }
      if (fragment === undefined) {
        return result(doc);
      }
      const method = (doc.verificationMethod ?? []).find((m) => m.id === url);
      if (!method) {
        throw new Error(`${did} has no verification method ${url}`);
      }
      return result({ '@context': MULTIKEY_V1, ...method });
    }
    if (typeof fetchJson !== 'function') {
      throw new Error(`refusing to load ${url}: no fetchJson given`);
    }
    return result(await fetchJson(url));
  };
}

function suite() {
  return new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
}

/**
 * Verifies a credential's proof, shape and validity period (not its status: see
 * checkStatus). Returns {verified, error?} where error is a message.
 */
export async function verifyCredential(credential, { didDocument, fetchJson, now } = {}) {
  const result = await vc.verifyCredential({
    credential,
    suite: suite(),
    documentLoader: documentLoader({ didDocument, fetchJson }),
    // Status is checked by checkStatus; verifyCredential only needs the entries well-formed.
    checkStatus: async () => ({ verified: true }),
    ...(now ? { now } : {}),
  });
  return { verified: result.verified === true, error: firstError(result) };
}

/**
 * Checks a credential's Bitstring Status List entries (each status-list credential is
 * loaded through fetchJson and its own proof verified). Returns {verified, revoked,
 * suspended, error?}.
 */
export async function checkStatus(credential, { didDocument, fetchJson } = {}) {
  const result = await checkBitstringStatus({
    credential,
    suite: suite(),
    documentLoader: documentLoader({ didDocument, fetchJson }),
  });
  const out = { verified: result.verified === true, revoked: false, suspended: false };
  for (const r of result.results ?? []) {
    if (r.credentialStatus.statusPurpose === 'revocation') out.revoked ||= r.status === true;
    if (r.credentialStatus.statusPurpose === 'suspension') out.suspended ||= r.status === true;
  }
  if (result.error) out.error = result.error.message ?? String(result.error);
  return out;
}

/** jsonld.js's canonical N-Quads (RDFC-1.0) of a document, with the pinned contexts only. */
export async function canonicalNquads(document) {
  return jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader: documentLoader({}),
    safe: true,
  });
}

function firstError(result) {
  const errors = [];
  const walk = (e) => {
    if (!e) return;
    if (Array.isArray(e)) return e.forEach(walk);
    if (e.errors) walk(e.errors);
    errors.push(e.message ?? String(e));
  };
  walk(result.error);
  for (const r of result.results ?? []) walk(r.error);
  return errors.length ? [...new Set(errors)].join("; ") : undefined;
}
