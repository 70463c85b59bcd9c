import { h } from '../dom.js';
export async function render() { return h('div', {}, h('h1', {}, 'progress'), h('p', {}, 'Not built yet.')); }
