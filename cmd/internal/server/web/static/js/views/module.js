// Module detail: the module's fields in its own language and direction,
// and its alignments with the competencies' titles in the UI language.
import * as api from '../api.js';
import { h, text, titled, depth, hours, academyOf } from '../dom.js';
import { href } from '../routes.js';

export async function render(r, ctx) {
  const name = r.params.name;
  const curriculumName = name.split('/').slice(0, 4).join('/');
  const [m, cu, ac] = await Promise.all([
    api.get(name), api.get(curriculumName), api.get('academies/' + academyOf(name)),
  ]);
  const frameworks = new Set((m.alignments || []).map((a) => a.competency.split('/').slice(0, 2).join('/')));
  const comps = new Map();
  for (const f of frameworks) for (const [n, c] of await api.competencies(f)) comps.set(n, c);
  const lang = m.language || cu.language;
  const props = [
    ['Code', h('span', { class: 'code' }, m.code)],
    ['Academy', [ac.country, ' · ', text(ac.displayName, (ac.languages || [])[0])]],
    ['Curriculum', text(cu.title, cu.language)],
    ['Language', lang],
    ['Hours', hours(m.hours)],
    ['Credits', String(m.credits || 0)],
    ['Delivery', m.delivery || ''],
    ['Assessment', m.assessment ? text(m.assessment, lang) : '—'],
    ['Restricted', m.restricted ? 'yes' : 'no'],
  ];
  return h('div', { class: 'view module' },
    h('p', {}, h('a', { href: href('search') }, '← Search'), ' · ',
      h('a', { href: href('diff', { left: curriculumName }) }, 'Compare this curriculum')),
    text(m.title, lang, 'h1'),
    h('dl', { class: 'props' }, props.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    m.description ? [h('h2', {}, 'Description'), text(m.description, lang, 'p')] : null,
    (m.outcomes || []).length ? [h('h2', {}, 'Learning outcomes'), h('ul', { lang, dir: 'auto' }, m.outcomes.map((o) => text(o, lang, 'li')))] : null,
    h('h2', { id: 'alignments-title' }, `Alignments (${(m.alignments || []).length})`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'alignments', 'aria-labelledby': 'alignments-title' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Competency'), h('th', { scope: 'col' }, 'Depth'), h('th', { scope: 'col', class: 'num' }, 'Hours'))),
      h('tbody', {}, (m.alignments || []).map((a) => {
        const c = comps.get(a.competency);
        const d = depth(a.depth);
        return h('tr', {},
          h('th', { scope: 'row' }, c ? [h('span', { class: 'code' }, c.code), ' ', titled(c, ctx.lang)] : a.competency),
          h('td', {}, h('span', { class: 'swatch d-' + (a.depth || 'DEPTH_UNSPECIFIED'), 'aria-hidden': 'true' }, d.symbol), ' ', d.label),
          h('td', { class: 'num' }, a.hours ? hours(a.hours) : 'share of the rest'));
      })))));
}
