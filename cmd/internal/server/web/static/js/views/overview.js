// Programme overview: the harmonisation index per member and the coverage
// heatmap (competency × member, coloured by depth).
//
// Rows of the heatmap: every row of the coverage API, in its order — areas
// (non-leaf competencies) as aggregate rows that fold and unfold their
// subtree, and leaf competencies beneath them. So the table has exactly one
// cell per (coverage row × member): leaves × members leaf cells and
// areas × members area cells. A folded area hides its descendants' rows
// (they stay in the DOM, hidden).
import * as api from '../api.js';
import { h, text, titled, pick, depth, hours, pct, lastSegment } from '../dom.js';
import { programmeHref, moduleHref } from '../routes.js';
import { programmePicker, memberLabels, memberCell, section } from './common.js';

// folded holds the names of the folded areas, per programme, for the
// session (so that coming back keeps them).
const folded = new Map();

export async function render(r, ctx) {
  const [prog, cov] = await Promise.all([api.get(r.programme), api.get(r.programme + ':coverage')]);
  const labels = await memberLabels(cov.members.map((m) => m.member));
  const picker = await programmePicker(r.programme, 'overview');
  const idx = cov.index || {};
  return h('div', { class: 'view overview' },
    h('h1', { dir: 'auto' }, prog.title || prog.name),
    picker,
    prog.description ? h('details', { class: 'lede' }, h('summary', {}, 'About this programme'), h('p', { dir: 'auto' }, prog.description)) : null,
    h('p', { class: 'summary' },
      'Programme index ', h('strong', { id: 'programme-index' }, pct(idx.index)),
      ` (min ${pct(idx.min)}, max ${pct(idx.max)}, standard deviation ${pct(idx.stdDev)}) over ${idx.members || 0} members, framework `,
      h('code', {}, cov.framework), '.'),
    indexTable(r.programme, cov, labels),
    heatmap(r.programme, cov, labels, ctx),
  );
}

function indexTable(programme, cov, labels) {
  const rows = cov.members.map((m) => {
    const l = labels.get(m.member);
    const gc = m.gapCounts || {};
    const fill = h('span', { class: 'fill' });
    fill.style.width = Math.max(0, Math.min(100, m.index || 0)) + '%';
    return h('tr', {},
      h('th', { scope: 'row', title: l.academy }, memberCell(l)),
      h('td', { class: 'num' }, h('span', { class: 'bar', 'aria-hidden': 'true' }, fill), ' ', pct(m.index)),
      h('td', { class: 'num' }, `${m.met || 0} / ${m.required || 0}`),
      h('td', { class: 'num' }, gc.missing || 0),
      h('td', { class: 'num' }, gc.belowDepth || 0),
      h('td', { class: 'num' }, gc.belowHours || 0),
      h('td', {}, h('a', { href: programmeHref(programme, 'gaps', { member: m.member }) }, 'Gaps', h('span', { class: 'visually-hidden' }, ` of ${l.short}`))),
    );
  });
  return section('index-title', 'Harmonisation index per member',
    h('div', { class: 'table-wrap' },
      h('table', { id: 'index-table', class: 'data' },
        h('caption', {}, 'Index 0–100: the share of the required competencies a member meets, weighted as in the README.'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Member'), h('th', { scope: 'col' }, 'Index'), h('th', { scope: 'col' }, 'Met / required'),
          h('th', { scope: 'col' }, 'Missing'), h('th', { scope: 'col' }, 'Below depth'), h('th', { scope: 'col' }, 'Below hours'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Links')))),
        h('tbody', {}, rows))));
}

function legend() {
  return h('div', { class: 'legend', id: 'legend' },
    h('span', { class: 'legend-title' }, 'Depth:'),
    ['DEPTH_UNSPECIFIED', 'INTRODUCED', 'REINFORCED', 'MASTERED'].map((d) =>
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch d-' + d, 'aria-hidden': 'true' }, depth(d).symbol),
        ` ${depth(d).symbol} = ${depth(d).label}`)),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch short', 'aria-hidden': 'true' }, 'R'), ' corner mark = below the target'),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch area-swatch', 'aria-hidden': 'true' }, 'M'), ' framed = an area (its subtree)'),
  );
}

// below reports whether a cell falls short of its row's target.
function below(cell, target) {
  if (!target) return false;
  return depth(cell.depth).step < depth(target.minDepth).step || (cell.hours || 0) < (target.minHours || 0);
}

