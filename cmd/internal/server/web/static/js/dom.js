// DOM helpers. Text always goes in as text nodes (never innerHTML), except
// search highlights, which pass through marked() and keep only <mark>.

// h builds an element: h('a', {href: '#/'}, 'text', child, …). Attributes
// with value false, null or undefined are left out; true sets an empty one.
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const svg = (tag, attrs, ...children) => h('svg:' + tag, attrs, ...children);

// RTL scripts: Arabic (also Persian, Pashto, Urdu), Hebrew, Syriac, Thaana.
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const RTL_LANGS = new Set(['ar', 'fa', 'ps', 'ur', 'he', 'dv', 'ckb', 'ug', 'yi']);

export function isRtlLang(lang) {
  return RTL_LANGS.has(String(lang || '').split('-')[0].toLowerCase());
}

// text wraps a string of another language in a span with its lang and
// direction: rtl for right-to-left languages, otherwise auto when the text
// holds right-to-left letters.
export function text(value, lang, tag = 'span', attrs = {}) {
  const s = value == null ? '' : String(value);
  let dir = 'auto';
  if (lang && isRtlLang(lang)) dir = 'rtl';
  else if (lang && !RTL.test(s)) dir = 'ltr';
  return h(tag, { ...attrs, lang: lang || false, dir }, s);
}

// pick returns [text, lang] from a map of texts by language: the wanted
// language, then English, then any.
export function pick(map, lang) {
  if (!map) return ['', ''];
  for (const l of [lang, 'en']) if (map[l]) return [map[l], l];
  const [l, v] = Object.entries(map)[0] || ['', ''];
  return [v, l];
}

// titled renders a competency label's title in the UI language.
export function titled(label, lang, tag = 'span', attrs = {}) {
  const [t, l] = pick(label && label.title, lang);
  return text(t || (label && label.code) || '', l, tag, attrs);
}

// marked turns a server fragment into nodes: the text is escaped and only
// <mark> and </mark> survive as elements; every other tag stays literal
// text. Unbalanced marks are closed.
export function marked(fragment) {
  const out = document.createDocumentFragment();
  let mark = null;
  for (const part of String(fragment).split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) {
      if (!mark) { mark = document.createElement('mark'); out.append(mark); }
    } else if (/^<\/mark>$/i.test(part)) {
      mark = null;
    } else if (part) {
      (mark || out).append(document.createTextNode(decodeEntities(part)));
    }
  }
  return out;
}

// decodeEntities undoes the HTML escaping a highlighter may apply to the
// text between marks (the result is inserted as text, never parsed).
function decodeEntities(s) {
  return s.replace(/&(lt|gt|amp|quot|#39|#34);/g, (_, e) =>
    ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#34': '"' })[e]);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function announce(message) {
  const s = document.getElementById('status');
  if (s) s.textContent = message;
}

export const DEPTHS = {
  DEPTH_UNSPECIFIED: { symbol: '–', label: 'not taught', step: 0 },
  INTRODUCED: { symbol: 'I', label: 'Introduced', step: 1 },
  REINFORCED: { symbol: 'R', label: 'Reinforced', step: 2 },
  MASTERED: { symbol: 'M', label: 'Mastered', step: 3 },
};

export function depth(d) {
  return DEPTHS[d] || DEPTHS.DEPTH_UNSPECIFIED;
}

export function hours(x) {
  const n = Number(x || 0);
  return (Math.round(n * 10) / 10).toLocaleString('en') + '\u00a0h';
}

export function pct(x) {
  return (Math.round(Number(x || 0) * 10) / 10).toFixed(1);
}

// lastSegment returns the ID at the end of a resource name.
export function lastSegment(name) {
  return String(name || '').split('/').pop();
}

// academyOf returns the academy ID of a curriculum or module name.
export function academyOf(name) {
  return String(name || '').split('/')[1] || '';
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Error: '), err.message || String(err));
}
