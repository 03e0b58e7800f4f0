// The certificate's life after issue, end to end: a kat A1 certificate is issued to an
// employee of Test Företag AB; a year on, the company's administrator attests the yearly
// activity on the company page; the year after, with no attestation, `certportal jobs
// run` makes it «Inaktivt» and attesting makes it «Aktivt» again; the decision maker
// suspends it, lifts the suspension and withdraws it; the holder sees each status (in
// Swedish and in English) and got each letter.
//
// The years pass through ../lib/clock.mjs (a second portal as of a later day) and
// `certportal jobs run --today`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { axeCheck, launchBrowser, shot, waitForMail, withPage } from '../lib/browser.mjs';
import {
  DEMO_PASSWORD,
  PASSWORD,
  applyForCertificate,
  field,
  logIn,
  logOut,
  mainNav,
  personnummer,
  registerAndConfirm,
  writeMinimalPdf,
} from '../lib/portal.mjs';
import { BIN, addDays, addMonths, logInAt, portalAsOf, stopPortals, todayInSweden } from '../lib/clock.mjs';

const AREA = 'Kyla och värmepumpar';
const CERTIFICATE = 'Personcertifikat f-gas kat A1';
const TITLE = `${AREA} - ${CERTIFICATE}`;
const CERTIFICATE_EN = 'Personal certificate F-gas cat. A1';
const COMPANY = 'Test Företag AB';
const ORGNR = '556012-5790';
const FRIDA = 'frida.admin@example.se';

let browser;
let pdf;
before(async () => {
  browser = await launchBrowser();
  pdf = await writeMinimalPdf('utbildningsintyg.pdf', 'Utbildningsintyg A1');
});
after(async () => {
  await browser?.close();
  stopPortals();
  if (pdf) await rm(path.dirname(pdf), { recursive: true, force: true });
});

async function jobsRun(today) {
  const { stdout } = await promisify(execFile)(BIN, ['jobs', 'run', '--today', today], { env: process.env });
  return stdout;
}

/** The row of the person's «Certifikat» list for the certificate. */
async function statusInList(page, base, expected, name = CERTIFICATE) {
  await page.goto(`${base}/certificates`);
  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByText(expected, { exact: true }).waitFor();
}

