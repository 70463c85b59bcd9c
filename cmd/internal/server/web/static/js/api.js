// The REST client: every call carries the signed-in token, and a 401
// (UNAUTHENTICATED) becomes an AuthError that the router answers with the
// sign-in form.

const TOKEN_KEY = 'concord.token';

export class AuthError extends Error {
  constructor(message) {
    super(message || 'Sign in with an API token to continue.');
    this.name = 'AuthError';
  }
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(t) {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// get fetches /v1/{path} with the query parameters in params (arrays give
// repeated parameters; empty values are left out) and returns the JSON.
export async function get(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== undefined && x !== null && x !== '') q.append(k, String(x));
    }
  }
  const qs = q.toString();
  return call('GET', '/v1/' + path + (qs ? '?' + qs : ''));
}

export async function call(method, url, body) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let resp;
  try {
    resp = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached: ' + e.message);
  }
  let data = null;
  const text = await resp.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = { message: text }; }
  }
  if (resp.status === 401 || (data && data.code === 16)) {
    throw new AuthError(t ? 'The token was refused: ' + ((data && data.message) || 'unauthenticated') : undefined);
  }
  if (!resp.ok) {
    throw new ApiError(resp.status, (data && data.message) || resp.statusText || 'HTTP ' + resp.status);
  }
  return data || {};
}

// listAll follows next_page_token until the list is complete.
export async function listAll(path, field, params = {}) {
  const out = [];
  let pageToken = '';
  do {
    const page = await get(path, { ...params, page_size: 1000, page_token: pageToken });
    out.push(...(page[field] || []));
    pageToken = page.nextPageToken || '';
  } while (pageToken);
  return out;
}

// Cached look-ups shared by the views.
const cache = new Map();

function cached(key, load) {
  if (!cache.has(key)) {
    const p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

export function clearCache() {
  cache.clear();
}

export const programmes = () => cached('programmes', () => listAll('programmes', 'programmes'));
export const academies = () => cached('academies', () => listAll('academies', 'academies'));
export const curricula = () => cached('curricula', () => listAll('academies/-/curricula', 'curricula'));

// competencies maps a framework's competency names to the competencies.
export const competencies = (framework) => cached('comp:' + framework, async () => {
  const list = await listAll(framework + '/competencies', 'competencies');
  return new Map(list.map((c) => [c.name, c]));
});

// modulesOf maps a curriculum's module names to the modules.
export const modulesOf = (curriculum) => cached('mods:' + curriculum, async () => {
  const list = await listAll(curriculum + '/modules', 'modules');
  return new Map(list.map((m) => [m.name, m]));
});
