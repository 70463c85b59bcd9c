// The dashboard's router: hash routes (linkable, back button works), one
// module per view, the sign-in form when the API answers 401.
import * as api from './api.js';
import { h, clear, errorBox, announce } from './dom.js';
import * as overview from './views/overview.js';
import * as gaps from './views/gaps.js';
import * as diff from './views/diff.js';
import * as progress from './views/progress.js';
import * as search from './views/search.js';
import * as moduleView from './views/module.js';
import * as signin from './views/signin.js';
import { route } from './routes.js';

const LANG_KEY = 'concord.lang';
const LANGS = ['en', 'ru', 'fr', 'ar', 'fa'];

const views = { overview, gaps, diff, progress, search, module: moduleView };

function uiLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (LANGS.includes(saved)) return saved;
  const nav = (navigator.language || 'en').split('-')[0];
  return LANGS.includes(nav) ? nav : 'en';
}

let renderSeq = 0;

async function render() {
  const main = document.getElementById('main');
  const r = route();
  const hash = location.hash;
  const mod = views[r.view];
  const seq = ++renderSeq;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.view === (r.view === 'module' ? 'search' : r.view)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.getElementById('sign-out').hidden = !api.token();
  const ctx = {
    lang: uiLang(),
    // stale reports whether a newer render started since this one.
    stale: () => seq !== renderSeq,
    rerender: render,
  };
  if (!mod) {
    clear(main).append(h('h1', {}, 'Not found'), h('p', {}, 'There is no view here. ', h('a', { href: '#/' }, 'Go to the overview.')));
    return;
  }
  main.setAttribute('aria-busy', 'true');
  // data-rendered names the route the content shows (tests wait on it).
  delete main.dataset.rendered;
  try {
    if (!r.programme && ['overview', 'gaps', 'progress'].includes(r.view)) {
      const ps = await api.programmes();
      if (!ps.length) {
        clear(main).append(h('h1', {}, 'No programme yet'), h('p', {}, 'Create a programme through the API or the CLI to see its coverage here.'));
        return;
      }
      r.programme = ps[0].name;
    }
    const node = await mod.render(r, ctx);
    if (ctx.stale()) return;
    clear(main).append(node);
    main.dataset.rendered = hash;
    document.title = (main.querySelector('h1')?.textContent || 'Dashboard') + ' · Concord';
    announce('Loaded: ' + document.title);
  } catch (err) {
    if (ctx.stale()) return;
    if (err instanceof api.AuthError) {
      clear(main).append(signin.render(err, () => { api.clearCache(); render(); }));
      main.dataset.rendered = hash;
      main.querySelector('input')?.focus();
      return;
    }
    clear(main).append(h('h1', {}, 'Something went wrong'), errorBox(err));
    main.dataset.rendered = hash;
  } finally {
    if (!ctx.stale()) main.removeAttribute('aria-busy');
  }
}

function start() {
  const langSelect = document.getElementById('ui-lang');
  langSelect.value = uiLang();
  langSelect.addEventListener('change', () => {
    localStorage.setItem(LANG_KEY, langSelect.value);
    render();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    api.setToken('');
    api.clearCache();
    render();
  });
  let lastView = null;
  window.addEventListener('hashchange', () => {
    const v = route().view;
    render().then(() => {
      // Moving to another view puts the focus on its content, as a page
      // load would; filters within a view keep the focus where it is.
      if (v !== lastView) {
        window.scrollTo(0, 0);
        document.getElementById('main').focus({ preventScroll: true });
      }
      lastView = v;
    });
  });
  lastView = route().view;
  render();
}

start();
