// What people do in the cluster test, through the load balancer: a person's whole way from
// «Registrera konto» to an attested application, and the staff's review and decision.

import { Client } from './http.mjs';
import { pg, quote } from './db.mjs';

export const PASSWORD = 'ett långt och bra lösenord';
export const KAT_V = 'Personcertifikat f-gas kat V - Externt';
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** The Luhn check digit of a string of digits (personnummer, organisationsnummer). */
export function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** YYYYMMDD-NNNC with a correct check digit. */
function personnummer(yyyymmdd, nnn) {
  const nine = `${yyyymmdd.slice(2)}${String(nnn).padStart(3, '0')}`;
  return `${yyyymmdd}-${nine.slice(6)}${luhn(nine)}`;
}

/** Today in Sweden (yyyy-mm-dd), as the portal reckons dates. */
export function todayInSweden() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let serial = 0;
/** A personnummer no other person of this run has. */
export function nextPersonnummer() {
  serial += 1;
  const born = new Date(Date.UTC(1960, 0, 1) + (serial % 9000) * 86_400_000);
  const ymd = born.toISOString().slice(0, 10).replaceAll('-', '');
  return personnummer(ymd, 100 + Math.floor(serial / 9000));
}

export function expect(r, status, what) {
  if (r.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${r.status} ${r.location} ${r.body.slice(0, 300)}`);
  }
  return r;
}

/** «Registrera konto»; returns the answer (303 when acknowledged). */
export function register(client, email) {
  return client.post('/register', {
    personnummer: nextPersonnummer(),
    first_name: 'Klara',
    last_name: 'Klustersson',
    email,
    password: PASSWORD,
  });
}

/** Registers, follows the link of the verification mail (read from the outbox), logs in. */
export async function signedIn(base, db, email) {
  const client = new Client(base);
  expect(await register(client, email), 303, `register ${email}`);
  const [[body]] = pg(db, `SELECT replace(body, chr(10), ' ') FROM outbox WHERE recipient = ${quote(email)} ORDER BY created_at DESC LIMIT 1`);
  const link = body.match(/\/verify\?[^\s]+/)?.[0];
  if (!link) throw new Error(`no verification link in the mail to ${email}`);
  expect(await client.get(link), 303, `verify ${email}`);
  await client.login(email, PASSWORD);
  return client;
}

export function typeIds(db, name) {
  const [[type, area]] = pg(db, `SELECT id, area_id FROM certificate_types WHERE name_sv = ${quote(name)}`);
  return { type, area };
}

/** «Ansök om nytt certifikat»; returns the case id and its moments' ids. */
export async function apply(client, ids) {
  const r = expect(await client.post('/certificates/new', { area: ids.area, certificate: ids.type }), 303, 'apply');
  const caseId = r.location.replace('/cases/', '');
  const page = expect(await client.get(`/cases/${caseId}`), 200, 'case page');
  const moments = [...new Set([...page.body.matchAll(new RegExp(`/cases/${caseId}/moments/([0-9a-f-]+)/upload`, 'g'))].map((m) => m[1]))];
  if (!moments.length) throw new Error(`no moment to upload to on case ${caseId}`);
  return { caseId, moments };
}

export async function setInvoice(client, caseId) {
  expect(
    await client.post(`/cases/${caseId}/invoice`, {
      action: 'save',
      kind: 'alternative',
      address_line1: 'Kylvägen 3',
      city: 'Umeå',
      country: 'Sverige',
      postal_code: '903 25',
      reference: 'Kluster',
    }),
    303,
    'invoice recipient',
  );
}

export async function attest(client, caseId) {
  const form = expect(await client.get(`/cases/${caseId}/attest`), 200, 'attest form');
  const commitment = form.body.match(/name="commitment_id" value="([^"]+)"/)?.[1];
  if (!commitment) throw new Error(`no commitment on the attest form of ${caseId}`);
  expect(await client.post(`/cases/${caseId}/attest`, { commitment_id: commitment }), 303, 'attest');
}

export function review(officer, momentId, decision, comment = '') {
  return officer.post(`/staff/moments/${momentId}/review`, { decision, comment });
}

/** A case with every moment approved, attested and an invoice recipient: ready for decision. */
export async function readyCase(base, db, email, ids, officer) {
  const person = await signedIn(base, db, email);
  const { caseId, moments } = await apply(person, ids);
  for (const m of moments) {
    expect(await person.upload(`/cases/${caseId}/moments/${m}/upload`, 'intyg.pdf', PDF), 303, 'upload');
  }
  await setInvoice(person, caseId);
  for (const m of moments) expect(await review(officer, m, 'approve'), 303, 'approve');
  await attest(person, caseId);
  return { person, caseId };
}

export function issue(decider, caseId, validUntil) {
  return decider.post(`/staff/cases/${caseId}/issue`, {
    valid_until: validUntil,
    external_body: 'Kiwa Certifiering',
    external_country: 'Sverige',
    external_number: `K-${caseId.slice(-6)}`,
  });
}

/** Runs `fn` over `items`, `n` at a time. */
export async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next;
        next += 1;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}
