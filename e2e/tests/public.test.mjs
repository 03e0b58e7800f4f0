// The public register and the certificate itself, end to end: anyone searches «Sök
// certifierade», opens the demo holder's certificate and its verification page; the holder
// downloads the PDF (checked with qpdf, pdftotext, and its QR code decoded with pdftoppm and
// zbarimg to the verification address) and the digital certificate (verified offline with
// @digitalbazaar/vc against the portal's own DID document and status lists); the decision
// maker withdraws it, and the credential's status entry, the verification page and the PDF
// all say so.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BASE_URL, axeCheck, launchBrowser, shot, url, withPage } from '../lib/browser.mjs';
import { DEMO_PASSWORD, field, logIn } from '../lib/portal.mjs';
import { checkStatus, verifyCredential } from '../lib/credentials.mjs';

const run = promisify(execFile);
const HOLDER = 'Cecilia Certifierad';
const HOLDER_EMAIL = 'cecilia.certifierad@example.se';
const CERTIFICATE = 'Personcertifikat f-gas kat A1';

let browser;
let tmp;
before(async () => {
  browser = await launchBrowser();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'certportal-public-'));
});
after(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The portal's own answers, as a verifier fetches them: the DID document, status lists. */
async function fetchJson(address) {
  const u = new URL(address);
  assert.equal(u.origin, new URL(BASE_URL).origin, `only the portal is asked: ${address}`);
  const r = await fetch(address);
  assert.equal(r.status, 200, address);
  return r.json();
}
const didDocument = () => fetchJson(url('/.well-known/did.json'));

/** Saves the PDF the link downloads and returns its path. */
async function downloadPdf(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ner certifikat (PDF)' }).click(),
  ]);
  const file = path.join(tmp, name);
  await download.saveAs(file);
  return file;
}

async function pdfText(file, mode = '-layout') {
  const { stdout } = await run('pdftotext', [mode, file, '-']);
  return stdout;
}

async function qrOf(file, prefix) {
  await run('pdftoppm', ['-r', '200', '-png', file, path.join(tmp, prefix)]);
  const png = (await readdir(tmp)).filter((f) => f.startsWith(prefix) && f.endsWith('.png')).sort()[0];
  const { stdout } = await run('zbarimg', ['--raw', '-q', path.join(tmp, png)]);
  return stdout.trim();
}

test('the register, the verification page, the PDF and the digital certificate', async () => {
  // ---- anyone: search, open the certificate, follow its verification link ----------------
  let number;
  await withPage(browser, 'public-search', async (page) => {
    await page.goto(url('/'));
    await page.getByRole('link', { name: 'Sök certifierade' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sök certifierade' }).waitFor();
    await axeCheck(page, { label: '«Sök certifierade» before a search' });
    await field(page, 'Sök').fill('Certifierad');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: HOLDER });
    await row.waitFor();
    await row.getByText(CERTIFICATE, { exact: false }).waitFor();
    await row.getByText('Kylservice Demo AB').waitFor();
    await shot(page, 'register-hits');
    await axeCheck(page, { label: '«Sök certifierade» with hits' });
    const link = row.getByRole('link');
    number = (await link.innerText()).split(':')[0].trim();
    assert.match(number, /^\d{5,}$/);
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Certifikat ${number}` }).waitFor();
    await page.getByText(HOLDER).waitFor();
    await shot(page, 'verify-page');
    await axeCheck(page, { label: '«Kontrollera certifikat»' });
    // Never a personnummer on a public page.
    const body = await page.content();
    assert.doesNotMatch(body, /19850612|850612-1238/);
    assert.doesNotMatch(body, /cecilia\.certifierad@example\.se/);

    // The companies' tab.
    await page.goto(url('/certifierade/foretag?q=Kylservice'));
    await page.getByRole('row').filter({ hasText: 'Kylservice Demo AB' }).waitFor();
    await axeCheck(page, { label: '«Certifierade företag»' });
  });

  // ---- the holder: the PDF and the digital certificate ------------------------------------
  let credential;
  const verificationUrl = url(`/verifiera/${number}`);
  await withPage(browser, 'holder-downloads', async (page) => {
    await logIn(page, HOLDER_EMAIL, DEMO_PASSWORD);
    await page.goto(url('/certificates'));
    await page.getByRole('row').filter({ hasText: CERTIFICATE }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'Ladda ner certifikat (PDF)' }).waitFor();
    await shot(page, 'case-with-downloads');
    await axeCheck(page, { label: 'the case page with the certificate downloads' });
    const file = await downloadPdf(page, 'active.pdf');
    const check = await run('qpdf', ['--check', file]);
    assert.match(check.stdout, /No syntax or stream encoding errors found/);
    const text = await pdfText(file);
    for (const expected of [HOLDER, number, CERTIFICATE, 'Giltigt till', verificationUrl]) {
      assert.ok(text.includes(expected), `«${expected}» in the PDF:\n${text}`);
    }
    assert.equal(await qrOf(file, 'active'), verificationUrl);

    const r = await page.request.get(
      new URL((await page.getByRole('link', { name: 'Ladda ner digitalt certifikat' }).getAttribute('href')), BASE_URL).href,
    );
    assert.equal(r.status(), 200);
    credential = await r.json();
  });
  assert.ok(credential.type.includes('AchievementCredential'));
  assert.equal(credential.credentialSubject.name, HOLDER);
  assert.doesNotMatch(JSON.stringify(credential), /19850612|8506121238|@example\.se/);
  const verified = await verifyCredential(credential, { didDocument, fetchJson });
  assert.equal(verified.verified, true, JSON.stringify(verified.error ?? verified, null, 1));
  const before = await checkStatus(credential, { didDocument, fetchJson });
  assert.equal(before.verified, true, JSON.stringify(before.error ?? before));
  assert.equal(before.revoked, false);

  // ---- the decision maker withdraws it --------------------------------------------------
  await withPage(browser, 'decider-withdraws', async (page) => {
    await logIn(page, 'beslutsfattare@example.se', DEMO_PASSWORD);
    const caseId = credential.id.slice('urn:uuid:'.length);
    await page.goto(url(`/staff/cases/${caseId}`));
    await page.getByRole('main').getByRole('link', { name: 'Återkalla', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await field(page, 'Motivering').fill('Certifikatet har använts i strid med villkoren.');
    await page.getByRole('main').getByRole('button', { name: 'Återkalla certifikatet', exact: true }).click();
    await page.getByRole('status').first().waitFor();
  });
  const afterwards = await checkStatus(credential, { didDocument, fetchJson });
  assert.equal(afterwards.verified, true, JSON.stringify(afterwards.error ?? afterwards));
  assert.equal(afterwards.revoked, true, 'the revocation bit is set by «Återkalla»');

  await withPage(browser, 'withdrawn-everywhere', async (page) => {
    await page.goto(verificationUrl);
    await page.locator('.verify-status-word').getByText('Återkallat').waitFor();
    await shot(page, 'verify-withdrawn');
    await logIn(page, HOLDER_EMAIL, DEMO_PASSWORD);
    await page.goto(url('/certificates'));
    await page.getByRole('row').filter({ hasText: CERTIFICATE }).getByRole('link').first().click();
    const file = await downloadPdf(page, 'withdrawn.pdf');
    // The status says so, and so does the banner across the page (drawn diagonally: read
    // in drawing order, without spaces).
    assert.match(await pdfText(file), /Status\s+Återkallat/);
    const drawn = (await pdfText(file, '-raw')).replace(/\s+/g, '');
    assert.ok(drawn.includes('ÅTERKALLAT'), drawn);
  });
});
