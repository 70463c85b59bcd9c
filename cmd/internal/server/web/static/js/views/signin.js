// The sign-in form, shown when the API answers 401: an API token (as
// `concord tokens create` prints it), kept in sessionStorage for this tab.
import * as api from '../api.js';
import { h } from '../dom.js';

export function render(err, done) {
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-describedby': 'token-help' });
  const form = h('form', {
    id: 'signin-form', onsubmit: (e) => {
      e.preventDefault();
      api.setToken(input.value.trim());
      done();
    },
  },
  h('label', { for: 'token' }, 'API token'),
  input,
  h('p', { id: 'token-help', class: 'hint' }, 'The token is sent as "Authorization: Bearer …" with every call and kept only in this browser tab (session storage) until you sign out or close the tab.'),
  h('button', { type: 'submit' }, 'Sign in'));
  return h('div', { class: 'view signin' },
    h('h1', {}, 'Sign in'),
    h('p', { role: 'alert', id: 'signin-message' }, err.message),
    form);
}
