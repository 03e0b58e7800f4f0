// «Prov» end to end: a person with an open kat A1 application; the examiner of Kylskolan AB
// creates a session of «Teoretiskt prov kat A1»; the person books it; on the exam day the
// examiner registers a pass and fixes it; the person's «Prov» page shows «Godkänt» (and
// "Passed" in English) and their kat A1 case shows the theory exam moment «Godkänt».
//
// The exam day is reached through ../lib/clock.mjs: a second portal as of that day.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
} from '../lib/portal.mjs';
import { addDays, logInAt, portalAsOf, stopPortals, todayInSweden } from '../lib/clock.mjs';

const AREA = 'Kyla och värmepumpar';
const CERTIFICATE = 'Personcertifikat f-gas kat A1';
const EXAM = 'Teoretiskt prov kat A1';
const CENTRE = 'Kylskolan AB';
const EXAMINER = 'provforrattare@example.se';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  stopPortals();
});

test('an examiner holds a session, a person books and passes, the exam moment is approved', async () => {
  const stamp = Date.now();
  const person = {
    firstName: 'Pia',
    lastName: `Prov${String(stamp).slice(-5)}`,
    email: `pia.${stamp}@example.se`,
    personnummer: personnummer('19920202', stamp),
  };
  const fullName = `${person.firstName} ${person.lastName}`;
  const base0 = process.env.CERTPORTAL_URL.replace(/\/+$/, '');
  const today = todayInSweden();
  const examDay = addDays(today, 14);
  const lastDay = addDays(today, 7);
  let caseUrl;

  // ---- the person applies for kat A1: its exam moments wait for an exam ---------------------
  await withPage(browser, 'exam-person-applies', async (page) => {
    await registerAndConfirm(page, person, { shots: false });
    await logIn(page, person.email);
    await applyForCertificate(page, { area: AREA, certificate: CERTIFICATE });
    await page.getByRole('heading', { level: 1, name: `${fullName}: ${AREA} - ${CERTIFICATE}` }).waitFor();
    caseUrl = new URL(page.url()).pathname;
    const row = page.getByRole('row').filter({ hasText: 'Teoretiskt prov' });
    await row.getByText('Inväntar prov', { exact: true }).waitFor();
    await shot(page, 'exam-case-awaiting-exam');
    await logOut(page, fullName);
  });

  // ---- the examiner creates a session -----------------------------------------------------
  await withPage(browser, 'examiner-creates-session', async (page) => {
    await logIn(page, EXAMINER, DEMO_PASSWORD);
    await mainNav(page).getByRole('link', { name: 'Provtillfällen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Provtillfällen' }).waitFor();
    await axeCheck(page, { label: 'Provtillfällen' });
    await page.getByRole('link', { name: 'Nytt provtillfälle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nytt provtillfälle' }).waitFor();
    await field(page, 'Provcenter').selectOption({ label: CENTRE });
    await field(page, 'Prov').selectOption({ label: EXAM });
    await field(page, 'Provdag').fill(examDay);
    await field(page, 'Starttid').fill('09:00');
    await field(page, 'Ort').fill('Göteborg');
    await field(page, 'Adress').fill('Provvägen 3');
    await field(page, 'Antal platser').fill('5');
    await field(page, 'Sista dag att boka').fill(lastDay);
    await field(page, 'Sista dag att avboka').fill(lastDay);
    await shot(page, 'examiner-session-filled');
    await axeCheck(page, { label: 'Nytt provtillfälle' });
    await page.getByRole('button', { name: 'Skapa provtillfälle' }).click();
    await page.getByText('Provtillfället är skapat.').waitFor();
    await shot(page, 'examiner-session-created');
  });

  // ---- the person books it -------------------------------------------------------------------
  const bookedAt = Date.now();
  await withPage(browser, 'exam-person-books', async (page) => {
    await logIn(page, person.email);
    await mainNav(page).getByRole('link', { name: 'Prov', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Prov' }).waitFor();
    await axeCheck(page, { label: 'Prov' });
    await page.getByRole('link', { name: 'Boka prov' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Boka prov' }).waitFor();
    await field(page, 'Prov').selectOption({ label: EXAM });
    await page.getByRole('button', { name: 'Visa provtillfällen' }).click();
    const row = page.getByRole('row').filter({ hasText: examDay });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(CENTRE));
    await shot(page, 'exam-sessions-free');
    await axeCheck(page, { label: 'Boka prov' });
    await row.getByRole('link', { name: /^Boka/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Bekräfta bokning' }).waitFor();
    await page.getByRole('main').getByText(EXAM).first().waitFor();
    await axeCheck(page, { label: 'Bekräfta bokning' });
    await page.getByRole('main').getByRole('button', { name: 'Boka', exact: true }).click();
    await page.getByText(/Provet är bokat/).waitFor();
    await page.getByRole('row').filter({ hasText: EXAM }).getByText('Bokad', { exact: true }).waitFor();
    await shot(page, 'exam-booked');
  });
  const booked = await waitForMail(person.email, { since: bookedAt, subject: /Bokat/ });
  assert.match(booked.text, new RegExp(examDay));
  assert.match(booked.text, /Provvägen 3, Göteborg/);
  assert.match(booked.text, /Ta med: Giltig legitimation/);

  // ---- on the exam day the examiner registers a pass and fixes it ----------------------------
  const base1 = await portalAsOf(examDay);
  await withPage(browser, 'examiner-results', async (page) => {
    await logInAt(page, base1, EXAMINER, DEMO_PASSWORD);
    await page.goto(`${base1}/exam-sessions`);
    await page.getByRole('row').filter({ hasText: examDay }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: `Provtillfälle ${examDay}` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: fullName });
    assert.doesNotMatch(await row.innerText(), new RegExp(person.personnummer.slice(-4)), 'no personnummer');
    await row.getByRole('radio', { name: /Närvarande/ }).check();
    await row.getByRole('textbox').fill('35');
    await shot(page, 'examiner-results-filled');
    await axeCheck(page, { label: 'the session page' });
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Resultaten är sparade.').waitFor();
    await page.getByRole('link', { name: 'Fastställ resultat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fastställ resultat' }).waitFor();
    await axeCheck(page, { label: 'Fastställ resultat' });
    await page.getByRole('button', { name: 'Ja, fastställ resultaten' }).click();
    await page.getByText('Resultaten är fastställda.').waitFor();
    await page.getByRole('row').filter({ hasText: fullName }).getByText('Godkänt', { exact: true }).waitFor();
    await shot(page, 'examiner-results-fixed');
  });
  const result = await waitForMail(person.email, { subject: /Provresultat/ });
  assert.match(result.subject, /Godkänt/);
  assert.match(result.text, /35 av 40/);

  // ---- the person sees «Godkänt», and the exam moment of the case approved -------------------
  await withPage(browser, 'exam-person-passed', async (page) => {
    await logInAt(page, base1, person.email, PASSWORD);
    await page.goto(`${base1}/exams`);
    const row = page.getByRole('row').filter({ hasText: EXAM });
    await row.getByText('Godkänt', { exact: true }).waitFor();
    await shot(page, 'exam-person-passed');
    await page.goto(`${base1}${caseUrl}`);
    const moment = page.getByRole('row').filter({ hasText: 'Teoretiskt prov' });
    await moment.getByText('Godkänt', { exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Praktiskt prov' }).getByText('Inväntar prov', { exact: true }).waitFor();
    await shot(page, 'exam-case-moment-approved');
    await axeCheck(page, { label: 'the case page with an exam passed' });
    // And in English.
    await page.goto(`${base1}/lang/en?next=/exams`);
    await page.getByRole('heading', { level: 1, name: 'Exams' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Theory exam cat. A1' }).getByText('Passed', { exact: true }).waitFor();
    await shot(page, 'exam-person-passed-en');
    await page.goto(`${base1}/lang/sv`);
  });
});
