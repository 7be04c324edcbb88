// The GraphQL client and the session. POST /graphql with the access token; the refresh token renews
// it silently before it expires and once more when the server says UNAUTHENTICATED, so that a person
// who types for longer than the token lives still submits. Errors come as ApiError.

const K = { token: 'redline.token', refresh: 'redline.refresh', expires: 'redline.expires' };

function store() {
  try { return window.sessionStorage; } catch { return null; }
}
const mem = {};
function get(k) { const s = store(); try { return s ? s.getItem(k) : mem[k] || null; } catch { return mem[k] || null; } }
function put(k, v) { const s = store(); try { if (s) s.setItem(k, v); else mem[k] = v; } catch { mem[k] = v; } }
function del(k) { const s = store(); try { if (s) s.removeItem(k); } catch { /* ignore */ } delete mem[k]; }

let timer = null;
let refreshing = null;

export const session = {
  get token() { return get(K.token); },
  get refreshToken() { return get(K.refresh); },
  get expiresAt() { const v = get(K.expires); return v ? Date.parse(v) : 0; },
  // set stores an AuthPayload (token, refreshToken, expiresAt) and plans the next refresh.
  set(p) {
    put(K.token, p.token);
    if (p.refreshToken) put(K.refresh, p.refreshToken);
    if (p.expiresAt) put(K.expires, p.expiresAt);
    schedule();
  },
  clear() {
    Object.values(K).forEach(del);
    clearTimeout(timer);
    timer = null;
  },
};

// schedule renews the access token a little before it expires: a minute early, or at four fifths of
// its life when it lives less than five minutes.
export function schedule() {
  clearTimeout(timer);
  const exp = session.expiresAt;
  if (!exp || !session.refreshToken) return;
  const left = exp - Date.now();
  const early = Math.min(60_000, Math.max(1000, left / 5));
  timer = setTimeout(() => { refresh().catch(() => {}); }, Math.max(0, left - early));
}

// ApiError carries the GraphQL errors of a response; code, field and messageZh are the first's.
// retryAfter is the seconds the server asked to wait (429 RATE_LIMITED, 503 UNAVAILABLE), else 0.
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    const ext = errors[0]?.extensions || {};
    this.code = ext.code || 'INTERNAL';
    this.field = ext.field || '';
    this.retryAfter = Number(ext.retryAfterSeconds) || 0;
  }
}

// busy says whether the server refused for now and asked to try again later: RATE_LIMITED (429)
// or UNAVAILABLE (503), both with a Retry-After. Nothing of the request was done.
export function busy(err) {
  return err instanceof ApiError && (err.code === 'RATE_LIMITED' || err.code === 'UNAVAILABLE');
}

// retryAfterSeconds reads a Retry-After header (seconds or an HTTP date); 0 when absent.
function retryAfterSeconds(h) {
  if (!h) return 0;
  const n = Number(h);
  if (Number.isFinite(n)) return Math.max(1, Math.ceil(n));
  const at = Date.parse(h);
  return Number.isNaN(at) ? 0 : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

// busyError is the ApiError of a 429 or 503 answer: the server's errors (or, from a proxy that
// sent no GraphQL body, one of the status's code), each with the seconds to wait.
function busyError(status, header, errors) {
  const code = status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE';
  const list = errors && errors.length ? errors : [{ message: `HTTP ${status}`, extensions: { code } }];
  const wait = retryAfterSeconds(header);
  return new ApiError(list.map((e) => {
    const ext = { code, ...(e.extensions || {}) };
    if (!ext.retryAfterSeconds && wait) ext.retryAfterSeconds = wait;
    return { ...e, extensions: ext };
  }));
}

function networkError() {
  return new ApiError([{ message: 'network error', extensions: { code: 'NETWORK' } }]);
}

// Persisted queries (Apollo's protocol, docs/OPERATIONS.md): a document is sent as its SHA-256
// alone once the server knows it; on PERSISTED_QUERY_NOT_FOUND it is sent once with its text. The
// hashes are computed once per document; without crypto.subtle (plain HTTP on a LAN address is not
// a secure context) the text is sent as before.
const hashes = new Map();
async function queryHash(query) {
  if (!globalThis.crypto?.subtle) return null;
  let h = hashes.get(query);
  if (!h) {
    try {
      const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query));
      h = Array.from(new Uint8Array(d), (x) => x.toString(16).padStart(2, '0')).join('');
    } catch {
      return null;
    }
    hashes.set(query, h);
  }
  return h;
}
const known = new Set(); // hashes this page has had accepted: sent without their text

