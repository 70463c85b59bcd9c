// Progress across snapshots: an inline SVG line chart of each member's
// index over the programme's snapshots, the same figures as a table, and
// what changed from the oldest to the newest snapshot (GetProgress).
//
// Members are matched across snapshots as GetProgress matches them (a
// newer edition of a curriculum continues its line): one GetProgress call
// from each older snapshot to the newest.
import * as api from '../api.js';
import { h, svg, titled, pct } from '../dom.js';
import { programmePicker, memberLabels, memberCell, section } from './common.js';

// Okabe–Ito colours (without the yellow, too light on white) and marker
// shapes, so that lines differ by more than colour.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'down', 'cross', 'plus'];

export async function render(r, ctx) {
  const [snaps, picker] = await Promise.all([
    api.listAll(r.programme + '/snapshots', 'snapshots'),
    programmePicker(r.programme, 'progress'),
  ]);
  snaps.sort((a, b) => (a.snapshotTime || '').localeCompare(b.snapshotTime || '') || a.name.localeCompare(b.name));
  const head = [h('h1', {}, 'Progress across snapshots'), picker];
  if (snaps.length === 0) {
    return h('div', { class: 'view progress' }, head,
      h('p', {}, 'This programme has no snapshot yet. Create one with POST /v1/' + r.programme + '/snapshots or `concord snapshots create`.'));
  }
  const last = snaps[snaps.length - 1];
  // member (newest edition) → its curriculum in each snapshot
  const memberOf = snaps.map(() => new Map());
  for (const m of last.members || []) memberOf[snaps.length - 1].set(m.member, m.member);
  const progresses = await Promise.all(snaps.slice(0, -1).map((s) =>
    api.get(r.programme + ':progress', { from: s.name, to: last.name })));
  progresses.forEach((p, i) => {
    for (const m of p.members || []) if (m.fromCurriculum) memberOf[i].set(m.fromCurriculum, m.member);
  });
  const members = [];
  const series = new Map();
  snaps.forEach((s, i) => {
    for (const m of s.members || []) {
      const key = memberOf[i].get(m.member) || m.member;
      if (!series.has(key)) { series.set(key, new Array(snaps.length).fill(null)); members.push(key); }
      series.get(key)[i] = m.index || 0;
    }
  });
  const labels = await memberLabels(members);
  const overall = snaps.map((s) => (s.index && s.index.index) || 0);
  const full = progresses[0];

  return h('div', { class: 'view progress' }, head,
    h('p', {}, `${snaps.length} snapshot(s), from ${day(snaps[0].snapshotTime)} to ${day(last.snapshotTime)}.`,
      full ? ` Programme index ${pct(full.fromIndex)} → ${pct(full.toIndex)} (${sign(full.indexChange)}); ${full.gapsClosed || 0} gaps closed, ${full.gapsOpened || 0} opened.` : ''),
    section('chart-title', 'Index per member over the snapshots',
      chart(snaps, members, series, labels, overall),
      key(members, labels)),
    section('table-title', 'The same figures as a table', table(snaps, members, series, labels, overall)),
    full ? section('change-title', `What changed from ${day(full.fromTime)} to ${day(full.toTime)}`, changes(full, labels, ctx)) : null);
}

function day(ts) {
  return String(ts || '').slice(0, 10);
}

function sign(n) {
  const v = Math.round((n || 0) * 10) / 10;
  return (v > 0 ? '+' : v < 0 ? '−' : '±') + Math.abs(v).toFixed(1);
}

function marker(shape, x, y, colour) {
  const s = 4.5;
  const common = { fill: colour, stroke: '#fff', 'stroke-width': 1 };
  switch (shape) {
    case 'square': return svg('rect', { ...common, x: x - s, y: y - s, width: 2 * s, height: 2 * s });
    case 'triangle': return svg('polygon', { ...common, points: `${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}` });
    case 'down': return svg('polygon', { ...common, points: `${x},${y + s + 1} ${x + s + 1},${y - s} ${x - s - 1},${y - s}` });
    case 'diamond': return svg('polygon', { ...common, points: `${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}` });
    case 'cross': return svg('path', { d: `M${x - s},${y - s}L${x + s},${y + s}M${x + s},${y - s}L${x - s},${y + s}`, stroke: colour, 'stroke-width': 3 });
    case 'plus': return svg('path', { d: `M${x - s},${y}L${x + s},${y}M${x},${y - s}L${x},${y + s}`, stroke: colour, 'stroke-width': 3 });
    default: return svg('circle', { ...common, cx: x, cy: y, r: s });
  }
}

