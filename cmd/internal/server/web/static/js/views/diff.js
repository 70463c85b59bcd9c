import { h } from '../dom.js';
export async function render() { return h('div', {}, h('h1', {}, 'diff'), h('p', {}, 'Not built yet.')); }
