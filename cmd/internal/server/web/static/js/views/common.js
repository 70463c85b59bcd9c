// Pieces shared by the views: the programme picker and member labels.
import * as api from '../api.js';
import { h, text, academyOf, lastSegment } from '../dom.js';
import { programmeHref } from '../routes.js';

// programmePicker is a small form that opens the same view of another
// programme (a submit button, so that arrowing through the options does
// not navigate).
export async function programmePicker(current, view) {
  const ps = await api.programmes();
  const select = h('select', { id: 'programme-picker', name: 'programme' },
    ps.map((p) => h('option', { value: p.name, selected: p.name === current, dir: 'auto' }, p.title || p.name)));
  return h('form', {
    class: 'picker', onsubmit: (e) => {
      e.preventDefault();
      location.hash = programmeHref(select.value, view === 'overview' ? '' : view);
    },
  }, h('label', { for: 'programme-picker' }, 'Programme'), select, h('button', { type: 'submit' }, 'Show'));
}

// memberLabels maps member curriculum names to {short, long, lang}: short
// is the academy's country and the curriculum ID ("KZ basic-2024"), long
// the academy's name and the curriculum's title.
export async function memberLabels(names) {
  const [acs, cus] = await Promise.all([api.academies(), api.curricula()]);
  const acByName = new Map(acs.map((a) => [a.name, a]));
  const cuByName = new Map(cus.map((c) => [c.name, c]));
  const out = new Map();
  for (const n of names) {
    const ac = acByName.get('academies/' + academyOf(n));
    const cu = cuByName.get(n);
    out.set(n, {
      name: n,
      country: ac ? ac.country : '',
      short: (ac ? ac.country + ' ' : '') + lastSegment(n),
      academy: ac ? ac.displayName : academyOf(n),
      academyLang: ac && ac.languages ? ac.languages[0] : '',
      title: cu ? cu.title : lastSegment(n),
      lang: cu ? cu.language : '',
    });
  }
  return out;
}

// memberCell renders a member's short label with its full names.
export function memberCell(label) {
  return h('span', { class: 'member' },
    h('strong', {}, label.short),
    text(label.title, label.lang, 'span', { class: 'sub' }));
}

export function section(id, title, ...children) {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}
