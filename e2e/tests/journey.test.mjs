// The user manual's external-certificate journey, end to end, through the pages as each
// party sees them: a new person registers, applies for «Personcertifikat f-gas kat V -
// Externt», uploads a copy of the certificate and chooses an invoice recipient; the case
// officer approves the moment; the person attests the application; the decision maker
// issues the certificate; the person sees it active, with its number.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { axeCheck, launchBrowser, shot, url, waitForMail, withPage } from '../lib/browser.mjs';
import {
  DEMO_PASSWORD,
  applyForCertificate,
  field,
  isoDateYears,
  logIn,
  logOut,
  mainNav,
  personnummer,
  registerAndConfirm,
  writeMinimalPdf,
} from '../lib/portal.mjs';

let browser;
// The case officer's «Granska moment» page of the journey's moment, for the preview test.
let reviewUrl;
// The generated certifikat.pdf (in a temporary folder of its own).
let pdf;
before(async () => {
  browser = await launchBrowser();
  pdf = await writeMinimalPdf('certifikat.pdf', 'Extern certifikat 12345');
});
after(async () => {
  await browser?.close();
  if (pdf) await rm(path.dirname(pdf), { recursive: true, force: true });
});

const AREA = 'Externt certifikat';
const CERTIFICATE = 'Personcertifikat f-gas kat V - Externt';
const MOMENT = 'Kopia av aktivt extern certifikat';
const STEPS = [
  'Ansök om certifikat',
  'Genomför momenten',
  'Intyga certifikatansökan',
  'Ange fakturamottagare',
  'Certifikat utfärdat',
];

/** The row of the «Moment» table for the one moment of this certificate. */
function momentRow(page) {
  return page.getByRole('row').filter({ hasText: MOMENT });
}

/** The value next to a term in the «Information» panel (a <dl>). */
function infoValue(page, term) {
  return page
    .getByRole('region', { name: 'Information' })
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');
}

/** From the start page: «Certifikat» → the case's row → its process page. */
async function openCase(page, title) {
  await mainNav(page).getByRole('link', { name: 'Certifikat', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Certifikat' }).waitFor();
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`: ${title}$`) }).waitFor();
}

