/* Small DOM helpers: elements, highlighting, the toast, the status card. */

export const $ = (id) => document.getElementById(id);
export const fmt = (n) => Number(n).toLocaleString('en-US');

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/* text with every occurrence of a needle wrapped in <mark> (case-insensitive) */
export function highlight(text, needles) {
  const words = needles.filter((n) => n && n.length > 0).sort((a, b) => b.length - a.length);
  if (!words.length) return [text];
  const re = new RegExp('(' + words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')', 'gi');
  return text.split(re).map((part, i) => (i % 2 ? h('mark', null, part) : part));
}

let toastTimer = null;
export function toast(message) {
  const el = $('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 4500);
}

/* kind: loading | layout | ready | empty | error */
export function setStatus(kind, text, detail) {
  document.body.dataset.state = kind;
  const box = $('status');
  box.dataset.kind = kind;
  box.hidden = kind === 'ready';
  $('status-text').textContent = text || '';
  $('status-detail').textContent = detail || '';
  $('btn-retry').hidden = kind !== 'error';
}

export function nextFrame() {
  return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
}

/* yield to the browser: input and a frame are handled before the next chunk of work */
export function pause() {
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}
