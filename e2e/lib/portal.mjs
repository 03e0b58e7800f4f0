// Walks through certportal's pages that several browser tests share: register and confirm
// a fresh person, log in and out, find a form field by its visible label, plus the small
// things those tests need (a valid personnummer, a real PDF, dates).

import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { latestMailTo, linkIn, shot, url } from './browser.mjs';

export const PASSWORD = 'ett långt och bra lösenord';
export const DEMO_PASSWORD = 'certportal-demo-2026';

/** The main menu (the <nav> labelled «Huvudmeny»). */
export function mainNav(page, name = 'Huvudmeny') {
  return page.getByRole('navigation', { name });
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The form control labelled exactly `label`, with or without the required marker « *»
 * (getByLabel alone matches substrings: «Ort» would also find «Fakturareferens/Ordernr»'s
 * neighbours, «Land» any «…land…»).
 */
export function field(scope, label) {
  return scope.getByLabel(new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\*)?\\s*$`));
}

/**
 * A personnummer (YYYYMMDD-NNNC) with a correct check digit: Luhn over YYMMDDNNN.
 * `serial` is the three-digit birth number NNN.
 */
export function personnummer(yyyymmdd, serial) {
  const nnn = String(serial % 1000).padStart(3, '0');
  const nine = `${yyyymmdd.slice(2)}${nnn}`;
  let sum = 0;
  for (let i = 0; i < nine.length; i += 1) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return `${yyyymmdd}-${nnn}${check}`;
}

/** A date as yyyy-mm-dd, `days` away from today (local time). */
export function isoDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Today plus whole years, as yyyy-mm-dd. */
export function isoDateYears(years) {
  const d = new Date();
  d.setFullYear(d.getFullYear() + years);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Writes a small but valid one-page PDF (with a correct cross-reference table) named
 * `name` into a fresh temporary folder and returns its path.
 */
export async function writeMinimalPdf(name = 'certifikat.pdf', text = 'Certifikat') {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
      + '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const dir = await mkdtemp(path.join(tmpdir(), 'certportal-e2e-pdf-'));
  const file = path.join(dir, name);
  await writeFile(file, Buffer.from(body, 'latin1'));
  return file;
}

/** Logs in through «Logga in» and waits for the main menu. */
export async function logIn(page, email, password = PASSWORD) {
  await page.goto(url('/login'));
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await mainNav(page).waitFor();
}

/** «Logga ut» from the account menu under the person's name. */
export async function logOut(page, fullName) {
  const accountMenu = page.locator('details').filter({
    has: page.locator('summary', { hasText: fullName }),
  });
  await accountMenu.locator('summary').click();
  await accountMenu.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByText('Du är utloggad.').waitFor();
  assert.equal(await mainNav(page).count(), 0, 'no main menu after logging out');
}

/**
 * Registers a fresh person through «Registrera konto», confirms the e-mail address with
 * the link in the .eml the portal wrote, and leaves the page on «Logga in».
 * `person` = { firstName, lastName, email, personnummer }.
 */
export async function registerAndConfirm(page, person, { shots = true } = {}) {
  await page.goto(url('/register'));
  await page.getByRole('heading', { level: 1, name: 'Registrera konto' }).waitFor();
  await page.getByLabel('Personnummer').fill(person.personnummer);
  await page.getByLabel('Förnamn').fill(person.firstName);
  await page.getByLabel('Efternamn').fill(person.lastName);
  await page.getByLabel('E-postadress').fill(person.email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  if (shots) await shot(page, 'register-filled');
  const sentAt = Date.now();
  await page.getByRole('button', { name: 'Registrera konto' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bekräfta din e-postadress' }).waitFor();
  if (shots) await shot(page, 'register-sent');

  const mail = await latestMailTo(person.email, { since: sentAt });
  await page.goto(linkIn(mail, '/verify?token='));
  await page.getByText('Din e-postadress är bekräftad').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  if (shots) await shot(page, 'email-confirmed');
}

/**
 * From anywhere while logged in: «Certifikat» → «+ Ansök om nytt certifikat», choose
 * the area and certificate and «Spara». Leaves the page on the new case.
 */
export async function applyForCertificate(page, { area, certificate }, { onForm } = {}) {
  await mainNav(page).getByRole('link', { name: 'Certifikat', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Certifikat' }).waitFor();
  await page.getByRole('link', { name: '+ Ansök om nytt certifikat' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Ansök om nytt certifikat' }).waitFor();
  await field(page, 'Teknikområde').selectOption({ label: area });
  // With JavaScript the «Certifikat» list follows «Teknikområde» at once: only the chosen
  // area's certificates can be picked.
  const offered = await page.evaluate(() => {
    const areaId = document.getElementById('f-area').value;
    return Array.from(document.getElementById('f-certificate').options)
      .filter((o) => o.value && !o.disabled)
      .map((o) => o.getAttribute('data-area') === areaId);
  });
  assert.ok(offered.length > 0, 'the chosen area offers certificates');
  assert.ok(offered.every(Boolean), '«Certifikat» offers only the chosen area\'s certificates');
  await field(page, 'Certifikat').selectOption({ label: certificate });
  if (onForm) await onForm();
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
}
