// Two curricula side by side (DiffCurricula): competencies taught by one
// side only or by both (with deltas right − left), and each module's best
// counterparts on the other side.
import * as api from '../api.js';
import { h, text, titled, depth, hours, pct, academyOf } from '../dom.js';
import { href, moduleHref } from '../routes.js';
import { memberLabels, memberCell, section } from './common.js';

export async function render(r, ctx) {
  const [cus, acs, ps] = await Promise.all([api.curricula(), api.academies(), api.programmes()]);
  let left = r.params.left || '';
  let right = r.params.right || '';
  if (!left || !right) {
    const members = (ps[0] && ps[0].members) || cus.map((c) => c.name);
    left = left || members[0] || '';
    right = right || members.find((m) => m !== left) || '';
  }
  const picker = (id, label, value) => {
    const byAcademy = new Map();
    for (const c of cus) {
      const a = academyOf(c.name);
      if (!byAcademy.has(a)) byAcademy.set(a, []);
      byAcademy.get(a).push(c);
    }
    const acName = new Map(acs.map((a) => [a.name, a]));
    return [h('label', { for: id }, label), h('select', { id, name: id },
      [...byAcademy].map(([a, list]) => {
        const ac = acName.get('academies/' + a);
        return h('optgroup', { label: ac ? `${ac.country} · ${a}` : a },
          list.map((c) => h('option', { value: c.name, selected: c.name === value, dir: 'auto' }, `${ac ? ac.country + ' ' : ''}${c.name.split('/').pop()} — ${c.title}`)));
      }))];
  };
  const form = h('form', {
    class: 'filters', id: 'diff-form', onsubmit: (e) => {
      e.preventDefault();
      location.hash = href('diff', { left: form.elements.left.value, right: form.elements.right.value });
    },
  }, picker('left', 'Left', left), picker('right', 'Right', right), h('button', { type: 'submit' }, 'Compare'));

  const head = [h('h1', {}, 'Compare two curricula'), form];
  if (!left || !right) return h('div', { class: 'view diff' }, head, h('p', {}, 'Choose two curricula.'));
  const [d, labels] = await Promise.all([api.get(left + ':diff', { other: right }), memberLabels([left, right])]);
  const L = labels.get(left);
  const R = labels.get(right);

  const deltaTable = (id, title, rows) => section(id, `${title} (${rows.length})`,
    rows.length === 0 ? h('p', { class: 'hint' }, 'None.') :
      h('div', { class: 'table-wrap' }, h('table', { class: 'data diff-table', id: id + '-table' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Competency'),
          h('th', { scope: 'col' }, L.short), h('th', { scope: 'col' }, R.short),
          h('th', { scope: 'col', class: 'num' }, 'Δ depth'), h('th', { scope: 'col', class: 'num' }, 'Δ hours'))),
        h('tbody', {}, rows.map((x) => h('tr', { class: x.leaf ? 'leaf' : 'area' },
          h('th', { scope: 'row' }, h('span', { class: 'code' }, x.competency.code), ' ', titled(x.competency, ctx.lang), x.leaf ? '' : ' (area)'),
          h('td', {}, side(x.leftDepth, x.leftHours)),
          h('td', {}, side(x.rightDepth, x.rightHours)),
          h('td', { class: 'num ' + signClass(x.depthDelta) }, signed(x.depthDelta || 0, '')),
          h('td', { class: 'num ' + signClass(x.hoursDelta) }, signed(Math.round((x.hoursDelta || 0) * 10) / 10, ' h'))))))));

  const modules = (label, list) => h('div', { class: 'side' },
    h('h3', {}, memberCell(label)),
    h('ul', { class: 'counterparts' }, (list || []).map((m) => {
      const best = (m.counterparts || [])[0];
      return h('li', {},
        h('a', { href: moduleHref(m.module) }, h('span', { class: 'code' }, m.code), ' ', text(m.title, label.lang)),
        best ? h('span', { class: 'sub' }, '↔ ', h('a', { href: moduleHref(best.module) }, text(`${best.code} ${best.title}`, '')),
          ` (shared competencies ${pct(100 * (best.jaccard || 0))} %, text ${pct(100 * (best.textSimilarity || 0))} %)`)
          : h('span', { class: 'sub' }, 'no counterpart'));
    })));

  return h('div', { class: 'view diff' }, head,
    h('div', { class: 'sides', id: 'diff-sides' },
      h('div', { class: 'side' }, h('strong', {}, 'Left: '), memberCell(L), text(L.academy, L.academyLang, 'span', { class: 'sub' })),
      h('div', { class: 'side' }, h('strong', {}, 'Right: '), memberCell(R), text(R.academy, R.academyLang, 'span', { class: 'sub' }))),
    h('p', { id: 'diff-summary' }, `${(d.onlyLeft || []).length} competencies only in ${L.short}, ${(d.onlyRight || []).length} only in ${R.short}, ${(d.both || []).length} in both (areas included). Deltas are right − left.`),
    deltaTable('only-left', `Only in ${L.short}`, d.onlyLeft || []),
    deltaTable('only-right', `Only in ${R.short}`, d.onlyRight || []),
    deltaTable('both', 'In both', d.both || []),
    section('modules-title', 'Modules and their counterparts',
      h('div', { class: 'sides' }, modules(L, d.leftModules), modules(R, d.rightModules))));
}

function side(d, hrs) {
  const x = depth(d);
  return h('span', {}, h('span', { class: 'swatch d-' + (d || 'DEPTH_UNSPECIFIED'), 'aria-hidden': 'true' }, x.symbol), ` ${x.label}, ${hours(hrs)}`);
}

function signed(n, unit) {
  if (!n) return '0' + unit;
  return (n > 0 ? '+' : '−') + Math.abs(n) + unit;
}

function signClass(n) {
  return n > 0 ? 'delta-up' : n < 0 ? 'delta-down' : '';
}
