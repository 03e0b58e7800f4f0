// node e2e/lib/verify-files.mjs DIR
//
// Checks what crates/credentials/tests/node_verifies.rs wrote into DIR with the third-party
// libraries of credentials.mjs:
//   did.json              the issuer's DID document
//   credential.json       a signed AchievementCredential            -> "credential: valid"
//   tampered.json         the same with a changed field             -> "tampered: invalid"
//   lists-before.json     {statusListCredential URL: credential}    -> "before: revoked: false"
//   lists-after.json      the same with the credential's bit set    -> "after: revoked: true"
//   nquads/NAME.json + NAME.nq   a document and the Rust canonical N-Quads
//                                                                   -> "nquads NAME: same"
// Prints one line per check and exits 1 when any result is not the expected one.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalNquads, checkStatus, verifyCredential } from './credentials.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node verify-files.mjs DIR');
  process.exit(2);
}
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const didDocument = read('did.json');
let failed = false;
const expect = (ok, line) => {
  console.log(line);
  if (!ok) failed = true;
};

const fetcher = (lists) => async (url) => {
  if (!Object.hasOwn(lists, url)) throw new Error(`no such document: ${url}`);
  return lists[url];
};
const before = { didDocument, fetchJson: fetcher(read('lists-before.json')) };
const after = { didDocument, fetchJson: fetcher(read('lists-after.json')) };

const credential = read('credential.json');
const good = await verifyCredential(credential, before);
expect(good.verified, good.verified ? 'credential: valid' : `credential: invalid (${good.error})`);

const tampered = await verifyCredential(read('tampered.json'), before);
expect(!tampered.verified, tampered.verified ? 'tampered: valid' : `tampered: invalid (${tampered.error})`);

for (const [label, options, revoked] of [
  ['before', before, false],
  ['after', after, true],
]) {
  const s = await checkStatus(credential, options);
  expect(
    s.verified && s.revoked === revoked && s.suspended === false,
    `${label}: revoked: ${s.revoked}, suspended: ${s.suspended}` +
      (s.verified ? '' : `, not verified (${s.error})`),
  );
}

const nquadsDir = join(dir, 'nquads');
for (const file of readdirSync(nquadsDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.slice(0, -'.json'.length);
  const ours = readFileSync(join(nquadsDir, `${name}.nq`), 'utf8');
  let theirs;
  try {
    theirs = await canonicalNquads(JSON.parse(readFileSync(join(nquadsDir, file), 'utf8')));
  } catch (e) {
    expect(false, `nquads ${name}: jsonld.js failed: ${e.message}`);
    continue;
  }
  if (ours === theirs) {
    expect(true, `nquads ${name}: same`);
  } else {
    expect(false, `nquads ${name}: DIFFERENT\n--- jsonld.js\n${theirs}--- credentials crate\n${ours}`);
  }
}

process.exit(failed ? 1 : 0);
