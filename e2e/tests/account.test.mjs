// A newcomer's first five minutes, entirely through the pages as a person sees them:
// register (after one mistake), confirm the e-mail address, log in, switch language, log
// out. And the staff's menu as the demo logins see it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeCheck,
  latestMailTo,
  launchBrowser,
  linkIn,
  shot,
  url,
  withPage,
} from '../lib/browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const PASSWORD = 'ett långt och bra lösenord';
const DEMO_PASSWORD = 'certportal-demo-2026';

/** The main menu (the <nav> labelled «Huvudmeny» / «Main menu»). */
function mainNav(page, name = 'Huvudmeny') {
  return page.getByRole('navigation', { name });
}

/** Waits for the main menu to show exactly these links, and checks none is missing. */
async function expectMenu(page, links, navName = 'Huvudmeny') {
  const nav = mainNav(page, navName);
  for (const name of links) {
    await nav.getByRole('link', { name, exact: true }).waitFor();
  }
}

async function logIn(page, email, password) {
  await page.goto(url('/login'));
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await mainNav(page).waitFor();
}

test('a newcomer registers, confirms the e-mail address, logs in, switches language and logs out', async () => {
  const email = `eva.${Date.now()}@example.se`;

  await withPage(browser, 'newcomer', async (page) => {
    // The start page, not logged in.
    await page.goto(url('/'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, 'start-not-logged-in');

    // «Registrera konto» (the one in the page's text; the header has one too).
    await page.getByRole('main').getByRole('link', { name: 'Registrera konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrera konto' }).waitFor();
    await shot(page, 'register-empty');
    await axeCheck(page, { label: 'the register page' });

    // First a mistake: the personnummer's check digit is wrong.
    await page.getByLabel('Personnummer').fill('19850615-4560');
    await page.getByLabel('Förnamn').fill('Eva');
    await page.getByLabel('Efternamn').fill('Ek');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await shot(page, 'register-filled-wrong-check-digit');
    await page.getByRole('button', { name: 'Registrera konto' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Det finns fel i formuläret' });
    await summary.waitFor();
    await summary.getByRole('heading', { name: 'Det finns fel i formuläret' }).waitFor();
    await summary.getByRole('link', { name: /Kontrollsiffran stämmer inte/ }).waitFor();
    await shot(page, 'register-error-summary');

    // The field itself says what is wrong, and is marked invalid.
    const pnr = page.getByLabel('Personnummer');
    assert.equal(await pnr.getAttribute('aria-invalid'), 'true', 'Personnummer is marked aria-invalid');
    const describedBy = await pnr.getAttribute('aria-describedby');
    assert.ok(describedBy, 'Personnummer has an aria-describedby pointing at its error');
    const fieldMessage = await page.locator(`[id="${describedBy}"]`).innerText();
    assert.match(fieldMessage, /Kontrollsiffran stämmer inte/);

    // What was typed is kept (but the password is not sent back).
    assert.equal(await page.getByLabel('Förnamn').inputValue(), 'Eva');
    assert.equal(await page.getByLabel('Efternamn').inputValue(), 'Ek');
    assert.equal(await page.getByLabel('E-postadress').inputValue(), email);
    assert.equal(await pnr.inputValue(), '19850615-4560');
    await axeCheck(page, { label: 'the register page with errors' });

    // Fix it and send again.
    const sentAt = Date.now();
    await pnr.fill('19850615-4569');
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Registrera konto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bekräfta din e-postadress' }).waitFor();
    await shot(page, 'register-sent');

    // The verification e-mail, and its link.
    const mail = await latestMailTo(email, { since: sentAt });
    assert.match(mail, /Hej Eva!/);
    const link = linkIn(mail, '/verify?token=');
    assert.ok(link.startsWith(url('/verify?token=')), `the link uses CERTPORTAL_BASE_URL: ${link}`);
    await page.goto(link);
    await page.getByText('Din e-postadress är bekräftad').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await shot(page, 'email-confirmed-login');
    await axeCheck(page, { label: 'the login page' });

    // Log in.
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expectMenu(page, ['Certifikat', 'Anställningar', 'Prov', 'Händelselogg']);
    await page.getByText('Välkommen, Eva Ek').waitFor();
    assert.equal(await mainNav(page).getByRole('link', { name: 'Handläggning' }).count(), 0,
      'a newcomer has no «Handläggning»');
    assert.equal(await mainNav(page).getByRole('link', { name: 'Administration' }).count(), 0,
      'a newcomer has no «Administration»');
    await shot(page, 'start-logged-in');
    await axeCheck(page, { label: 'the start page, logged in' });

    // English, and back.
    await page.getByRole('link', { name: 'English' }).click();
    await expectMenu(page, ['Certificates', 'Event log'], 'Main menu');
    await page.getByText('Welcome, Eva Ek').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await shot(page, 'start-english');
    await page.getByRole('link', { name: 'Svenska' }).click();
    await expectMenu(page, ['Certifikat', 'Händelselogg']);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    await shot(page, 'start-swedish-again');

    // The account menu under the person's name, and «Logga ut».
    const accountMenu = page.locator('details').filter({
      has: page.locator('summary', { hasText: 'Eva Ek' }),
    });
    await accountMenu.locator('summary').click();
    await accountMenu.getByRole('button', { name: 'Logga ut' }).waitFor();
    await shot(page, 'account-menu-open');
    await accountMenu.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Logga in' }).waitFor();
    assert.equal(await mainNav(page).count(), 0, 'no main menu after logging out');
    await shot(page, 'logged-out');

    // The session is really gone: a page behind login sends to «Logga in».
    await page.goto(url('/certificates'));
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await shot(page, 'certificates-needs-login');
  });
});

test('the demo staff see «Handläggning», and only the administrator «Administration»', async () => {
  await withPage(browser, 'handlaggare', async (page) => {
    await logIn(page, 'handlaggare@example.se', DEMO_PASSWORD);
    await expectMenu(page, ['Certifikat', 'Händelselogg', 'Handläggning']);
    assert.equal(await mainNav(page).getByRole('link', { name: 'Administration' }).count(), 0,
      'a handläggare has no «Administration»');
    await shot(page, 'handlaggare-start');
  });

  await withPage(browser, 'administrator', async (page) => {
    await logIn(page, 'administrator@example.se', DEMO_PASSWORD);
    await expectMenu(page, ['Certifikat', 'Administration']);
    await shot(page, 'administrator-start');
    // «Utgående e-post»: the queue's counts on «Administration», the failed mail on its own page.
    await page.goto(url('/admin'));
    await axeCheck(page, { label: '«Administration»' });
    await page.getByRole('link', { name: 'Utgående e-post' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utgående e-post' }).waitFor();
    await axeCheck(page, { label: '«Utgående e-post»' });
    await shot(page, 'administrator-outbox');
  });
});
