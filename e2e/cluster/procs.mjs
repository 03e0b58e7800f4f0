// Starting, waiting for and killing the cluster's processes, each with its own log file.

import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();

/** Ports handed out already: the kernel may give a port it gave a moment ago again once
 * it is closed, and two of the test's servers were once both told to listen on one. */
const handedOut = new Set();

export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address();
        s.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Starts `cmd args` with `env` added, its output into `log`. */
export function start(cmd, args, { env = {}, log, cwd } = {}) {
  const out = openSync(log, 'a');
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  children.add(child);
  child.exited.then(() => children.delete(child));
  return child;
}

/** Waits until `url` answers 200, or throws after `seconds`. */
export async function waitFor(url, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Waits until a TCP port accepts connections. */
export async function waitForPort(port, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${seconds} s`);
}

/** SIGKILL: no shutdown, no flush, as a crash or the OOM killer would. */
export async function crash(child) {
  child.kill('SIGKILL');
  await child.exited;
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const done = await Promise.race([child.exited, sleep(10_000).then(() => null)]);
  if (!done) await crash(child);
}

export async function stopAll() {
  await Promise.all([...children].map(stop));
}
