// Browser tests that follow certportal over months or years: dates as yyyy-mm-dd, and a
// second portal on the same data directory as of another day (CERTPORTAL_TODAY). The
// browser's cookies hold for every port of 127.0.0.1, so a signed-in page carries over.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { mainNav } from './portal.mjs';

/** The portal binary (scripts/e2e sets CERTPORTAL_BIN). */
export const BIN = process.env.CERTPORTAL_BIN;

const servers = [];

/** yyyy-mm-dd of a Date (its UTC parts). */
export function ymd(d) {
  return d.toISOString().slice(0, 10);
}

/**
 * Today in Sweden, as the portal reckons every date: between 23:00 and midnight UTC (22:00 in
 * summer) it is already tomorrow there, and `ymd(new Date())` would be a day behind.
 */
export function todayInSweden() {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}

/** `iso` moved by whole months, the day clamped to the month's last (as the portal does). */
export function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return ymd(new Date(Date.UTC(year, month, Math.min(d, last))));
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a second portal on the same data directory as of `today`; returns its base URL. */
export async function portalAsOf(today) {
  assert.ok(BIN, 'CERTPORTAL_BIN names the portal binary (scripts/e2e sets it)');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve'], {
    env: {
      ...process.env,
      CERTPORTAL_BIND: `127.0.0.1:${port}`,
      CERTPORTAL_BASE_URL: base,
      CERTPORTAL_TODAY: today,
    },
    stdio: 'ignore',
  });
  servers.push(child);
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return base;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`the portal as of ${today} did not start`);
}

/** Stops every portal `portalAsOf` started (call in the test file's `after`). */
export function stopPortals() {
  for (const s of servers.splice(0)) s.kill('SIGTERM');
}

/** «Logga in» on the portal at `base`. */
export async function logInAt(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await mainNav(page).waitFor();
}
