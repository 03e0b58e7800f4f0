// «Koppla dig till ett företag»: a new person asks to be linked to Test Företag AB (after
// searching with an incomplete organisation number first), the company's administrator
// confirms the employment on the company page, and the person's invoice recipient is then
// the company, «Baserat på din anställning».

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, launchBrowser, shot, waitForMail, withPage } from '../lib/browser.mjs';
import {
  DEMO_PASSWORD,
  applyForCertificate,
  field,
  isoDate,
  logIn,
  logOut,
  mainNav,
  personnummer,
  registerAndConfirm,
} from '../lib/portal.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const COMPANY = 'Test Företag AB';
const ORGNR = '5560125790';
const FRIDA = 'frida.admin@example.se';

/** The row of the «Anställningar» table for Test Företag AB. */
function employmentRow(page) {
  return page.getByRole('row').filter({ hasText: COMPANY });
}

test('a person links to Test Företag AB, its administrator confirms, the company is the invoice recipient', async () => {
  const stamp = Date.now();
  const person = {
    firstName: 'Oskar',
    lastName: `Montör${String(stamp).slice(-5)}`,
    email: `oskar.${stamp}@example.se`,
    personnummer: personnummer('19920314', stamp + 1),
  };
  const fullName = `${person.firstName} ${person.lastName}`;
  const startDate = isoDate(-400);
  let requestedAt;

  // ---- the person asks to be linked to the company -----------------------------------------
  await withPage(browser, 'person-requests', async (page) => {
    await registerAndConfirm(page, person);
    await logIn(page, person.email);
    await mainNav(page).getByRole('link', { name: 'Anställningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anställningar' }).waitFor();
    await page.getByText('Du har inga anställningar registrerade ännu.').waitFor();
    await shot(page, 'employments-empty');
    await axeCheck(page, { label: 'Anställningar, empty' });

    await page.getByRole('link', { name: 'Ny Anställning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny anställning' }).waitFor();
    await page.getByText('Sök på fullständigt organisationsnummer. Endast exakt matchning ger resultat.').waitFor();
    await shot(page, 'employment-new-empty');
    await axeCheck(page, { label: 'Ny anställning' });

    // A partial organisation number finds nothing.
    const company = field(page, 'Företag');
    await company.fill('556012');
    await page.getByRole('button', { name: 'Sök företag' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny anställning' }).waitFor();
    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    // The summary links to «Företag», and the field says what is wrong.
    const summaryLink = summary.getByRole('link', { name: /organisationsnummer/ });
    await summaryLink.waitFor();
    assert.equal(await summaryLink.getAttribute('href'), '#f-orgnr');
    const describedBy = await field(page, 'Företag').getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${describedBy}"]`).innerText(), /organisationsnummer/);
    assert.equal(await field(page, 'Företag').getAttribute('aria-invalid'), 'true', '«Företag» is marked invalid');
    assert.equal(await page.getByText(COMPANY).count(), 0, 'no company name for a partial number');
    assert.equal(await field(page, 'Företag').inputValue(), '556012', 'the number typed is kept');
    await shot(page, 'employment-search-partial');
    await axeCheck(page, { label: 'Ny anställning, not found' });

    // The full number finds Test Företag AB.
    await field(page, 'Företag').fill(ORGNR);
    await page.getByRole('button', { name: 'Sök företag' }).click();
    await page.getByRole('status').filter({ hasText: COMPANY }).waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' }).count(), 0);
    await shot(page, 'employment-search-found');

    await field(page, 'Startdatum').fill(startDate);
    await shot(page, 'employment-filled');
    requestedAt = Date.now();
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Anställningar' }).waitFor();
    await page.getByText('Din förfrågan är skickad till företagets administratörer.').waitFor();
    await employmentRow(page).getByText('Väntar på bekräftelse', { exact: true }).waitFor();
    assert.match(await employmentRow(page).innerText(), new RegExp(startDate));
    await shot(page, 'employment-pending');
    await axeCheck(page, { label: 'Anställningar, pending' });

    await logOut(page, fullName);
  });

  // The administrator's e-mail.
  const request = await waitForMail(FRIDA, { since: requestedAt, subject: /förfrågan om anställning/i });
  assert.match(request.subject, new RegExp(fullName));
  assert.match(request.text, new RegExp(`${fullName} har begärt att bli kopplad till ${COMPANY}`));
  assert.match(request.text, /\/companies\//, 'the e-mail links to the company page');

  // ---- Frida, the company's administrator, confirms ----------------------------------------
  await withPage(browser, 'admin-confirms', async (page) => {
    await logIn(page, FRIDA, DEMO_PASSWORD);
    await mainNav(page).getByRole('link', { name: 'Anställningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anställningar' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Företag du administrerar' }).waitFor();
    await shot(page, 'admin-employments');
    await page.getByRole('main').getByRole('link', { name: COMPANY, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: COMPANY }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Förfrågningar om anställning' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: fullName });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(startDate));
    await shot(page, 'company-page-pending');
    await axeCheck(page, { label: 'the company page' });

    await row.getByRole('button', { name: /^Bekräfta/ }).click();
    await page.getByText('Anställningen är bekräftad.').waitFor();
    const current = page
      .getByRole('table')
      .filter({ has: page.getByRole('row').filter({ hasText: fullName }) });
    await current.first().waitFor();
    assert.equal(
      await page.getByRole('button', { name: `Bekräfta ${fullName}` }).count(), 0,
      'the request is no longer pending',
    );
    await shot(page, 'company-page-confirmed');

    await logOut(page, 'Frida');
  });

  // ---- the person: confirmed, and the company is the invoice recipient ---------------------
  await withPage(browser, 'person-confirmed', async (page) => {
    await logIn(page, person.email);
    await mainNav(page).getByRole('link', { name: 'Anställningar' }).click();
    await employmentRow(page).getByText('Bekräftad', { exact: true }).waitFor();
    await shot(page, 'employment-confirmed');

    await applyForCertificate(page, {
      area: 'Externt certifikat',
      certificate: 'Personcertifikat f-gas kat V - Externt',
    });
    await page
      .getByRole('heading', { level: 1, name: `${fullName}: Externt certifikat - Personcertifikat f-gas kat V - Externt` })
      .waitFor();
    await shot(page, 'case-created');

    await page.getByRole('link', { name: 'Ange fakturamottagare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ange fakturamottagare' }).waitFor();
    const found = page.getByRole('status').filter({ hasText: 'Baserat på din anställning' });
    await found.waitFor();
    assert.match(await found.innerText(), new RegExp(COMPANY));
    assert.ok(await page.getByRole('radio', { name: /^Företag/ }).isChecked(), '«Företag» is pre-selected');
    await shot(page, 'invoice-based-on-employment');
    await axeCheck(page, { label: 'Ange fakturamottagare, with an employment' });
  });
});