test('an external certificate: apply, upload, invoice, review, attest, issue', async () => {
  const stamp = Date.now();
  const person = {
    firstName: 'Ingrid',
    lastName: `Kyla${String(stamp).slice(-5)}`,
    email: `ingrid.${stamp}@example.se`,
    personnummer: personnummer('19900101', stamp),
  };
  const fullName = `${person.firstName} ${person.lastName}`;
  const title = `${AREA} - ${CERTIFICATE}`;
  const heading = `${fullName}: ${title}`;
  let caseUrl;

  // ---- the person: register, apply, upload, choose the invoice recipient -----------------
  await withPage(browser, 'person-applies', async (page) => {
    await registerAndConfirm(page, person);
    await logIn(page, person.email);
    await page.getByText(`Välkommen, ${fullName}`).waitFor();
    await shot(page, 'person-start');

    await applyForCertificate(page, { area: AREA, certificate: CERTIFICATE }, {
      onForm: async () => {
        await shot(page, 'apply-form-filled');
        await axeCheck(page, { label: 'Ansök om nytt certifikat' });
      },
    });

    // The process page.
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    caseUrl = page.url();
    assert.match(new URL(caseUrl).pathname, /^\/cases\/[^/]+$/, `on the case page: ${caseUrl}`);
    const steps = page.getByRole('navigation', { name: 'Steg i certifieringsprocessen' });
    const items = steps.getByRole('listitem');
    assert.equal(await items.count(), 5, 'five steps');
    for (let i = 0; i < STEPS.length; i += 1) {
      assert.match(await items.nth(i).innerText(), new RegExp(STEPS[i]), `step ${i + 1} is «${STEPS[i]}»`);
    }
    await page.getByRole('link', { name: 'Visa person' }).waitFor();
    await page.getByRole('link', { name: 'Ange fakturamottagare' }).waitFor();
    assert.equal(await infoValue(page, 'Status').innerText(), 'Pågående');
    await page.getByText('Alla dessa ska genomföras').waitFor();
    await momentRow(page).getByText('Inväntar fil', { exact: true }).waitFor();
    assert.match(await momentRow(page).innerText(), new RegExp(fullName), 'created by the person');
    await shot(page, 'case-created');
    await axeCheck(page, { label: 'the case page, new' });

    // «Ladda upp fil».
    await momentRow(page).getByRole('link', { name: 'Ladda upp fil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ladda upp fil' }).waitFor();
    await page.getByText(MOMENT).first().waitFor();
    await shot(page, 'upload-empty');
    await axeCheck(page, { label: 'Ladda upp fil' });
    await field(page, 'Fil').setInputFiles(pdf);
    await shot(page, 'upload-chosen');
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    await page.getByText('Filen är uppladdad.').waitFor();
    await momentRow(page).getByText('Inväntar granskning', { exact: true }).waitFor();
    await momentRow(page).getByRole('link', { name: 'certifikat.pdf' }).waitFor();
    await shot(page, 'uploaded-awaiting-review');

    // «Ange fakturamottagare»: «Mig personligen», with the address typed in.
    await page.getByRole('link', { name: 'Ange fakturamottagare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ange fakturamottagare' }).waitFor();
    await page.getByRole('group', { name: /Fakturan ska skickas till/ }).waitFor();
    await shot(page, 'invoice-empty');
    await axeCheck(page, { label: 'Ange fakturamottagare' });
    await page.getByRole('radio', { name: 'Mig personligen' }).check();
    await field(page, 'Adressrad 1').fill('Kylgatan 7');
    await field(page, 'Ort').fill('Göteborg');
    await field(page, 'Land').fill('Sverige');
    await field(page, 'Postnummer').fill('411 05');
    await shot(page, 'invoice-filled');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    await page.getByText('Fakturamottagaren är sparad.').waitFor();
    await shot(page, 'invoice-saved');

    await logOut(page, fullName);
    await shot(page, 'person-logged-out');
  });

  // ---- the case officer approves the moment ------------------------------------------------
  const reviewedAt = Date.now();
  await withPage(browser, 'handlaggare-reviews', async (page) => {
    await logIn(page, 'handlaggare@example.se', DEMO_PASSWORD);
    await mainNav(page).getByRole('link', { name: 'Handläggning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handläggning' }).waitFor();
    await shot(page, 'staff-overview');
    await axeCheck(page, { label: 'Handläggning' });

    await page.getByRole('main').getByRole('link', { name: 'Inväntar granskning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inväntar granskning' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: fullName });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(MOMENT));
    await shot(page, 'staff-moments-queue');
    await axeCheck(page, { label: 'the moments queue' });

    await row.getByRole('link', { name: /^Granska/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Granska moment' }).waitFor();
    await page.getByRole('main').getByText(fullName).first().waitFor();
    await page.getByRole('link', { name: 'certifikat.pdf' }).first().waitFor();
    reviewUrl = page.url();
    await shot(page, 'staff-review-page');
    await axeCheck(page, { label: 'Granska moment' });

    // The preview has been checked above (and in its own test): take Chromium's PDF viewer
    // frame out before submitting, since its unload handling can swallow the form's
    // navigation in headless Chromium. A leave-page prompt, should one come, is accepted.
    page.on('dialog', (d) => d.accept().catch(() => {}));
    await page.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
    await page.getByRole('radio', { name: 'Godkänn' }).check();
    await shot(page, 'staff-review-approve-chosen');
    await page.getByRole('button', { name: 'Spara granskning' }).click();
    await page.getByText('Granskningen är sparad.').waitFor();
    await shot(page, 'staff-review-saved');

    await logOut(page, 'Handläggare');
  });

  // The «Godkänt» e-mail.
  const approvedMail = await waitForMail(person.email, { since: reviewedAt, subject: /godkänt/i });
  assert.doesNotMatch(approvedMail.subject, /inte godkänt/i, `approved, not rejected: ${approvedMail.subject}`);
  assert.match(approvedMail.text, new RegExp(`Hej ${person.firstName}!`));
  assert.match(approvedMail.text, /godkänt/);

  // ---- the person attests -------------------------------------------------------------------
  await withPage(browser, 'person-attests', async (page) => {
    await logIn(page, person.email);
    await openCase(page, title);
    assert.equal(page.url(), caseUrl);
    await momentRow(page).getByText('Godkänt', { exact: true }).waitFor();
    await page.getByText('Du måste nu intyga din certifikatsansökan').waitFor();
    await shot(page, 'case-must-attest');
    await axeCheck(page, { label: 'the case page, to attest' });

    await page.getByRole('link', { name: 'Klicka här för att intyga din certifikatsansökan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Intyga certifikatansökan' }).waitFor();
    await page.getByRole('heading', { name: 'Förbindelsetext' }).waitFor();
    await page.getByText('Intygar du detta?').waitFor();
    await shot(page, 'attest-commitment');
    await axeCheck(page, { label: 'Intyga certifikatansökan' });
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    await page.getByText('Din ansökan är intygad.').waitFor();
    assert.equal(
      await page.getByText('Du måste nu intyga din certifikatsansökan').count(), 0,
      'the attestation notice is gone',
    );
    await shot(page, 'case-attested');

    await logOut(page, fullName);
  });

  // ---- the decision maker issues the certificate --------------------------------------------
  const validUntil = isoDateYears(2);
  const issuedAt = Date.now();
  await withPage(browser, 'beslutsfattare-issues', async (page) => {
    await logIn(page, 'beslutsfattare@example.se', DEMO_PASSWORD);
    await mainNav(page).getByRole('link', { name: 'Handläggning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Handläggning' }).waitFor();
    await shot(page, 'decider-overview');

    await page.getByRole('main').getByRole('link', { name: 'Klara för slutgranskning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Klara för slutgranskning' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: fullName });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(CERTIFICATE));
    await shot(page, 'decider-cases-queue');
    await axeCheck(page, { label: 'the cases queue' });

    await row.getByRole('link', { name: /^Slutgranska/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Slutgranskning' }).waitFor();
    await page.getByText(`${fullName}: ${title}`).first().waitFor();
    await shot(page, 'decider-final-review');
    await axeCheck(page, { label: 'Slutgranskning' });

    await field(page, 'Giltigt till').fill(validUntil);
    await field(page, 'Utfärdande organ').fill('Kiwa Sverige AB');
    await field(page, 'Land').fill('Sverige');
    await field(page, 'Certifikatnummer hos det utfärdande organet').fill('KIWA-FG-2026-0042');
    await shot(page, 'decider-issue-filled');
    await page.getByRole('button', { name: 'Utfärda certifikat' }).click();
    await page.getByRole('status').filter({ hasText: 'Certifikatet är utfärdat' }).waitFor();
    await shot(page, 'decider-issued');

    await logOut(page, 'Beslutsfattare');
  });

  // ---- the person sees the active certificate ------------------------------------------------
  let number;
  await withPage(browser, 'person-sees-certificate', async (page) => {
    await logIn(page, person.email);
    await mainNav(page).getByRole('link', { name: 'Certifikat', exact: true }).click();
    const listRow = page.getByRole('row').filter({ hasText: title });
    await listRow.getByText('Aktivt', { exact: true }).waitFor();
    await shot(page, 'certificates-active');
    await axeCheck(page, { label: 'Certifikat, with an active one' });

    await openCase(page, title);
    assert.equal(await infoValue(page, 'Status').innerText(), 'Aktivt');
    number = (await infoValue(page, 'Certifikatnummer').innerText()).trim();
    assert.match(number, /^\d{5}$/, `a five-digit certificate number: «${number}»`);
    assert.equal(await infoValue(page, 'Giltigt till').innerText(), validUntil);
    await infoValue(page, 'Utfärdandedatum').waitFor();
    assert.match(await infoValue(page, 'Senaste beslut').innerText(), /^\d{4}-\d{2}-\d{2}$/);
    await momentRow(page).getByText('Godkänt', { exact: true }).waitFor();
    await momentRow(page).getByRole('link', { name: 'certifikat.pdf' }).waitFor();
    // Every step is done (each says so to screen readers); the one-line summary, shown on
    // narrow screens only, says that all are.
    const steps = page.getByRole('navigation', { name: 'Steg i certifieringsprocessen' });
    const items = steps.getByRole('listitem');
    for (let i = 0; i < STEPS.length; i += 1) {
      assert.match(await items.nth(i).textContent(), /\(klart\)/, `step ${i + 1} «${STEPS[i]}» is done`);
    }
    assert.equal((await steps.locator('.steps-summary').textContent()).trim(), 'Alla steg är klara.');
    await shot(page, 'case-issued');
    await axeCheck(page, { label: 'the case page, issued' });
  });

  // The certificate-issued e-mail.
  const issuedMail = await waitForMail(person.email, { since: issuedAt, subject: /utfärdat/i });
  assert.match(issuedMail.subject, new RegExp(number));
  assert.match(issuedMail.text, new RegExp(`Certifikatnummer: ${number}`));
  assert.match(issuedMail.text, new RegExp(`Giltigt till: ${validUntil}`));
  assert.ok(issuedMail.text.includes(url('/cases/')), 'the e-mail links to the case');
});

test('«Granska moment» shows the uploaded PDF in its preview', async () => {
  assert.ok(reviewUrl, 'the journey above reached «Granska moment»');
  await withPage(browser, 'review-preview', async (page) => {
    await logIn(page, 'handlaggare@example.se', DEMO_PASSWORD);
    await page.goto(reviewUrl);
    await page.getByRole('heading', { level: 1, name: 'Granska moment' }).waitFor();
    const iframe = page.locator('iframe.file-preview');
    await iframe.waitFor();
    assert.match(await iframe.getAttribute('title'), /^Förhandsvisning: certifikat\.pdf$/);
    const src = await iframe.getAttribute('src');
    // The PDF as the frame gets it: the same bytes, and a policy that lets this page frame it.
    const res = await page.request.get(url(src));
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    assert.ok((await res.body()).subarray(0, 5).equals(Buffer.from('%PDF-')), 'the body is the PDF');
    const csp = res.headers()['content-security-policy'] || '';
    await page.waitForTimeout(1000); // let the frame load (or be refused)
    const frame = await (await iframe.elementHandle()).contentFrame();
    await shot(page, 'review-preview');
    assert.ok(
      !/frame-ancestors 'none'/.test(csp),
      `the inline file may be framed by the portal's own pages; its Content-Security-Policy is: ${csp}`,
    );
    assert.ok(!frame.url().startsWith('chrome-error:'), `the preview frame loaded (its URL: ${frame.url()})`);
  });
});
