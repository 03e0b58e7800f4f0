// Helpers for certportal's browser tests: Debian's Chromium through playwright-core, one
// fresh browser context per test, numbered full-page screenshots, an axe-core check, and
// the portal's e-mails read from the .eml files it writes to <data dir>/mail/.
//
// Environment (scripts/e2e sets all three):
//   CERTPORTAL_URL       the running portal, e.g. http://127.0.0.1:40123
//   CERTPORTAL_DATA_DIR  its data directory (the e-mails are in mail/)
//   E2E_SCREENSHOTS      folder for the screenshots (none are taken when unset)

import { readdir, readFile, stat, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BASE_URL = (process.env.CERTPORTAL_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const DATA_DIR = process.env.CERTPORTAL_DATA_DIR || './data';
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS || '';
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** The absolute URL of a path on the portal under test. */
export function url(p = '/') {
  return BASE_URL + (p.startsWith('/') ? p : `/${p}`);
}

/** Starts Debian's Chromium, headless. One browser per test file is plenty. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context (no cookies, no session) and a page in it. `bypassCSP` is on only so
 * that axeCheck can inject axe-core; the portal's own pages need no exception.
 */
export async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    bypassCSP: true,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  // Anything the page logs as an error, or throws, is worth seeing in a failure.
  page.on('pageerror', (err) => console.error(`[page error] ${page.url()}: ${err.message}`));
  // (Chromium's own "Failed to load resource" lines are left out: a 422 for a form with
  // errors is expected, and the browser's /favicon.ico request is not the page's.)
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      console.error(`[console error] ${page.url()}: ${msg.text()}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 500) console.error(`[server error] ${res.status()} ${res.request().method()} ${res.url()}`);
  });
  return { context, page };
}

/**
 * Runs `fn(page)` in a fresh context and closes it afterwards; on failure it first takes a
 * screenshot named FAILED-<name> so the state of the page can be seen.
 */
export async function withPage(browser, name, fn) {
  const { context, page } = await newPage(browser);
  try {
    await fn(page);
  } catch (err) {
    try {
      await shot(page, `FAILED-${name}`);
      console.error(`[failed at] ${page.url()}`);
    } catch {
      // The page may be gone; the original error is what matters.
    }
    throw err;
  } finally {
    await context.close();
  }
}

// Screenshots are numbered per test file: <file>-<NNN>-<name>.png.
let shotCounter = 0;
const shotPrefix = path
  .basename(process.argv[1] || 'e2e')
  .replace(/\.test\.m?js$/, '')
  .replace(/\.m?js$/, '');

function slug(name) {
  return String(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80) || 'page';
}

/** Saves a full-page PNG of `page` into E2E_SCREENSHOTS and returns its path. */
export async function shot(page, name) {
  if (!SCREENSHOTS) return null;
  shotCounter += 1;
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(
    SCREENSHOTS,
    `${shotPrefix}-${String(shotCounter).padStart(3, '0')}-${slug(name)}.png`,
  );
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE_PATH = require.resolve('axe-core/axe.min.js');
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now and throws when it finds violations of impact
 * serious or critical. Minor and moderate ones are printed but do not fail the test.
 */
export async function axeCheck(page, { label } = {}) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  });
  const where = label || page.url();
  const failing = results.filter((v) => FAILING_IMPACTS.has(v.impact));
  const other = results.filter((v) => !FAILING_IMPACTS.has(v.impact));
  if (other.length) {
    console.log(`axe (${where}): ${other.length} minor/moderate finding(s), not failing:\n${formatViolations(other)}`);
  }
  if (failing.length) {
    throw new Error(
      `axe found ${failing.length} serious/critical violation(s) on ${where}:\n${formatViolations(failing)}`,
    );
  }
  return results;
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.summary || '').split('\n').map((l) => `        ${l}`).join('\n');
          return `    - ${n.target}\n      ${n.html}\n${summary}`;
        })
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

// ---- e-mail ------------------------------------------------------------------------------

/** Splits a raw message (as a latin1 string: one char per byte) into headers and body. */
function splitMessage(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map();
  // Unfold continuation lines, then take "Name: value".
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
    }
  }
  return { headers, body };
}

/** Quoted-printable (latin1 string in) to bytes. */
function decodeQuotedPrintable(s) {
  const text = s.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function charsetOf(contentType) {
  const m = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType || '');
  const cs = (m ? m[1] : 'utf-8').toLowerCase();
  if (cs === 'utf8' || cs === 'utf-8') return 'utf8';
  if (cs === 'iso-8859-1' || cs === 'latin1' || cs === 'us-ascii' || cs === 'ascii') return 'latin1';
  return 'utf8';
}

/** The decoded text of one MIME entity; for multipart, its first text/plain part. */
function decodeEntity(headers, body) {
  const type = headers.get('content-type') || 'text/plain; charset=utf-8';
  if (/^multipart\//i.test(type)) {
    const b = /boundary\s*=\s*"?([^";]+)"?/i.exec(type);
    if (!b) return '';
    const parts = body
      .split(`--${b[1]}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .map((p) => splitMessage(p.replace(/^\r?\n/, '')));
    const plain = parts.find((p) => /^text\/plain/i.test(p.headers.get('content-type') || 'text/plain'));
    const chosen = plain || parts[0];
    return chosen ? decodeEntity(chosen.headers, chosen.body) : '';
  }
  const encoding = (headers.get('content-transfer-encoding') || '7bit').toLowerCase();
  let bytes;
  if (encoding === 'quoted-printable') {
    bytes = decodeQuotedPrintable(body);
  } else if (encoding === 'base64') {
    bytes = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  } else {
    bytes = Buffer.from(body, 'latin1'); // 7bit, 8bit, binary: the bytes as they are
  }
  return bytes.toString(charsetOf(type)).replace(/\r\n/g, '\n');
}

/** Parses one .eml file: { file, mtimeMs, headers, text }. */
export async function readMail(file) {
  const raw = (await readFile(file)).toString('latin1');
  const { headers, body } = splitMessage(raw);
  const { mtimeMs } = await stat(file);
  return { file, mtimeMs, headers, text: decodeEntity(headers, body) };
}

/** Decodes RFC 2047 encoded words (=?utf-8?b?…?= and =?utf-8?q?…?=) in a header value. */
export function decodeHeader(value) {
  if (!value) return '';
  // Whitespace between two adjacent encoded words is not part of the text.
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, enc, data) => {
    const bytes = enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64')
      : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return bytes.toString(charsetOf(`text/plain; charset=${charset}`));
  });
}

