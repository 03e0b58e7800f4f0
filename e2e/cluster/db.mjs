// Reading the database behind the portal, as the checker of what was acknowledged: psql for
// PostgreSQL, the sqlite3 shell for SQLite. Values are passed as literals quoted here
// (they are ids and e-mail addresses the test made itself).

import { execFileSync } from 'node:child_process';

export function quote(v) {
  return `'${String(v).replaceAll("'", "''")}'`;
}

export function list(values) {
  return values.length ? values.map(quote).join(',') : 'NULL';
}

/** Rows of tab-separated columns. */
export function pg(url, sql) {
  const out = execFileSync('psql', [url, '-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

export function sqlite(file, sql) {
  const out = execFileSync('sqlite3', ['-separator', '\t', file, sql], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** One number out of a query. */
export function one(rows) {
  return Number(rows[0]?.[0] ?? NaN);
}