function heatmap(programme, cov, labels, ctx) {
  const fold = folded.get(programme) || new Set();
  folded.set(programme, fold);
  const members = cov.members.map((m) => labels.get(m.member));
  const byName = new Map(cov.rows.map((row) => [row.competency.name, row]));
  // ancestors of a row, nearest first
  const ancestors = (row) => {
    const out = [];
    for (let p = row.parent; p && byName.has(p) && out.length < 32; p = byName.get(p).parent) out.push(p);
    return out;
  };
  const tooltip = h('div', { id: 'cell-tooltip', class: 'tooltip', role: 'tooltip', hidden: true });
  const detail = h('div', { id: 'cell-detail', class: 'cell-detail', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Hover over a cell or move to it with the arrow keys to see its hours and modules; press Enter to keep them here.'));

  const head = h('tr', {},
    h('th', { scope: 'col', class: 'corner' }, 'Competency'),
    h('th', { scope: 'col', class: 'target-col' }, 'Target'),
    members.map((l, i) => h('th', { scope: 'col', class: 'member-col', 'data-member': i, title: `${l.academy} — ${l.title}` },
      h('span', { class: 'country' }, l.country || '?'), h('span', { class: 'cid' }, lastSegment(l.name)))));

  const bodyRows = [];
  let first = true;
  for (const row of cov.rows) {
    const c = row.competency;
    const isArea = !row.leaf;
    const t = row.target;
    const header = isArea
      ? h('th', { scope: 'row', class: 'area-head' },
        h('button', {
          type: 'button', class: 'fold', 'aria-expanded': String(!fold.has(c.name)), 'data-area': c.name,
          onclick: (e) => toggle(e.currentTarget, c.name),
        }, h('span', { class: 'chev', 'aria-hidden': 'true' }), h('span', { class: 'code' }, c.code), ' ', titled(c, ctx.lang)))
      : h('th', { scope: 'row', class: 'leaf-head lvl-' + Math.min(row.treeLevel || 0, 4) },
        h('span', { class: 'code' }, c.code), ' ', titled(c, ctx.lang));
    const cells = row.cells.map((cell, i) => {
      const d = depth(cell.depth);
      const short = below(cell, t);
      const [title] = pick(c.title, ctx.lang);
      const label = `${c.code} ${title}, ${members[i].short}: ${d.label}, ${hours(cell.hours)}, ` +
        `${(cell.modules || []).length} module(s)${short ? ', below the target' : ''}`;
      const td = h('td', {
        class: `cell d-${cell.depth || 'DEPTH_UNSPECIFIED'}${short ? ' short' : ''}${isArea ? ' area-cell' : ''}`,
        'data-cell': '', 'data-kind': isArea ? 'area' : 'leaf', 'data-row': c.name, 'data-member': i,
        tabindex: first ? '0' : '-1', 'aria-label': label, title: label,
      }, h('span', { 'aria-hidden': 'true' }, d.symbol));
      first = false;
      td.coverage = { row, cell, member: members[i], short };
      return td;
    });
    const tr = h('tr', {
      class: isArea ? 'area' : 'leaf', 'data-name': c.name,
      'data-ancestors': ancestors(row).join(' '),
    }, header, h('td', { class: 'target-col' }, t ? `${depth(t.minDepth).symbol} · ${hours(t.minHours)}` : ''), cells);
    bodyRows.push(tr);
  }
  const tbody = h('tbody', {}, bodyRows);
  const table = h('table', { id: 'heatmap', class: 'heatmap', role: 'grid', 'aria-describedby': 'legend heatmap-help' },
    h('caption', { class: 'visually-hidden' }, 'Coverage: competency × member, depth and hours'),
    h('thead', {}, head), tbody);

  function applyFold() {
    for (const tr of tbody.rows) {
      const anc = tr.dataset.ancestors ? tr.dataset.ancestors.split(' ') : [];
      tr.hidden = anc.some((a) => fold.has(a));
    }
  }
  function toggle(btn, name) {
    if (fold.has(name)) fold.delete(name); else fold.add(name);
    btn.setAttribute('aria-expanded', String(!fold.has(name)));
    applyFold();
  }
  function setAll(fold_) {
    fold.clear();
    if (fold_) for (const row of cov.rows) if (!row.leaf) fold.add(row.competency.name);
    for (const b of tbody.querySelectorAll('button.fold')) b.setAttribute('aria-expanded', String(!fold.has(b.dataset.area)));
    applyFold();
  }
  applyFold();

  // The tooltip: the cell's hours and modules, on hover and on focus.
  function describe(td) {
    const { row, cell, member, short } = td.coverage;
    const d = depth(cell.depth);
    const t = row.target;
    const mods = cell.modules || [];
    const list = h('ul', { class: 'mods' });
    const content = [
      h('p', { class: 'tt-head' }, h('span', { class: 'code' }, row.competency.code), ' ', titled(row.competency, ctx.lang)),
      h('p', {}, h('strong', {}, member.short), ' ', text(member.title, member.lang)),
      h('p', {}, `${d.symbol} ${d.label} · ${hours(cell.hours)}`, row.leaf ? '' : ' (area: its whole subtree)'),
      t ? h('p', { class: short ? 'warn' : '' }, `Target: ${depth(t.minDepth).label}, ${hours(t.minHours)}${short ? ' — below the target' : ' — met'}`) : null,
      h('p', {}, mods.length ? `${mods.length} contributing module(s):` : 'No module.'),
      list,
    ];
    api.modulesOf(member.name).then((mm) => {
      for (const n of mods.slice(0, 12)) {
        const m = mm.get(n);
        list.append(h('li', {}, h('a', { href: moduleHref(n) },
          m ? text(`${m.code} ${m.title}`, m.language) : lastSegment(n))));
      }
      if (mods.length > 12) list.append(h('li', {}, `and ${mods.length - 12} more`));
    }).catch(() => { for (const n of mods) list.append(h('li', {}, lastSegment(n))); });
    return content;
  }
  function show(td) {
    tooltip.replaceChildren(...describe(td).filter(Boolean));
    tooltip.hidden = false;
    const wrap = tooltip.parentElement.getBoundingClientRect();
    const b = td.getBoundingClientRect();
    let left = b.right - wrap.left + 8;
    if (left + 320 > wrap.width) left = Math.max(0, b.left - wrap.left - 328);
    tooltip.style.left = left + 'px';
    tooltip.style.top = (b.top - wrap.top) + 'px';
    td.setAttribute('aria-describedby', 'cell-tooltip');
  }
  function hide(td) {
    tooltip.hidden = true;
    if (td) td.removeAttribute('aria-describedby');
  }
  table.addEventListener('mouseover', (e) => { const td = e.target.closest('td[data-cell]'); if (td) show(td); });
  table.addEventListener('mouseleave', () => { if (!table.contains(document.activeElement)) hide(); });
  table.addEventListener('focusin', (e) => {
    const td = e.target.closest('td[data-cell]');
    if (!td) return;
    for (const x of tbody.querySelectorAll('td[tabindex="0"]')) if (x !== td) x.tabIndex = -1;
    td.tabIndex = 0;
    show(td);
  });
  table.addEventListener('focusout', (e) => { const td = e.target.closest('td[data-cell]'); if (td) hide(td); });
  table.addEventListener('click', (e) => { const td = e.target.closest('td[data-cell]'); if (td) { td.focus(); pin(td); } });
  function pin(td) {
    detail.replaceChildren(h('h3', {}, 'Selected cell'), ...describe(td).filter(Boolean));
  }
  table.addEventListener('keydown', (e) => {
    const td = e.target.closest('td[data-cell]');
    if (!td) return;
    if (e.key === 'Escape') { hide(td); return; }
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pin(td); return; }
    const rows = [...tbody.rows].filter((tr) => !tr.hidden);
    let ri = rows.indexOf(td.parentElement);
    let ci = Number(td.dataset.member);
    const n = members.length;
    switch (e.key) {
      case 'ArrowRight': ci = Math.min(n - 1, ci + 1); break;
      case 'ArrowLeft': ci = Math.max(0, ci - 1); break;
      case 'ArrowDown': ri = Math.min(rows.length - 1, ri + 1); break;
      case 'ArrowUp': ri = Math.max(0, ri - 1); break;
      case 'Home': ci = 0; if (e.ctrlKey) ri = 0; break;
      case 'End': ci = n - 1; if (e.ctrlKey) ri = rows.length - 1; break;
      case 'PageDown': ri = Math.min(rows.length - 1, ri + 10); break;
      case 'PageUp': ri = Math.max(0, ri - 10); break;
      default: return;
    }
    e.preventDefault();
    const next = rows[ri].querySelector(`td[data-member="${ci}"]`);
    if (next) { next.focus(); next.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
  });

  return section('coverage-title', 'Coverage heatmap',
    legend(),
    h('p', { id: 'heatmap-help', class: 'hint' },
      `${cov.rows.filter((x) => x.leaf).length} competencies in ${cov.rows.filter((x) => !x.leaf).length} areas × ${members.length} members. ` +
      'Tab into the grid, then use the arrow keys (Home, End, Page Up, Page Down) to move between cells.'),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', id: 'unfold-all', onclick: () => setAll(false) }, 'Unfold all areas'),
      h('button', { type: 'button', id: 'fold-all', onclick: () => setAll(true) }, 'Fold all areas')),
    h('div', { class: 'heatmap-box' },
      h('div', { class: 'heatmap-scroll', tabindex: '-1' }, table),
      tooltip),
    detail,
  );
}
