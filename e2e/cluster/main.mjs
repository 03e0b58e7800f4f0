// scripts/cluster-test: three `certportal serve` instances on one PostgreSQL behind nginx,
// files in S3 (moto), mail through a real SMTP server (scripts/smtp-sink), and then the
// promises the README makes, shown: sessions across instances, gap-free numbers under
// concurrency, mail exactly once through an outage, nothing acknowledged lost when an
// instance is killed with SIGKILL (and when the single SQLite instance is), no orphan files.
// Prints a table at the end; exits non-zero when anything was lost or duplicated.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { Client, acknowledged } from './http.mjs';
import { pg, sqlite, quote, list, one } from './db.mjs';
import { freePort, start, waitFor, waitForPort, crash, stop, stopAll } from './procs.mjs';
import * as J from './journeys.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.CERTPORTAL_BIN;
const VENV = path.join(ROOT, '.tools/venv/bin');
const PG_ADMIN = process.env.CERTPORTAL_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_PASSWORD = J.PASSWORD;
const began = Date.now();
const tmp = mkdtempSync(path.join(tmpdir(), 'certportal-cluster-'));
// nginx's workers run as an unprivileged user and keep their temporary files in here.
chmodSync(tmp, 0o755);
const log = (...a) => console.log(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s]`, ...a);

const table = [];
function row(what, sent, acked, found, lost, dups, note = '') {
  table.push({ what, sent, acked, found, lost, dups, note });
}
const failures = [];
function check(ok, message) {
  if (!ok) failures.push(message);
  log(ok ? `ok: ${message}` : `FAILED: ${message}`);
}

const orgnr = (k) => {
  const nine = `55690${String(k).padStart(4, '0')}`;
  return `${nine}${J.luhn(nine)}`;
};

// ---------------------------------------------------------------------------------------
// The parts
// ---------------------------------------------------------------------------------------

const dbName = `certportal_cluster_${process.pid}`;
const dbUrl = PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`);
const ports = {
  nginx: await freePort(),
  moto: await freePort(),
  smtp: await freePort(),
  smtpControl: await freePort(),
  instances: [await freePort(), await freePort(), await freePort()],
};
const base = `http://127.0.0.1:${ports.nginx}`;
const host = '127.0.0.1';
const bucket = 'certportal-cluster';
const signingKey = Buffer.alloc(32, 7).toString('hex');
const smtpLog = path.join(tmp, 'smtp-received.jsonl');

// CLUSTER_PHASES=journey,numbers,mail,outage,refused,crash,orphans,sqlite runs a part of it
// (all by default); CLUSTER_STORAGE=file keeps the files in one shared folder instead of S3.
const phases = new Set((process.env.CLUSTER_PHASES ?? 'journey,numbers,mail,outage,refused,crash,orphans,sqlite').split(','));
const onS3 = process.env.CLUSTER_STORAGE !== 'file';
const needsSmtp = ['mail', 'outage', 'refused'].some((p) => phases.has(p));
const s3Env = onS3
  ? {
      CERTPORTAL_STORAGE_URL: `s3://${bucket}`,
      AWS_ENDPOINT: `http://127.0.0.1:${ports.moto}`,
      AWS_ALLOW_HTTP: 'true',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'cluster-test',
      AWS_SECRET_ACCESS_KEY: 'cluster-test-secret',
    }
  : { CERTPORTAL_STORAGE_URL: `file://${path.join(tmp, 'shared-files')}` };

const env = {
  ...s3Env,
  DATABASE_URL: dbUrl,
  CERTPORTAL_BASE_URL: base,
  CERTPORTAL_TRUST_PROXY: 'true',
  ...(needsSmtp ? { CERTPORTAL_SMTP_URL: `smtp://127.0.0.1:${ports.smtp}` } : {}),
  CERTPORTAL_MAIL_PER_MINUTE: '100000',
  CERTPORTAL_MAIL_RETRY_SECONDS: '2',
  CERTPORTAL_SIGNING_KEY: signingKey,
  CERTPORTAL_PUBLIC_RATE: '100000',
  CERTPORTAL_PUBLIC_BURST: '100000',
  CERTPORTAL_DB_MAX_CONNECTIONS: '12',
  RUST_LOG: 'warn',
};