/** Every e-mail whose To: header contains `address` (written at or after `since`), newest first. */
async function mailsTo(address, since) {
  const dir = path.join(DATA_DIR, 'mail');
  const want = address.toLowerCase();
  let names = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml'));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  const found = [];
  for (const name of names) {
    try {
      const mail = await readMail(path.join(dir, name));
      // mtime has at least ms resolution; allow for a coarse clock on the file system.
      if (mail.mtimeMs + 1000 < since) continue;
      if ((mail.headers.get('to') || '').toLowerCase().includes(want)) found.push(mail);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err; // a file being replaced: look again next round
    }
  }
  found.sort((a, b) => b.mtimeMs - a.mtimeMs);
  return { dir, count: names.length, found };
}

/**
 * The decoded text body of the newest e-mail whose To: header contains `address`, waiting
 * up to `timeoutMs` for it (the portal's mail worker writes the outbox every ~2 s).
 * With `since` (a Date.now() value), older files are ignored.
 */
export async function latestMailTo(address, { since = 0, timeoutMs = 15_000 } = {}) {
  return (await waitForMail(address, { since, timeoutMs })).text;
}

/**
 * The newest e-mail to `address` whose decoded Subject: matches `subject` (a RegExp or a
 * substring; any subject when left out), waiting up to `timeoutMs` for it. Returns
 * { subject, text, headers, file }. With `since`, older files are ignored.
 */
export async function waitForMail(address, { since = 0, subject, timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const fits = (s) => subject === undefined
    || (subject instanceof RegExp ? subject.test(s) : s.includes(subject));
  for (;;) {
    const { dir, count, found } = await mailsTo(address, since);
    const hit = found
      .map((m) => ({ ...m, subject: decodeHeader(m.headers.get('subject') || '') }))
      .find((m) => fits(m.subject));
    if (hit) return { subject: hit.subject, text: hit.text, headers: hit.headers, file: hit.file };
    if (Date.now() > deadline) {
      const seen = found.map((m) => `  - ${decodeHeader(m.headers.get('subject') || '')}`).join('\n');
      throw new Error(
        `no e-mail to ${address}${subject === undefined ? '' : ` with the subject ${subject}`} in ${dir} `
        + `within ${timeoutMs} ms (${count} .eml file(s) there; to that address:\n${seen || '  none'})`,
      );
    }
    await sleep(250);
  }
}

/** The first http(s) URL in `body` that contains `pathPrefix`, or throws. */
export function linkIn(body, pathPrefix) {
  const urls = body.match(/https?:\/\/[^\s<>"')]+/g) || [];
  const hit = urls.map((u) => u.replace(/[.,;:!?]+$/, '')).find((u) => u.includes(pathPrefix));
  if (!hit) throw new Error(`no link containing ${pathPrefix} in the e-mail:\n${body}`);
  return hit;
}