function chart(snaps, members, series, labels, overall) {
  const W = 860, H = 380, m = { l: 48, r: 150, t: 16, b: 48 };
  const times = snaps.map((s) => Date.parse(s.snapshotTime) || 0);
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const x = (i) => snaps.length === 1 ? m.l + (W - m.l - m.r) / 2
    : t1 > t0 ? m.l + (times[i] - t0) / (t1 - t0) * (W - m.l - m.r) : m.l + i / (snaps.length - 1) * (W - m.l - m.r);
  const y = (v) => m.t + (1 - v / 100) * (H - m.t - m.b);
  const parts = [
    svg('title', { id: 'chart-svg-title' }, 'Harmonisation index per member over the snapshots'),
    svg('desc', {}, 'A line per member; the table below gives the same figures.'),
  ];
  for (let v = 0; v <= 100; v += 20) {
    parts.push(svg('line', { class: 'grid', x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }),
      svg('text', { x: m.l - 8, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  }
  parts.push(svg('line', { class: 'axis', x1: m.l, x2: W - m.r, y1: y(0), y2: y(0) }));
  let lastLabelX = -Infinity;
  snaps.forEach((s, i) => {
    if (x(i) - lastLabelX < 70 && i !== snaps.length - 1) return;
    lastLabelX = x(i);
    parts.push(svg('text', { x: x(i), y: H - m.b + 18, 'text-anchor': 'middle' }, day(s.snapshotTime)));
  });
  parts.push(svg('text', { x: m.l, y: H - 8 }, 'Snapshot date'),
    svg('text', { x: 12, y: m.t + 4, transform: `rotate(-90 12 ${m.t + 4})`, 'text-anchor': 'end' }, 'Index'));
  // the programme index, dashed
  parts.push(svg('polyline', { class: 'programme-line', fill: 'none', stroke: '#555', 'stroke-width': 2, 'stroke-dasharray': '6 4',
    points: overall.map((v, i) => `${x(i)},${y(v)}`).join(' ') }));
  const ends = [];
  members.forEach((mem, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const pts = series.get(mem).map((v, i) => v === null ? null : [x(i), y(v)]).filter(Boolean);
    parts.push(svg('polyline', { class: 'series', 'data-member': mem, fill: 'none', stroke: colour, 'stroke-width': 2.5,
      points: pts.map((p) => p.join(',')).join(' ') }));
    for (const [px, py] of pts) parts.push(marker(SHAPES[k % SHAPES.length], px, py, colour));
    const lastPt = pts[pts.length - 1];
    if (lastPt) ends.push({ y: lastPt[1], x: lastPt[0], text: labels.get(mem).short, colour });
  });
  ends.push({ y: y(overall[overall.length - 1]), x: x(overall.length - 1), text: 'Programme', colour: '#555' });
  // direct labels at the lines' ends, pushed apart to stay legible
  ends.sort((a, b) => a.y - b.y);
  let prev = -Infinity;
  for (const e of ends) {
    const ly = Math.max(e.y, prev + 14);
    prev = ly;
    parts.push(svg('text', { x: e.x + 10, y: ly + 4, fill: e.colour, 'font-weight': 600 }, e.text));
  }
  return svg('svg', { class: 'chart', id: 'progress-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-svg-title' }, parts);
}

function key(members, labels) {
  return h('ul', { class: 'series-key', 'aria-label': 'Key' },
    members.map((mem, k) => h('li', {},
      svg('svg', { width: 28, height: 14, 'aria-hidden': 'true' },
        svg('line', { x1: 0, x2: 28, y1: 7, y2: 7, stroke: COLOURS[k % COLOURS.length], 'stroke-width': 2.5 }),
        marker(SHAPES[k % SHAPES.length], 14, 7, COLOURS[k % COLOURS.length])),
      ' ', memberCell(labels.get(mem)))),
    h('li', {}, svg('svg', { width: 28, height: 14, 'aria-hidden': 'true' },
      svg('line', { x1: 0, x2: 28, y1: 7, y2: 7, stroke: '#555', 'stroke-width': 2, 'stroke-dasharray': '6 4' })), ' Programme index (mean)'));
}

function table(snaps, members, series, labels, overall) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'progress-table' },
    h('caption', {}, 'Index per member (0–100) at each snapshot.'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Member'),
      snaps.map((s) => h('th', { scope: 'col', class: 'num' }, day(s.snapshotTime), h('span', { class: 'sub', dir: 'auto' }, s.title || ''))))),
    h('tbody', {},
      members.map((mem) => h('tr', { 'data-member': mem }, h('th', { scope: 'row' }, memberCell(labels.get(mem))),
        series.get(mem).map((v) => h('td', { class: 'num' }, v === null ? '—' : pct(v))))),
      h('tr', {}, h('th', { scope: 'row' }, 'Programme (mean)'), overall.map((v) => h('td', { class: 'num' }, pct(v)))))));
}

function changes(p, labels, ctx) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'progress-changes' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Member'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col', class: 'num' }, 'Index then'), h('th', { scope: 'col', class: 'num' }, 'Index now'),
      h('th', { scope: 'col', class: 'num' }, 'Change'), h('th', { scope: 'col' }, 'Gaps closed'), h('th', { scope: 'col' }, 'Gaps opened'),
      h('th', { scope: 'col', class: 'num' }, 'Still open'))),
    h('tbody', {}, (p.members || []).map((m) => h('tr', {},
      h('th', { scope: 'row' }, labels.get(m.member) ? memberCell(labels.get(m.member)) : m.member,
        m.fromCurriculum && m.fromCurriculum !== m.toCurriculum ? h('span', { class: 'sub' }, 'then: ' + m.fromCurriculum.split('/').pop()) : null),
      h('td', {}, m.status),
      h('td', { class: 'num' }, pct(m.fromIndex)), h('td', { class: 'num' }, pct(m.toIndex)),
      h('td', { class: 'num' }, sign(m.indexChange)),
      h('td', {}, gapList(m.closed, ctx)), h('td', {}, gapList(m.opened, ctx)),
      h('td', { class: 'num' }, m.stillOpen || 0))))));
}

function gapList(gaps, ctx) {
  gaps = gaps || [];
  if (!gaps.length) return '0';
  return h('details', {}, h('summary', {}, String(gaps.length)),
    h('ul', {}, gaps.map((g) => h('li', {}, h('span', { class: 'code' }, g.competency.code), ' ', titled(g.competency, ctx.lang), ` (${g.kind})`))));
}
