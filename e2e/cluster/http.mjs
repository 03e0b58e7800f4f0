// A browser without a browser: a cookie jar, the CSRF cookie copied into every form (the
// portal's double-submit check), redirects not followed so that a 303 counts as the answer.
// Every request goes through the load balancer, so consecutive requests land on different
// instances: a session or CSRF token that only one instance knew would fail here.

const CSRF_COOKIE = 'certportal_csrf';

export class Client {
  constructor(base) {
    this.base = base;
    this.jar = new Map();
  }

  absorb(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => a.trim().toLowerCase() === 'max-age=0')) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method, path, { body, headers = {} } = {}) {
    const res = await fetch(this.base + path, {
      method,
      body,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...headers },
      signal: AbortSignal.timeout(30_000),
    });
    this.absorb(res);
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location') ?? '', body: text };
  }

  get(path) {
    return this.request('GET', path);
  }

  /** The CSRF token the forms carry; fetched with a page when the jar has none yet. */
  async csrf() {
    if (!this.jar.has(CSRF_COOKIE)) await this.get('/login');
    return this.jar.get(CSRF_COOKIE);
  }

  async post(path, fields) {
    const form = new URLSearchParams({ ...fields, csrf: await this.csrf() });
    return this.request('POST', path, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async upload(path, fileName, bytes) {
    const form = new FormData();
    form.append('csrf', await this.csrf());
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), fileName);
    return this.request('POST', path, { body: form });
  }

  async login(email, password) {
    const r = await this.post('/login', { email, password });
    if (r.status !== 303) throw new Error(`login of ${email}: ${r.status}`);
    return r;
  }
}

/** A 2xx or a redirect (a form's success): the portal acknowledged the request. */
export function acknowledged(r) {
  return r.status >= 200 && r.status < 400;
}
