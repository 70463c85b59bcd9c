// A member's gaps against the programme's targets (ListGaps), filtered by
// member and kind, with target and actual depth and hours side by side.
import * as api from '../api.js';
import { h, titled, depth, hours, pct } from '../dom.js';
import { programmeHref } from '../routes.js';
import { programmePicker, memberLabels, memberCell, section } from './common.js';

const KINDS = {
  MISSING: 'Missing',
  BELOW_DEPTH: 'Below depth',
  BELOW_HOURS: 'Below hours',
};

export async function render(r, ctx) {
  const prog = await api.get(r.programme);
  // The API takes a curriculum name or an academy ID; the picker shows
  // the member it stands for.
  let member = r.params.member || '';
  if (member && member.split('/').length < 4) {
    const id = member.replace(/^academies\//, '');
    member = (prog.members || []).find((m) => m.split('/')[1] === id) || member;
  }
  const kind = KINDS[r.params.kind] ? r.params.kind : '';
  const [resp, labels, picker] = await Promise.all([
    api.get(r.programme + ':gaps', { member, kind }),
    memberLabels(prog.members || []),
    programmePicker(r.programme, 'gaps'),
  ]);

  const memberSelect = h('select', { id: 'gaps-member', name: 'member' },
    h('option', { value: '' }, 'All members'),
    (prog.members || []).map((m) => h('option', { value: m, selected: m === member }, labels.get(m).short)));
  const kindSelect = h('select', { id: 'gaps-kind', name: 'kind' },
    h('option', { value: '' }, 'Every kind'),
    Object.entries(KINDS).map(([k, v]) => h('option', { value: k, selected: k === kind }, v)));
  const filters = h('form', {
    class: 'filters', id: 'gaps-filters', onsubmit: (e) => {
      e.preventDefault();
      location.hash = programmeHref(r.programme, 'gaps', { member: memberSelect.value, kind: kindSelect.value });
    },
  }, h('label', { for: 'gaps-member' }, 'Member'), memberSelect,
  h('label', { for: 'gaps-kind' }, 'Kind'), kindSelect,
  h('button', { type: 'submit' }, 'Filter'));

  const blocks = (resp.members || []).map((m) => {
    const l = labels.get(m.member) || { short: m.member, title: '', name: m.member };
    const gc = m.gapCounts || {};
    const id = 'gaps-' + l.short.replace(/\W+/g, '-');
    return h('section', { class: 'member-gaps', 'aria-labelledby': id, 'data-member': m.member },
      h('h2', { id }, memberCell(l)),
      h('p', {}, `Index ${pct(m.index)} · ${m.met || 0} of ${m.required || 0} required competencies met · `,
        `${gc.total || 0} gaps in all: ${gc.missing || 0} missing, ${gc.belowDepth || 0} below depth, ${gc.belowHours || 0} below hours.`),
      (m.gaps || []).length === 0 ? h('p', { class: 'hint' }, 'No gap of this kind.') :
        h('div', { class: 'table-wrap' }, h('table', { class: 'data gaps-table' },
          h('caption', { class: 'visually-hidden' }, `Gaps of ${l.short}`),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, 'Competency'), h('th', { scope: 'col' }, 'Gap'),
            h('th', { scope: 'col' }, 'Target depth'), h('th', { scope: 'col' }, 'Actual depth'),
            h('th', { scope: 'col', class: 'num' }, 'Target hours'), h('th', { scope: 'col', class: 'num' }, 'Actual hours'))),
          h('tbody', {}, m.gaps.map((g) => h('tr', { 'data-kind': g.kind },
            h('th', { scope: 'row' }, h('span', { class: 'code' }, g.competency.code), ' ', titled(g.competency, ctx.lang)),
            h('td', {}, KINDS[g.kind] || g.kind),
            h('td', {}, depthText(g.targetDepth)),
            h('td', { class: g.kind === 'MISSING' || g.kind === 'BELOW_DEPTH' ? 'warn' : '' }, depthText(g.actualDepth)),
            h('td', { class: 'num' }, hours(g.targetHours)),
            h('td', { class: 'num' + (g.kind !== 'BELOW_DEPTH' ? ' warn' : '') }, hours(g.actualHours)))))))
    );
  });

  return h('div', { class: 'view gaps' },
    h('h1', {}, 'Gaps', member ? ` of ${labels.get(member)?.short || member}` : ''),
    picker,
    filters,
    h('p', { id: 'gaps-total' }, `${resp.totalSize || 0} gaps listed.`),
    blocks.length ? blocks : section('nogaps', 'No member', h('p', {}, 'No member matches.')));
}

function depthText(d) {
  const x = depth(d);
  return `${x.symbol} ${x.label}`;
}