/** Frida attests the holder's yearly activity on the company page of portal `base`. */
async function fridaAttests(base, fullName, label) {
  await withPage(browser, `admin-attests-${label}`, async (page) => {
    await logInAt(page, base, FRIDA, DEMO_PASSWORD);
    await page.goto(`${base}/employments`);
    await page.getByRole('main').getByRole('link', { name: COMPANY, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
    const section = page.getByRole('region', { name: 'Årlig förlängning' });
    const row = section.getByRole('row').filter({ hasText: fullName });
    await row.getByRole('checkbox').check();
    await shot(page, `annual-${label}-checked`);
    await axeCheck(page, { label: `the company page with «Årlig förlängning» (${label})` });
    await section.getByRole('button', { name: 'Intyga' }).click();
    // The confirmation page names the holder and the certificate.
    await page.getByRole('main').getByText(fullName).first().waitFor();
    await page.getByRole('main').getByText(CERTIFICATE).first().waitFor();
    await shot(page, `annual-${label}-confirm`);
    await axeCheck(page, { label: `the attestation's confirmation page (${label})` });
    await page.getByRole('button', { name: 'Intyga' }).click();
    await page.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
    await page.getByRole('status').first().waitFor();
    await shot(page, `annual-${label}-done`);
  });
}

/**
 * Bertil decides on the staff case page: `action` is the link that opens the decision's
 * confirmation page, `submit` its button, `fill` fills the form.
 */
async function bertilDecides(base, caseId, action, submit, fill, label) {
  await withPage(browser, `decider-${label}`, async (page) => {
    await logInAt(page, base, 'beslutsfattare@example.se', DEMO_PASSWORD);
    await page.goto(`${base}/staff/cases/${caseId}`);
    await page.getByRole('main').getByRole('link', { name: action, exact: true }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The confirmation page names the holder's certificate and says what will happen.
    await page.getByRole('main').getByText(CERTIFICATE).first().waitFor();
    await fill(page);
    await shot(page, `decision-${label}-filled`);
    await axeCheck(page, { label: `«${action}»` });
    await page.getByRole('main').getByRole('button', { name: submit, exact: true }).click();
    await page.getByRole('status').first().waitFor();
    await shot(page, `decision-${label}-done`);
  });
}

test('kat A1: issued, attested by the employer, inactive, active, suspended, lifted, withdrawn', async () => {
  const stamp = Date.now();
  const person = {
    firstName: 'Kalle',
    lastName: `Kyl${String(stamp).slice(-5)}`,
    email: `kalle.${stamp}@example.se`,
    personnummer: personnummer('19880808', stamp),
  };
  const fullName = `${person.firstName} ${person.lastName}`;
  const base0 = process.env.CERTPORTAL_URL.replace(/\/+$/, '');
  let caseId;

  // ---- employed at Test Företag AB, applies for kat A1 ----------------------------------
  await withPage(browser, 'life-person-applies', async (page) => {
    await registerAndConfirm(page, person, { shots: false });
    await logIn(page, person.email);
    await mainNav(page).getByRole('link', { name: 'Anställningar' }).click();
    await page.getByRole('link', { name: 'Ny Anställning' }).click();
    await field(page, 'Företag').fill(ORGNR);
    await page.getByRole('button', { name: 'Sök företag' }).click();
    await page.getByRole('status').filter({ hasText: COMPANY }).waitFor();
    await field(page, 'Startdatum').fill('2020-01-01');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Din förfrågan är skickad till företagets administratörer.').waitFor();

    await applyForCertificate(page, { area: AREA, certificate: CERTIFICATE });
    await page.getByRole('heading', { level: 1, name: `${fullName}: ${TITLE}` }).waitFor();
    caseId = new URL(page.url()).pathname.split('/').pop();
    const row = page.getByRole('row').filter({ hasText: 'Utbildningsintyg' });
    await row.getByRole('link', { name: 'Ladda upp fil' }).click();
    await field(page, 'Fil').setInputFiles(pdf);
    await page.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await page.getByText('Filen är uppladdad.').waitFor();
    await page.getByRole('link', { name: 'Ange fakturamottagare' }).click();
    await page.getByRole('radio', { name: 'Mig personligen' }).check();
    await field(page, 'Adressrad 1').fill('Kylgatan 7');
    await field(page, 'Ort').fill('Göteborg');
    await field(page, 'Land').fill('Sverige');
    await field(page, 'Postnummer').fill('411 05');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Fakturamottagaren är sparad.').waitFor();
    await logOut(page, fullName);
  });

  // Frida confirms the employment.
  await withPage(browser, 'life-admin-confirms', async (page) => {
    await logIn(page, FRIDA, DEMO_PASSWORD);
    await page.goto(`${base0}/employments`);
    await page.getByRole('main').getByRole('link', { name: COMPANY, exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: fullName });
    await row.getByRole('button', { name: /^Bekräfta/ }).click();
    await page.getByText('Anställningen är bekräftad.').waitFor();
  });

  // Hanna approves every moment from the staff case page: the training certificate, the
  // check of qualification and, by hand, the two exams (taken elsewhere, say).
  await withPage(browser, 'life-officer-reviews', async (page) => {
    await logIn(page, 'handlaggare@example.se', DEMO_PASSWORD);
    page.on('dialog', (d) => d.accept().catch(() => {}));
    for (let i = 0; i < 4; i += 1) {
      await page.goto(`${base0}/staff/cases/${caseId}`);
      const review = page.getByRole('main').getByRole('link', { name: /^Granska/ }).first();
      await review.click();
      await page.getByRole('heading', { level: 1, name: 'Granska moment' }).waitFor();
      await page.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
      await page.getByRole('radio', { name: 'Godkänn' }).check();
      await page.getByRole('button', { name: 'Spara granskning' }).click();
      await page.getByText('Granskningen är sparad.').waitFor();
    }
    await page.goto(`${base0}/staff/cases/${caseId}`);
    assert.equal(
      await page.getByRole('main').getByRole('link', { name: /^Granska/ }).count(), 0,
      'every moment is reviewed',
    );
  });

  // The holder attests the application.
  await withPage(browser, 'life-person-attests', async (page) => {
    await logIn(page, person.email);
    await page.goto(`${base0}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Klicka här för att intyga din certifikatsansökan' }).click();
    await page.getByRole('button', { name: 'Ja', exact: true }).click();
    await page.getByText('Din ansökan är intygad.').waitFor();
  });

  // Bertil issues it.
  const issuedOn = todayInSweden();
  await withPage(browser, 'life-decider-issues', async (page) => {
    await logIn(page, 'beslutsfattare@example.se', DEMO_PASSWORD);
    await page.goto(`${base0}/staff/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Slutgranskning' }).waitFor();
    await page.getByRole('button', { name: 'Utfärda certifikat' }).click();
    await page.getByRole('status').filter({ hasText: 'Certifikatet är utfärdat' }).waitFor();
  });
  const [y, m, d] = issuedOn.split('-').map(Number);
  const due1 = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const due2 = addMonths(issuedOn, 24);

  // ---- eleven months on: the yearly attestation is open; Frida attests it ------------------
  const base1 = await portalAsOf(addMonths(issuedOn, 11));
  await withPage(browser, 'life-person-open', async (page) => {
    await logInAt(page, base1, person.email, PASSWORD);
    await statusInList(page, base1, 'Aktivt');
    const row = page.getByRole('row').filter({ hasText: CERTIFICATE });
    assert.match(await row.innerText(), new RegExp(due1), 'the due date under «Årlig förlängning»');
    await shot(page, 'life-list-open');
    await axeCheck(page, { label: 'Certifikat with an open yearly attestation' });
  });
  await fridaAttests(base1, fullName, 'year-1');

  // ---- two years on, with no attestation: `jobs run` makes it «Inaktivt» ------------------
  const lapseDay = addDays(due2, 1);
  const out = await jobsRun(lapseDay);
  // This holder's, and any certificate of the demo data issued the same day (the demo's
  // certified holder): which one is this holder's the list below shows.
  assert.match(out, /made inactive: [1-9]/, out);
  const again = await jobsRun(lapseDay);
  assert.match(again, /made inactive: 0/, `a second run changes nothing: ${again}`);
  const lapsedMail = await waitForMail(person.email, { subject: /inaktivt/i });
  assert.match(lapsedMail.text, new RegExp(due2));
  const base2 = await portalAsOf(lapseDay);
  await withPage(browser, 'life-person-inactive', async (page) => {
    await logInAt(page, base2, person.email, PASSWORD);
    await statusInList(page, base2, 'Inaktivt');
    await shot(page, 'life-list-inactive');
  });

  // Attesting makes it «Aktivt» again.
  await fridaAttests(base2, fullName, 'late');
  await withPage(browser, 'life-person-active-again', async (page) => {
    await logInAt(page, base2, person.email, PASSWORD);
    await statusInList(page, base2, 'Aktivt');
  });

  // ---- the decision maker suspends, lifts and withdraws -------------------------------------
  const reasonOf = (p) => field(p, 'Motivering');
  await bertilDecides(base2, caseId, 'Suspendera', 'Suspendera certifikatet', async (p) => {
    await field(p, 'Suspenderad till').fill(addMonths(lapseDay, 1));
    await reasonOf(p).fill('Klagomål på utfört arbete utreds.');
  }, 'suspend');
  await withPage(browser, 'life-person-suspended', async (page) => {
    await logInAt(page, base2, person.email, PASSWORD);
    await statusInList(page, base2, 'Suspenderat');
    // And in English.
    await page.goto(`${base2}/lang/en`);
    await statusInList(page, base2, 'Suspended', CERTIFICATE_EN);
    await shot(page, 'life-list-suspended-en');
    await page.goto(`${base2}/lang/sv`);
  });
  const suspended = await waitForMail(person.email, { subject: /suspenderat/i });
  assert.match(suspended.text, /Klagomål på utfört arbete utreds\./);
  assert.match(suspended.text, /Du kan överklaga beslutet inom två månader/);

  await bertilDecides(base2, caseId, 'Häv suspension', 'Häv suspensionen', async (p) => {
    await reasonOf(p).fill('Utrett: inget fel hittades.');
  }, 'lift');
  await withPage(browser, 'life-person-lifted', async (page) => {
    await logInAt(page, base2, person.email, PASSWORD);
    await statusInList(page, base2, 'Aktivt');
  });
  await waitForMail(person.email, { subject: /hävd/i });

  await bertilDecides(base2, caseId, 'Återkalla', 'Återkalla certifikatet', async (p) => {
    await reasonOf(p).fill('Allvarliga brister vid tillsyn.');
  }, 'withdraw');
  await withPage(browser, 'life-person-withdrawn', async (page) => {
    await logInAt(page, base2, person.email, PASSWORD);
    await statusInList(page, base2, 'Återkallat');
    await shot(page, 'life-list-withdrawn');
    await axeCheck(page, { label: 'Certifikat with a withdrawn certificate' });
    await page.goto(`${base2}/lang/en`);
    await statusInList(page, base2, 'Withdrawn', CERTIFICATE_EN);
    await page.goto(`${base2}/lang/sv`);
  });
  const withdrawn = await waitForMail(person.email, { subject: /återkallat/i });
  assert.match(withdrawn.text, /Allvarliga brister vid tillsyn\./);
  assert.match(withdrawn.text, /överklaga/);
});