async function send(payload, token, key) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (key) headers['Idempotency-Key'] = key;
  let res;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(payload) });
  } catch {
    throw networkError();
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON: a proxy's page */ }
  if (res.status === 429 || res.status === 503) throw busyError(res.status, res.headers.get('Retry-After'), body?.errors);
  if (!body) throw new ApiError([{ message: `HTTP ${res.status}`, extensions: { code: res.status >= 500 ? 'INTERNAL' : 'NETWORK' } }]);
  return body;
}

async function post(query, variables, token, key) {
  const hash = await queryHash(query);
  let body;
  if (hash && known.has(hash)) {
    const pq = { persistedQuery: { version: 1, sha256Hash: hash } };
    body = await send({ variables, extensions: pq }, token, key);
    if (body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
      body = await send({ query, variables, extensions: pq }, token, key); // the server forgot it
    }
  } else {
    body = await send(hash ? { query, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } : { query, variables }, token, key);
  }
  if (body.errors && body.errors.length) throw new ApiError(body.errors);
  if (hash) known.add(hash);
  return body.data;
}

const AUTH = 'token refreshToken expiresAt user { id email displayName role teams institutionId mustChangePassword }';
export const AUTH_FIELDS = AUTH;

function notSignedIn() {
  return new ApiError([{ message: 'not signed in', extensions: { code: 'UNAUTHENTICATED' } }]);
}

// endReason is why the server refused a session: SESSION_ENDED (ended before its time: signed out,
// the password changed, the account disabled, on this device or another) or SESSION_EXPIRED.
function endReason(err) {
  return err?.errors?.[0]?.extensions?.reason || '';
}

// Tabs of one browser that hold the same refresh token (a duplicated tab copies sessionStorage)
// tell each other about a rotation, so that a tab whose own refresh is late (a throttled background
// tab) does not present the token another tab has rotated long ago, which the server takes for theft.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('redline.session') : null;
channel?.addEventListener('message', (ev) => {
  const m = ev.data || {};
  if (m.type !== 'rotated' || !m.from || m.from !== session.refreshToken || !m.pair?.refreshToken) return;
  session.set(m.pair); // stored before anything uses it
  window.dispatchEvent(new CustomEvent('redline:refreshed', { detail: m.pair }));
});

// oneAtATime runs fn while holding the browser-wide refresh lock (Web Locks API), so that tabs take
// turns; without the API (plain HTTP is not a secure context) it runs fn at once.
function oneAtATime(fn) {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request('redline.session.refresh', fn) : fn();
}