function cli(args, { input, extraEnv = {}, allowFail = false } = {}) {
  try {
    return execFileSync(BIN, args, {
      env: { ...process.env, ...env, CERTPORTAL_DATA_DIR: path.join(tmp, 'cli'), ...extraEnv },
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    if (allowFail) return { failed: true, status: e.status, stdout: e.stdout, stderr: e.stderr };
    throw new Error(`certportal ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

let smtp;
function startSmtp() {
  smtp = start(path.join(VENV, 'python'), [
    path.join(ROOT, 'scripts/smtp-sink'),
    '--port', String(ports.smtp),
    '--log', smtpLog,
    '--control', String(ports.smtpControl),
  ], { log: path.join(tmp, 'smtp.log') });
  return waitForPort(ports.smtp);
}
async function smtpMode(mode) {
  const r = await fetch(`http://127.0.0.1:${ports.smtpControl}/mode/${mode}`, { method: 'POST' });
  assert.equal(r.status, 200, `smtp-sink mode ${mode}`);
}
/** Message-ID -> times received. */
function received() {
  const counts = new Map();
  if (!existsSync(smtpLog)) return counts;
  for (const line of readFileSync(smtpLog, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const id = JSON.parse(line).message_id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const instances = [];
function startInstance(i) {
  const child = start(BIN, ['serve'], {
    env: {
      ...env,
      CERTPORTAL_BIND: `127.0.0.1:${ports.instances[i]}`,
      CERTPORTAL_DATA_DIR: path.join(tmp, `instance-${i + 1}`),
    },
    log: path.join(tmp, `instance-${i + 1}.log`),
  });
  instances[i] = child;
  return waitFor(`http://127.0.0.1:${ports.instances[i]}/readyz`);
}

function nginxConf() {
  const dir = path.join(tmp, 'nginx');
  mkdirSync(dir, { recursive: true, mode: 0o777 });
  const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  log_format up '$request_method $uri $status $upstream_addr';
  access_log ${dir}/access.log up;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream portal {
${ports.instances.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${ports.nginx};
    client_max_body_size 30m;
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      # Only what never reached an instance is tried on another: a POST that was sent is
      # never sent twice.
      proxy_next_upstream error timeout;
      proxy_read_timeout 60s;
    }
  }
}
`;
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  return { dir, file };
}

async function outboxQuiet(seconds, what) {
  const deadline = Date.now() + seconds * 1000;
  let pending = NaN;
  while (Date.now() < deadline) {
    pending = one(pg(dbUrl, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL'));
    if (pending === 0) return 0;
    await sleep(500);
  }
  throw new Error(`${what}: ${pending} mails still queued after ${seconds} s`);
}

function enqueueMails(prefix, n) {
  pg(dbUrl, `INSERT INTO outbox (id, recipient, subject, body, created_at, next_attempt_at)
    SELECT '${prefix}-' || lpad(g::text, 5, '0'), 'mottagare' || g || '@example.se', 'Klustertest ' || g,
           'Ett brev ur klustertestet.', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM generate_series(1, ${n}) AS g`);
}

/** Each mail with this prefix: received how many times (by Message-ID). */
function mailTally(prefix) {
  const counts = received();
  const ids = pg(dbUrl, `SELECT id FROM outbox WHERE id LIKE '${prefix}-%'`).map((r) => r[0]);
  let found = 0;
  let dups = 0;
  for (const id of ids) {
    const n = counts.get(`<${id}@${host}>`) ?? 0;
    if (n >= 1) found += 1;
    if (n > 1) dups += n - 1;
  }
  return { queued: ids.length, found, dups, lost: ids.length - found };
}

// ---------------------------------------------------------------------------------------

async function main() {
  assert.ok(BIN, 'CERTPORTAL_BIN names the portal binary');
  log(`work dir ${tmp}, database ${dbName}, load balancer ${base}`);
  pg(PG_ADMIN, `CREATE DATABASE ${dbName}`);

  // S3 and SMTP.
  if (onS3) {
    start(path.join(VENV, 'moto_server'), ['-H', '127.0.0.1', '-p', String(ports.moto)], { log: path.join(tmp, 'moto.log') });
    await waitForPort(ports.moto);
    const made = await fetch(`http://127.0.0.1:${ports.moto}/${bucket}`, { method: 'PUT' });
    assert.ok(made.status < 300, `bucket: ${made.status}`);
  }
  if (needsSmtp) await startSmtp();

  // The database, staff and companies, by the CLI.
  cli(['migrate']);
  const staff = {
    officer: 'klara.handlaggare@example.se',
    decider: 'bengt.beslutsfattare@example.se',
    admin: 'ada.administrator@example.se',
  };
  cli(['user', 'create', '--email', staff.officer, '--first-name', 'Klara', '--last-name', 'Handläggare', '--role', 'handlaggare', '--password-stdin'], { input: `${DEMO_PASSWORD}\n` });
  cli(['user', 'create', '--email', staff.decider, '--first-name', 'Bengt', '--last-name', 'Beslutsfattare', '--role', 'beslutsfattare', '--password-stdin'], { input: `${DEMO_PASSWORD}\n` });
  cli(['user', 'create', '--email', staff.admin, '--first-name', 'Ada', '--last-name', 'Administratör', '--role', 'administrator', '--password-stdin'], { input: `${DEMO_PASSWORD}\n` });
  const companies = Array.from({ length: 12 }, (_, k) => orgnr(k + 1));
  for (const [k, nr] of companies.entries()) cli(['company', 'create', '--orgnr', nr, '--name', `Klusterkyl ${k + 1} AB`]);

  await Promise.all([0, 1, 2].map(startInstance));
  const { file: conf } = nginxConf();
  const nginx = start(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-c', conf, '-e', path.join(tmp, 'nginx/error.log')], { log: path.join(tmp, 'nginx.log') });
  await waitFor(`${base}/readyz`);
  log('three instances behind nginx, S3 on moto, SMTP on smtp-sink');

  const ids = J.typeIds(dbUrl, J.KAT_V);
  const officer = new Client(base);
  await officer.login(staff.officer, DEMO_PASSWORD);
  const decider = new Client(base);
  await decider.login(staff.decider, DEMO_PASSWORD);
  const admin = new Client(base);
  await admin.login(staff.admin, DEMO_PASSWORD);
  const validUntil = J.addDays(J.todayInSweden(), 700);

  // 1. A person's whole journey and the staff's review and issue, through the balancer.
  if (phases.has('journey')) {
    const accessBefore = readFileSync(path.join(tmp, 'nginx/access.log'), 'utf8').split('\n').length;
    const { person, caseId } = await J.readyCase(base, dbUrl, 'resa@example.se', ids, officer);
    J.expect(await J.issue(decider, caseId, validUntil), 303, 'issue');
    const page = J.expect(await person.get(`/cases/${caseId}`), 200, 'case page after issue');
    check(page.body.includes('Aktivt') && page.body.includes('00001'), 'the journey ends with certificate 00001, shown to its holder');
    const lines = readFileSync(path.join(tmp, 'nginx/access.log'), 'utf8').split('\n').slice(accessBefore - 1).filter(Boolean);
    const upstreams = new Set(lines.map((l) => l.split(' ')[3]));
    check(upstreams.size === 3, `the journey's ${lines.length} requests were answered by all three instances (${[...upstreams].join(', ')})`);
  }

  // 2. 150 cases issued at once through the three instances: 150 distinct, gap-free numbers.
  if (phases.has('numbers')) {
    const n = 150;
    log(`preparing ${n} cases ready for decision`);
    const ready = await J.pool(Array.from({ length: n }, (_, i) => `nummer${i}@example.se`), 6, (email) => J.readyCase(base, dbUrl, email, ids, officer));
    log(`issuing ${n} at once`);
    const answers = await Promise.all(ready.map(({ caseId }) => J.issue(decider, caseId, validUntil)));
    const acked = answers.filter((r) => r.status === 303).length;
    const numbers = pg(dbUrl, `SELECT certificate_number FROM cases WHERE id IN (${list(ready.map((r) => r.caseId))}) AND certificate_number IS NOT NULL`).map((r) => Number(r[0]));
    const all = pg(dbUrl, 'SELECT certificate_number FROM cases WHERE certificate_number IS NOT NULL').map((r) => Number(r[0])).sort((a, b) => a - b);
    const distinct = new Set(numbers).size;
    const gapFree = all.every((v, i) => v === i + 1);
    check(acked === n && numbers.length === n && distinct === n, `${n} issued concurrently: ${acked} acknowledged, ${distinct} distinct numbers`);
    check(gapFree, `every number from 00001 to ${String(all.length).padStart(5, '0')} used once, no gap`);
    row('certificates issued at once', n, acked, numbers.length, n - numbers.length, numbers.length - distinct, gapFree ? `numbers 1-${all.length}, gap-free` : 'GAPS');
  }

  // 3. Mail exactly once: 1 000 queued, three workers.
  if (phases.has('mail')) {
    await outboxQuiet(120, 'mail of the journeys');
    enqueueMails('burst', 1000);
    const t = Date.now();
    await outboxQuiet(180, '1 000 mails');
    const tally = mailTally('burst');
    check(tally.lost === 0 && tally.dups === 0, `1 000 mails through three workers in ${((Date.now() - t) / 1000).toFixed(1)} s: ${tally.found} received once, ${tally.dups} duplicates`);
    row('mails, three workers', 1000, tally.queued, tally.found, tally.lost, tally.dups);
  }

  // 4. The SMTP server away for 30 s: everything arrives after it returns.
  if (phases.has('outage')) {
    await crash(smtp);
    enqueueMails('outage', 200);
    await sleep(30_000);
    const waiting = one(pg(dbUrl, "SELECT count(*) FROM outbox WHERE id LIKE 'outage-%' AND sent_at IS NULL"));
    await startSmtp();
    const t = Date.now();
    await outboxQuiet(180, 'mails after the outage');
    const tally = mailTally('outage');
    check(waiting === 200, `while the SMTP server was away all 200 mails stayed queued (${waiting})`);
    check(tally.lost === 0 && tally.dups === 0, `after the outage all delivered in ${((Date.now() - t) / 1000).toFixed(1)} s, ${tally.dups} duplicates`);
    row('mails, SMTP away 30 s', 200, tally.queued, tally.found, tally.lost, tally.dups);
  }

  // 5. A mail the server refuses for good: failed after its retries, listed, sent again.
  if (phases.has('refused')) {
    await smtpMode('permfail');
    enqueueMails('refused', 1);
    const deadline = Date.now() + 120_000;
    let failed = 0;
    while (Date.now() < deadline && !failed) {
      failed = one(pg(dbUrl, "SELECT count(*) FROM outbox WHERE id LIKE 'refused-%' AND failed_at IS NOT NULL"));
      await sleep(500);
    }
    await smtpMode('accept');
    check(failed === 1, 'a permanently refused mail is marked failed after its retries');
    const page = J.expect(await admin.get('/admin/mail'), 200, '«Utgående e-post»');
    check(page.body.includes('mottagare1@example.se') && page.body.includes('550'), '«Utgående e-post» lists it with the server\'s error');
    const action = page.body.match(/action="(\/admin\/mail\/[^"]+)"/)?.[1];
    check(Boolean(action), '«Skicka igen» is offered');
    if (action) {
      J.expect(await admin.post(action, {}), 303, '«Skicka igen»');
      await outboxQuiet(60, 'the mail sent again');
      const tally = mailTally('refused');
      check(tally.found === 1 && tally.dups === 0, 'sent again, it arrives once');
    }
  }

  // 6. kill -9 one instance in the middle of a write load.
  if (phases.has('crash')) await writeLoadWithCrash({ ids, officer, companies });

  // 7. Orphans: `certportal check` both ways, `--repair` for files without rows.
  if (phases.has('orphans')) {
    const first = cli(['check'], { allowFail: true });
    const out1 = typeof first === 'string' ? first : `${first.stdout}${first.stderr}`;
    log(`certportal check:\n${out1.trim()}`);
    const rowsWithoutFiles = count(out1, 'rows whose file is missing');
    const filesWithoutRows = count(out1, 'stored without a row');
    const storedObjects = count(out1, 'stored objects');
    const rowsInFiles = count(out1, 'rows in files');
    check(rowsWithoutFiles === 0, `no row in files lacks its stored file (${rowsWithoutFiles})`);
    check(rowsInFiles > 0 && storedObjects >= rowsInFiles, `the store holds ${storedObjects} objects for ${rowsInFiles} rows`);
    cli(['check', '--repair', '--grace-seconds', '0'], { allowFail: true });
    const second = cli(['check'], { allowFail: true });
    check(typeof second === 'string', 'after --repair, certportal check finds no orphan either way');
    row('files after the crash (check)', '', rowsInFiles, storedObjects, rowsWithoutFiles, '', `${filesWithoutRows} stored without a row, removed by --repair`);
  }

  await stop(nginx);
  for (const child of instances) if (child) await stop(child);

  // 8. The same crash on SQLite with one instance.
  if (phases.has('sqlite')) await sqliteCrash();
}

/** Persons writing (registrations, uploads, employment requests) and an officer reviewing,
 * 8 at a time for 20 s; instance 2 is killed with SIGKILL after 7 s. */
async function writeLoadWithCrash({ ids, officer, companies }) {
  log('write load: preparing 16 writers');
  const writers = await J.pool(Array.from({ length: 16 }, (_, i) => `skribent${i}@example.se`), 4, async (email) => {
    const person = await J.signedIn(base, dbUrl, email);
    const { caseId, moments } = await J.apply(person, ids);
    return { email, person, caseId, moment: moments[0], state: 'open', uploads: 0, nextCompany: 0 };
  });
  const acks = { registrations: [], uploads: [], employments: [], reviews: [] };
  const sent = { registrations: 0, uploads: 0, employments: 0, reviews: 0 };
  let afterCrash = 0;
  let crashed = false;
  const t0 = Date.now();
  const until = t0 + 20_000;
  let counter = 0;

  const registrar = async () => {
    const client = new Client(base);
    while (Date.now() < until) {
      counter += 1;
      const email = `last${counter}@example.se`;
      sent.registrations += 1;
      const r = await J.register(client, email).catch(() => ({ status: 0 }));
      if (r.status === 303) {
        acks.registrations.push(email);
        if (crashed) afterCrash += 1;
      }
    }
  };
  const writer = async (w0) => {
    let k = w0;
    while (Date.now() < until) {
      const free = writers.filter((w) => w.state === 'open' || w.state === 'reviewed');
      const w = free[k % Math.max(free.length, 1)];
      k += 1;
      if (w && k % 2 === 0) {
        w.state = 'busy';
        w.uploads += 1;
        const name = `underlag-${w.email.split('@')[0]}-${w.uploads}.pdf`;
        sent.uploads += 1;
        const r = await w.person.upload(`/cases/${w.caseId}/moments/${w.moment}/upload`, name, J.PDF).catch(() => ({ status: 0 }));
        if (r.status === 303) {
          acks.uploads.push({ name, caseId: w.caseId });
          w.state = 'uploaded';
          if (crashed) afterCrash += 1;
        } else {
          w.state = 'unknown';
        }
      } else {
        const someone = writers[k % writers.length];
        if (someone.state === 'unknown' || someone.nextCompany >= companies.length || someone.employing) { await sleep(5); continue; }
        someone.employing = true;
        const nr = companies[someone.nextCompany];
        someone.nextCompany += 1;
        sent.employments += 1;
        const r = await someone.person.post('/employments/new', { orgnr: nr, start_date: J.todayInSweden(), action: 'save' }).catch(() => ({ status: 0 }));
        someone.employing = false;
        if (r.status === 303) {
          acks.employments.push({ email: someone.email, orgnr: nr });
          if (crashed) afterCrash += 1;
        }
      }
    }
  };
  const reviewer = async () => {
    while (Date.now() < until) {
      const w = writers.find((x) => x.state === 'uploaded');
      if (!w) { await sleep(20); continue; }
      w.state = 'busy';
      sent.reviews += 1;
      const r = await J.review(officer, w.moment, 'reject', 'Skicka en skarpare kopia.').catch(() => ({ status: 0 }));
      if (r.status === 303) {
        acks.reviews.push({ caseId: w.caseId });
        w.state = 'reviewed';
        if (crashed) afterCrash += 1;
      } else {
        w.state = 'unknown';
      }
    }
  };
  const killer = async () => {
    await sleep(7_000);
    log('kill -9 instance 2');
    await crash(instances[1]);
    crashed = true;
  };
  log('write load: 20 s, instance 2 killed after 7 s');
  await Promise.all([registrar(), registrar(), writer(0), writer(1), writer(2), writer(3), reviewer(), reviewer(), killer()]);

  // What was acknowledged is there, each with its event.
  const regFound = pg(dbUrl, `SELECT p.email FROM persons p JOIN events e ON e.person_id = p.id AND e.kind = 'account-registered' WHERE p.email IN (${list(acks.registrations)})`).map((r) => r[0]); // not a status: an event kind
  const regDups = one(pg(dbUrl, `SELECT count(*) - count(DISTINCT email) FROM persons WHERE email IN (${list(acks.registrations)})`));
  const regLost = acks.registrations.filter((e) => !regFound.includes(e)).length;
  row('registrations', sent.registrations, acks.registrations.length, acks.registrations.length - regLost, regLost, regDups);

  const names = acks.uploads.map((u) => u.name);
  const fileRows = pg(dbUrl, `SELECT original_name, count(*) FROM files WHERE original_name IN (${list(names)}) GROUP BY original_name`);
  const fileCount = new Map(fileRows.map(([n, c]) => [n, Number(c)]));
  const upLost = names.filter((n) => !fileCount.has(n)).length;
  const upDups = [...fileCount.values()].reduce((s, c) => s + c - 1, 0);
  const caseIds = [...new Set(writers.map((w) => w.caseId))];
  const eventGap = pg(dbUrl, `SELECT f.case_id, f.n, coalesce(e.n, 0) FROM
      (SELECT case_id, count(*) AS n FROM files WHERE case_id IN (${list(caseIds)}) GROUP BY case_id) f
      LEFT JOIN (SELECT case_id, count(*) AS n FROM events WHERE kind = 'file-uploaded' AND case_id IN (${list(caseIds)}) GROUP BY case_id) e
      ON e.case_id = f.case_id WHERE f.n <> coalesce(e.n, 0)`);
  check(eventGap.length === 0, `every stored upload has its «Händelselogg» event (${eventGap.length} cases differ)`);
  row(`uploads (${onS3 ? 'S3' : 'shared folder'})`, sent.uploads, names.length, names.length - upLost, upLost, upDups);

  const empRows = pg(dbUrl, `SELECT p.email, c.orgnr, count(*) FROM employments m JOIN persons p ON p.id = m.person_id JOIN companies c ON c.id = m.company_id
      JOIN events e ON e.kind = 'employment-requested' AND e.person_id = m.person_id AND e.company_id = m.company_id
      WHERE p.email IN (${list(writers.map((w) => w.email))}) GROUP BY p.email, c.orgnr`);
  const empFound = new Map(empRows.map(([e, o, c]) => [`${e} ${o}`, Number(c)]));
  const empLost = acks.employments.filter((a) => !empFound.has(`${a.email} ${a.orgnr}`)).length;
  const empDups = [...empFound.values()].reduce((s, c) => s + c - 1, 0);
  row('employment requests', sent.employments, acks.employments.length, acks.employments.length - empLost, empLost, empDups);

  const revRows = pg(dbUrl, `SELECT case_id, count(*) FROM events WHERE kind = 'moment-rejected' AND case_id IN (${list(caseIds)}) GROUP BY case_id`);
  const revFound = new Map(revRows.map(([c, n]) => [c, Number(n)]));
  const revAcked = new Map();
  for (const r of acks.reviews) revAcked.set(r.caseId, (revAcked.get(r.caseId) ?? 0) + 1);
  let revLost = 0;
  for (const [c, n] of revAcked) revLost += Math.max(0, n - (revFound.get(c) ?? 0));
  row('reviews', sent.reviews, acks.reviews.length, acks.reviews.length - revLost, revLost, 0);

  check(regLost + upLost + empLost + revLost === 0, 'nothing acknowledged was lost when instance 2 was killed');
  check(regDups + upDups + empDups === 0, 'nothing was written twice');
  check(afterCrash > 0, `the survivors kept serving: ${afterCrash} writes acknowledged after the kill`);
  for (const i of [0, 2]) await waitFor(`http://127.0.0.1:${ports.instances[i]}/readyz`, 5);
  check(true, 'instances 1 and 3 answer /readyz after the kill');
  return { acks };
}

/** One instance on SQLite, killed with SIGKILL under registrations and uploads. */
async function sqliteCrash() {
  const dir = path.join(tmp, 'sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sqliteEnv = {
    DATABASE_URL: '',
    CERTPORTAL_STORAGE_URL: '',
    CERTPORTAL_SMTP_URL: '',
    CERTPORTAL_DATA_DIR: dir,
    CERTPORTAL_BIND: `127.0.0.1:${port}`,
    CERTPORTAL_BASE_URL: url,
  };
  const startOne = () => start(BIN, ['serve'], { env: { ...env, ...sqliteEnv }, log: path.join(tmp, 'sqlite.log') });
  let child = startOne();
  await waitFor(`${url}/readyz`);
  const dbFile = path.join(dir, 'certportal.db');
  const ids = { type: sqlite(dbFile, `SELECT id FROM certificate_types WHERE name_sv = ${quote(J.KAT_V)}`)[0][0], area: sqlite(dbFile, `SELECT area_id FROM certificate_types WHERE name_sv = ${quote(J.KAT_V)}`)[0][0] };

  // Writers on SQLite: registration by the outbox link.
  const writers = [];
  for (let i = 0; i < 4; i += 1) {
    const email = `lite${i}@example.se`;
    const c = new Client(url);
    J.expect(await J.register(c, email), 303, 'register on SQLite');
    const [[body]] = sqlite(dbFile, `SELECT replace(body, char(10), ' ') FROM outbox WHERE recipient = ${quote(email)} ORDER BY created_at DESC LIMIT 1`);
    J.expect(await c.get(body.match(/\/verify\?[^\s]+/)[0]), 303, 'verify on SQLite');
    await c.login(email, J.PASSWORD);
    const { caseId, moments } = await J.apply(c, ids);
    writers.push({ c, caseId, moment: moments[0], n: 0 });
  }
  const acks = { registrations: [], uploads: [] };
  let sent = 0;
  const until = Date.now() + 10_000;
  let stopped = false;
  let n = 0;
  const regLoop = async () => {
    const c = new Client(url);
    while (!stopped && Date.now() < until) {
      n += 1;
      const email = `lite-last${n}@example.se`;
      sent += 1;
      const r = await J.register(c, email).catch(() => ({ status: 0 }));
      if (r.status === 303) acks.registrations.push(email);
    }
  };
  const upLoop = async (w) => {
    while (!stopped && Date.now() < until) {
      w.n += 1;
      const name = `lite-${w.caseId.slice(-8)}-${w.n}.pdf`;
      sent += 1;
      const r = await w.c.upload(`/cases/${w.caseId}/moments/${w.moment}/upload`, name, J.PDF).catch(() => ({ status: 0 }));
      if (r.status === 303) acks.uploads.push(name);
      else if (r.status !== 0 && r.status < 500) break; // refused (e.g. awaiting review): that writer is done
    }
  };
  const killer = async () => {
    await sleep(5_000);
    log('kill -9 the SQLite instance');
    await crash(child);
    stopped = true;
  };
  await Promise.all([regLoop(), regLoop(), ...writers.map(upLoop), killer()]);

  const integrity = sqlite(dbFile, 'PRAGMA integrity_check').map((r) => r[0]).join(' ');
  check(integrity === 'ok', `SQLite after SIGKILL: PRAGMA integrity_check says ${integrity}`);
  const regFound = sqlite(dbFile, `SELECT p.email FROM persons p JOIN events e ON e.person_id = p.id AND e.kind = 'account-registered' WHERE p.email IN (${list(acks.registrations)})`).map((r) => r[0]); // not a status: an event kind
  const upFound = sqlite(dbFile, `SELECT DISTINCT original_name FROM files WHERE original_name IN (${list(acks.uploads)})`).map((r) => r[0]);
  const lost = acks.registrations.length - regFound.length + acks.uploads.length - upFound.length;
  row('SQLite, one instance killed', sent, acks.registrations.length + acks.uploads.length, regFound.length + upFound.length, lost, 0, `integrity_check: ${integrity}`);
  check(lost === 0, 'nothing acknowledged was lost on SQLite');
  child = startOne();
  await waitFor(`${url}/readyz`);
  check(true, 'the SQLite instance starts again on the same data');
  await stop(child);
  const checked = cli(['check'], { allowFail: true, extraEnv: sqliteEnv });
  const out = typeof checked === 'string' ? checked : `${checked.stdout}${checked.stderr}`;
  const rowsWithoutFiles = count(out, 'rows whose file is missing');
  check(rowsWithoutFiles === 0, `on SQLite too, no row lacks its file (${rowsWithoutFiles})`);
}

/** A count out of `certportal check`'s report («label: N»). */
function count(report, label) {
  return Number(report.match(new RegExp(`^${label}: (\\d+)$`, 'm'))?.[1] ?? NaN);
}

function printTable() {
  const head = ['', 'sent', 'acknowledged', 'found', 'lost', 'duplicates', ''];
  const rows = table.map((r) => [r.what, r.sent, r.acked, r.found, r.lost, r.dups, r.note].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log();
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`\nrun time ${((Date.now() - began) / 1000).toFixed(0)} s; ${failures.length ? `${failures.length} check(s) FAILED` : 'every check passed'}`);
}

let status = 0;
try {
  await main();
} catch (e) {
  console.error(e);
  failures.push(String(e.message ?? e));
}
printTable();
for (const f of failures) console.log(`FAILED: ${f}`);
status = failures.length ? 1 : 0;
await stopAll();
try {
  pg(PG_ADMIN, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
} catch {
  // left for a look
}
if (status === 0) execFileSync('rm', ['-rf', tmp]);
else console.log(`logs kept in ${tmp}`);
process.exit(status);
