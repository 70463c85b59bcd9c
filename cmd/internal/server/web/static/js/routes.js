// Hash routes: #/programme/{id}[/gaps|/progress], #/diff, #/search,
// #/module/{academy}/{curriculum}/{module}; the query holds a view's state.

// route parses location.hash: #/path/parts?query
export function route(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = Object.fromEntries(new URLSearchParams(query));
  let view = 'overview';
  let programme = '';
  if (parts[0] === 'programme' && parts[1]) {
    programme = 'programmes/' + parts[1];
    view = parts[2] || 'overview';
  } else if (parts[0] === 'module' && parts.length === 4) {
    view = 'module';
    params.name = `academies/${parts[1]}/curricula/${parts[2]}/modules/${parts[3]}`;
  } else if (parts[0]) {
    view = parts[0];
  }
  return { view, programme, params };
}

// href builds a hash link; params with empty values are left out.
export function href(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const qs = q.toString();
  return '#/' + path + (qs ? '?' + qs : '');
}

export function programmeHref(programme, view = '', params = {}) {
  const id = programme.replace(/^programmes\//, '');
  return href('programme/' + encodeURIComponent(id) + (view ? '/' + view : ''), params);
}

// moduleHref links a module's detail view:
// academies/{a}/curricula/{c}/modules/{m} → #/module/{a}/{c}/{m}.
export function moduleHref(name) {
  return '#/module/' + String(name).split('/').filter((_, i) => i % 2).map(encodeURIComponent).join('/');
}