// refresh exchanges the refresh token for a new pair; concurrent callers of this page share one
// request, and the tabs of the browser take turns (a Web Lock). Within the lock the token is read
// again: another refresh may have replaced it meanwhile, and then its pair is used as it is. The new
// pair is written to storage before anything uses it, so that a reload keeps it; a reload while the
// request is in flight presents the old token again, which the server accepts for a short grace.
// When the refresh token is refused the session is over: redline:signed-out tells the app.
export function refresh() {
  if (refreshing) return refreshing;
  const start = session.refreshToken;
  if (!start) return Promise.reject(notSignedIn());
  refreshing = (async () => {
    try {
      return await oneAtATime(async () => {
        const rt = session.refreshToken;
        if (!rt) throw notSignedIn();
        if (rt !== start && session.token && session.expiresAt - Date.now() > 5000) {
          return { token: session.token, refreshToken: rt, expiresAt: new Date(session.expiresAt).toISOString() };
        }
        const d = await post(`mutation($r: String!) { refreshSession(refreshToken: $r) { ${AUTH} } }`, { r: rt });
        session.set(d.refreshSession);
        channel?.postMessage({ type: 'rotated', from: rt, pair: d.refreshSession });
        window.dispatchEvent(new CustomEvent('redline:refreshed', { detail: d.refreshSession }));
        return d.refreshSession;
      });
    } catch (err) {
      if (err.code === 'UNAUTHENTICATED' || err.code === 'BAD_USER_INPUT' || err.code === 'NOT_FOUND') {
        session.clear();
        window.dispatchEvent(new CustomEvent('redline:signed-out', { detail: { expired: true, reason: endReason(err) } }));
      }
      throw err;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// freshToken returns an access token that is not about to expire, renewing it first if needed
// (a laptop that slept past the planned refresh).
async function freshToken() {
  const token = session.token;
  if (token && session.refreshToken && session.expiresAt && session.expiresAt - Date.now() < 5000) {
    try { return (await refresh()).token; } catch { return session.token; }
  }
  return token;
}

// When the server is busy (RATE_LIMITED, UNAVAILABLE) a read is asked again after the Retry-After
// it gave, at most RETRY_TRIES times in all and only when the wait is at most RETRY_MAX_WAIT
// seconds (a sign-in locked for 15 minutes is said, not waited for). A mutation is sent again only
// when it carries an idempotency key (the server runs it once whatever the retries); any other is
// refused with the error marked notDone, which errorText explains: nothing was done, try again in
// N seconds, what you typed is still here.
const RETRY_TRIES = 3;
const RETRY_MAX_WAIT = 10;

const isRead = (query) => /^\s*(\{|query\b)/.test(query);

// waitOut says whether a busy answer is worth waiting for on the tries-th try, and waits for it.
async function waitOut(err, tries) {
  const wait = err.retryAfter || 1;
  if (tries >= RETRY_TRIES || wait > RETRY_MAX_WAIT) return false;
  window.dispatchEvent(new CustomEvent('redline:busy', { detail: { seconds: wait, code: err.code } }));
  await new Promise((r) => { setTimeout(r, wait * 1000); });
  return true;
}

// gql runs a query or mutation; opts.idempotencyKey names one attempt of a mutation (the
// Idempotency-Key header: a retry with it gets the first answer back and writes nothing more). On
// UNAUTHENTICATED with a session it renews the session and tries once more; only when that fails
// is the person signed out.
export async function gql(query, variables = {}, opts = {}) {
  const again = isRead(query) || !!opts.idempotencyKey;
  for (let tries = 1; ; tries++) {
    try {
      return await authorised(query, variables, opts.idempotencyKey);
    } catch (err) {
      if (!busy(err)) throw err;
      if (!again) err.errors.forEach((e) => { e.extensions.notDone = true; });
      if (!again || !(await waitOut(err, tries))) throw err;
    }
  }
}

async function authorised(query, variables, key) {
  const token = await freshToken();
  try {
    return await post(query, variables, token, key);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'UNAUTHENTICATED' || !token) throw err;
    if (session.refreshToken) {
      const p = await refresh(); // throws (and signs out) when the refresh token is refused
      return post(query, variables, p.token, key);
    }
    session.clear();
    window.dispatchEvent(new CustomEvent('redline:signed-out', { detail: { expired: true, reason: endReason(err) } }));
    throw err;
  }
}

// signOut revokes the refresh token on the server, then forgets the session here.
// signOut ends the session on the server (logout) and on the device; remote=false only forgets it
// on the device, for when the server has ended it already (a password change ends every session).
export async function signOut(remote = true) {
  const rt = session.refreshToken;
  const token = session.token;
  try {
    if (remote && (rt || token)) await post('mutation($r: String) { logout(refreshToken: $r) }', { r: rt }, token);
  } catch { /* the local session ends anyway */ }
  session.clear();
}

// upload sends a file to POST /evidence with progress (fetch cannot report upload progress; XHR
// can) and resolves with {uploadToken, sha256, size, contentType, kind}.
export async function upload(file, onProgress) {
  const send = (token) => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/evidence');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* keep {} */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else if (xhr.status === 429 || xhr.status === 503) {
        const e = busyError(xhr.status, xhr.getResponseHeader('Retry-After'), body.errors);
        e.errors.forEach((x) => { x.extensions.notDone = true; }); // a file is not sent again unasked
        reject(e);
      } else reject(new ApiError(body.errors || [{ message: `HTTP ${xhr.status}`, extensions: { code: 'INTERNAL' } }]));
    };
    const fd = new FormData();
    fd.append('file', file, file.name || 'evidence');
    xhr.send(fd);
  });
  const token = await freshToken();
  try {
    return await send(token);
  } catch (err) {
    if (err.code !== 'UNAUTHENTICATED' || !session.refreshToken) throw err;
    return send((await refresh()).token);
  }
}

// download fetches an evidence file with the access token and returns an object URL for it.
// A busy server's 429 or 503 is waited out as for a read.
export async function download(url) {
  for (let tries = 1; ; tries++) {
    const token = await freshToken();
    let res;
    try {
      res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw networkError();
    }
    if (res.ok) return URL.createObjectURL(await res.blob());
    if (res.status !== 429 && res.status !== 503) throw new ApiError([{ message: `HTTP ${res.status}`, extensions: { code: res.status === 403 ? 'FORBIDDEN' : 'INTERNAL' } }]);
    const err = busyError(res.status, res.headers.get('Retry-After'), null);
    if (!(await waitOut(err, tries))) throw err;
  }
}

// saveDownload fetches url with the person's token (download) and saves it as a file named name.
export async function saveDownload(url, name) {
  const a = document.createElement('a');
  a.href = await download(url);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

// newIdempotencyKey names one submission of a form, so that a double tap or a retry after a
// network error files the complaint once. crypto.randomUUID needs a secure context; plain HTTP
// on a LAN address is not one, so fall back to getRandomValues.
export function newIdempotencyKey() {
  if (globalThis.crypto?.randomUUID) {
    try { return crypto.randomUUID(); } catch { /* insecure context */ }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
