// A hash router: #/path?query. Each route names a page module's render function, whether it needs
// a session, and which roles may open it. A page whose data arrives after the person moved on
// drops it (current() tells it whether it is still the page on screen).

const routes = [];
let seq = 0;
let timers = [];
let onRoute = () => {};

export function add(re, load, opts = {}) { routes.push({ re, load, ...opts }); }

export function go(path) {
  if (location.hash === `#${path}`) run();
  else location.hash = path;
}

export function later(fn, ms) { timers.push(setTimeout(fn, ms)); }
export function every(fn, ms) { timers.push(setInterval(fn, ms)); }

export function current() { return seq; }

export function parse() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(qs || '') };
}

export function match(path) {
  for (const r of routes) {
    const m = path.match(r.re);
    if (m) return { route: r, m };
  }
  return null;
}

export async function run() {
  timers.forEach((x) => { clearTimeout(x); clearInterval(x); });
  timers = [];
  const mine = ++seq;
  await onRoute(parse(), mine);
}

export function start(handler) {
  onRoute = handler;
  window.addEventListener('hashchange', run);
  return run();
}
