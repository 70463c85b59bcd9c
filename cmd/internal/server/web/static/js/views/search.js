import { h } from '../dom.js';
export async function render() { return h('div', {}, h('h1', {}, 'search'), h('p', {}, 'Not built yet.')); }
