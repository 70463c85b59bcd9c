// Module search (SearchService.SearchModules, GET /v1/modules:search):
// query box, a language filter, facets with counts that filter when
// pressed, highlighted snippets (only the server's <mark> survives), why a
// module matched, and paging. The whole state is in the URL.
import * as api from '../api.js';
import { h, text, marked, titled, depth, hours, academyOf, isRtlLang, errorBox } from '../dom.js';
import { href, moduleHref } from '../routes.js';

const FACETS = ['language', 'country', 'academy', 'competency', 'depth'];
// URL parameter and request field of each facet's filter
const FILTERS = {
  language: 'languages', country: 'countries', academy: 'academies', competency: 'competencies', depth: 'depths',
};
const LANGUAGES = ['en', 'ru', 'fr', 'ar', 'fa', 'ps', 'ur', 'bn', 'kk', 'ky', 'tg', 'tk', 'uz', 'de', 'es', 'tr'];
const PAGE_SIZE = 10;

// tokens remembers the page tokens met, by query, so that "page=3" links
// made in this tab work; a link to a page without its token starts over.
const tokens = new Map();

function list(v) {
  return v ? v.split(',').filter(Boolean) : [];
}

export async function render(r, ctx) {
  const p = r.params;
  const q = p.q || '';
  const state = Object.fromEntries(FACETS.map((f) => [f, list(p[f])]));
  const key = JSON.stringify([q, state]);
  let page = Math.max(1, Number(p.page) || 1);
  let pageToken = '';
  if (page > 1) {
    pageToken = (tokens.get(key) || [])[page] || '';
    if (!pageToken) page = 1;
  }
  const req = { query: q, facets: FACETS, page_size: PAGE_SIZE, page_token: pageToken };
  for (const f of FACETS) req[FILTERS[f]] = state[f];
  // A failed search still shows the form, with the error under it.
  let failure = null;
  const [resp, acs] = await Promise.all([
    api.get('modules:search', req).catch((e) => {
      if (e instanceof api.AuthError) throw e;
      failure = e;
      return {};
    }),
    api.academies()]);
  if (resp.nextPageToken) {
    if (!tokens.has(key)) tokens.set(key, []);
    tokens.get(key)[page + 1] = resp.nextPageToken;
  }
  const acName = new Map(acs.map((a) => [a.name.split('/').pop(), a]));
  // titles of the competencies the page names
  const compNames = new Set([...(resp.matchedCompetencies || []), ...state.competency]);
  for (const hit of resp.hits || []) for (const c of hit.matchedCompetencies || []) compNames.add(c);
  for (const f of resp.facets || []) if (f.facet === 'competency') for (const v of f.values || []) compNames.add(v.value);
  const comps = await competencyLabels([...compNames]);
  const compLabel = (n) => {
    const c = comps.get(n);
    return c ? [h('span', { class: 'code' }, c.code), ' ', titled(c, ctx.lang)] : [n.split('/').pop()];
  };

  const go = (changes) => {
    const next = { q, ...Object.fromEntries(FACETS.map((f) => [f, state[f].join(',')])), ...changes };
    location.hash = href('search', next);
  };

  const input = h('input', { type: 'search', id: 'search-q', name: 'q', value: q, placeholder: 'document fraud, азил, اسناد …', 'aria-describedby': 'search-help' });
  const langSelect = h('select', { id: 'search-lang', name: 'language' },
    h('option', { value: '' }, 'Any language'),
    [...new Set([...LANGUAGES, ...state.language])].map((l) => h('option', { value: l, selected: state.language.length === 1 && state.language[0] === l }, l)));
  const form = h('form', {
    class: 'search-form', role: 'search', id: 'search-form', onsubmit: (e) => {
      e.preventDefault();
      go({ q: input.value.trim(), language: langSelect.value, page: '' });
    },
  },
  h('label', { for: 'search-q', class: 'visually-hidden' }, 'Search modules'), input,
  h('label', { for: 'search-lang' }, 'Language'), langSelect,
  h('button', { type: 'submit' }, 'Search'));

  const valueLabel = (facet, v) => {
    switch (facet) {
      case 'academy': { const a = acName.get(v); return a ? [a.country + ' · ', text(a.displayName, (a.languages || [])[0])] : [v]; }
      case 'competency': return compLabel(v);
      case 'depth': return [`${depth(v).symbol} ${depth(v).label}`];
      default: return [v];
    }
  };
  const facetBlocks = (resp.facets || []).filter((f) => (f.values || []).length).map((f) => h('div', { class: 'facet', 'data-facet': f.facet },
    h('h3', { id: 'facet-' + f.facet }, f.facet),
    h('ul', { 'aria-labelledby': 'facet-' + f.facet }, (f.values || []).map((v) => {
      const on = state[f.facet] && state[f.facet].includes(v.value);
      return h('li', {}, h('button', {
        type: 'button', class: 'facet-value', 'aria-pressed': String(!!on), 'data-value': v.value,
        onclick: () => {
          const cur = new Set(state[f.facet]);
          if (on) cur.delete(v.value); else cur.add(v.value);
          go({ [f.facet]: [...cur].join(','), page: '' });
        },
      }, h('span', {}, valueLabel(f.facet, v.value)), h('span', { class: 'count', 'aria-label': `${v.count} modules` }, String(v.count))));
    })),
    f.other ? h('p', { class: 'hint' }, `${f.other} more in other values`) : null));

  const active = FACETS.flatMap((f) => state[f].map((v) => h('button', {
    type: 'button', class: 'chip', 'aria-label': `Remove filter ${f} ${v}`,
    onclick: () => go({ [f]: state[f].filter((x) => x !== v).join(','), page: '' }),
  }, `${f}: `, valueLabel(f, v), ' ✕')));

  const hits = (resp.hits || []).map((hit) => {
    const m = hit.module || {};
    const a = acName.get(academyOf(m.name));
    const rtl = isRtlLang(m.language);
    return h('li', { class: 'hit' },
      h('h3', {}, h('a', { href: moduleHref(m.name) }, h('span', { class: 'code' }, m.code), ' ', text(m.title, m.language))),
      h('p', { class: 'meta' }, a ? [a.country, ' · ', text(a.displayName, (a.languages || [])[0])] : academyOf(m.name),
        ` · ${m.language || '?'} · ${hours(m.hours)}`, m.restricted ? ' · restricted' : ''),
      (hit.highlights || []).map((hl) => (hl.fragments || []).map((fr) => h('p', { class: 'snippet' },
        h('span', { class: 'field' }, hl.field + ': '),
        h('span', { lang: m.language || false, dir: rtl ? 'rtl' : 'auto' }, marked(fr))))),
      h('p', { class: 'why' }, h('strong', {}, 'Why: '),
        hit.matchedText ? 'its own text matches the query' : null,
        hit.matchedText && (hit.matchedCompetencies || []).length ? '; ' : null,
        (hit.matchedCompetencies || []).length ? ['aligned to ', joinNodes((hit.matchedCompetencies || []).map(compLabel))] : null,
        !hit.matchedText && !(hit.matchedCompetencies || []).length ? 'it passes the filters' : null));
  });

  const total = resp.totalSize || 0;
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    page > 1 ? h('a', { href: href('search', { ...p, page: String(page - 1) }), id: 'prev-page' }, '← Previous') : null,
    h('span', {}, `Page ${page} of ${Math.max(1, Math.ceil(total / PAGE_SIZE))}`),
    resp.nextPageToken ? h('a', { href: href('search', { ...p, page: String(page + 1) }), id: 'next-page', rel: 'next' }, 'Next →') : null);

  return h('div', { class: 'view search' },
    h('h1', {}, 'Search modules'),
    form,
    h('p', { id: 'search-help', class: 'hint' }, 'Words, "phrases", prefix*, +must, -not. Modules in other languages are found through the competencies they are aligned to.'),
    (resp.matchedCompetencies || []).length ? h('p', { id: 'matched-competencies' }, 'The query matched the competencies ', joinNodes(resp.matchedCompetencies.slice(0, 6).map(compLabel)), '.') : null,
    active.length ? h('div', { class: 'chips', 'aria-label': 'Active filters' }, active) : null,
    failure ? errorBox(new Error('The search failed: ' + failure.message)) : null,
    h('div', { class: 'search-layout' },
      h('aside', { class: 'facets', 'aria-label': 'Facets' }, facetBlocks),
      h('div', {},
        h('p', { id: 'search-total', role: 'status', 'data-total': total }, `${total} module${total === 1 ? '' : 's'} found`),
        h('ol', { class: 'hits', id: 'hits' }, hits),
        pager)));
}

function joinNodes(items) {
  const out = [];
  items.forEach((x, i) => { if (i) out.push(', '); out.push(x); });
  return out;
}

// competencyLabels fetches the frameworks of the given competency names.
async function competencyLabels(names) {
  const frameworks = new Set(names.map((n) => n.split('/').slice(0, 2).join('/')).filter((f) => f.startsWith('frameworks/')));
  const out = new Map();
  for (const f of frameworks) {
    try {
      for (const [n, c] of await api.competencies(f)) out.set(n, c);
    } catch (e) {
      if (e instanceof api.AuthError) throw e;
    }
  }
  return out;
}
