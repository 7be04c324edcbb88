// The GraphQL client: POST /graphql with the session's bearer token, errors as ApiError.

const TOKEN_KEY = 'redline.token';

export const session = {
  get token() {
    try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
  },
  set(token) {
    try { sessionStorage.setItem(TOKEN_KEY, token); } catch { /* private mode: stay signed in for this page only */ }
  },
  clear() {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch { /* ignore */ }
  },
};

// ApiError carries the GraphQL errors of a response; code, field and messageZh are the first's.
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    const ext = errors[0]?.extensions || {};
    this.code = ext.code || 'INTERNAL';
    this.field = ext.field || '';
  }
}

function networkError() {
  return new ApiError([{ message: 'network error', extensions: { code: 'NETWORK' } }]);
}

// gql runs a query or mutation. A rejected token signs the user out (the app listens for
// redline:signed-out and shows the sign-in page).
export async function gql(query, variables = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw networkError();
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError([{ message: `HTTP ${res.status}`, extensions: { code: res.status >= 500 ? 'INTERNAL' : 'NETWORK' } }]);
  }
  if (body.errors && body.errors.length) {
    const err = new ApiError(body.errors);
    if (err.code === 'UNAUTHENTICATED' && token) {
      session.clear();
      window.dispatchEvent(new CustomEvent('redline:signed-out', { detail: { expired: true } }));
    }
    throw err;
  }
  return body.data;
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
