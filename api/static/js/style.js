/* The cytoscape stylesheet: node kinds and edge kinds from the registry, concepts in the
 * colour of their group (data(color)), labels only where labels.js put them (class lbl). */

import { app } from './app.js';
import { FONT } from './elements.js';

export function cyStyle(big) {
  const { nodeKinds, edgeKinds } = app.kinds;
  const s = [
    {
      selector: 'node',
      style: {
        width: 'data(size)', height: 'data(size)',
        'background-color': 'data(color)',
        label: '',
        'font-family': FONT,
        'font-size': 'data(fs)',
        color: '#1e293b',
        'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 3,
        'text-wrap': 'ellipsis', 'text-max-width': '220px',
        // a label box, not a text outline: an outline strokes every glyph (slow with CJK)
        'text-background-color': '#f8fafc', 'text-background-opacity': 0.78,
        'text-background-padding': '1px', 'text-background-shape': 'round-rectangle',
        'border-width': big ? 0.8 : 1.5, 'border-color': '#ffffff',
        'transition-property': 'opacity', 'transition-duration': big ? 0 : 150,
      },
    },
  ];
  for (const k of nodeKinds) {
    const st = { shape: k.shape };
    if (k.key !== 'term') st['background-color'] = k.color;
    s.push({ selector: `node[kind="${k.key}"]`, style: st });
  }
  s.push(
    { selector: 'node[kind="tag"]', style: { color: '#9a3412', 'font-weight': 600 } },
    { selector: 'node[kind="synonym"]', style: { color: '#6b21a8' } },
    // links to no note: hollow, dashed, as Obsidian draws them
    {
      selector: 'node[?ghost], node[kind="ghost"]',
      style: {
        'background-color': '#ffffff', 'background-opacity': 0.9, 'border-width': 1.5,
        'border-style': 'dashed', 'border-color': '#94a3b8', color: '#64748b',
      },
    },
    { selector: 'node.lbl', style: { label: 'data(label)', 'font-size': 'data(lfs)', 'text-max-width': 'data(lmw)' } },
    { selector: 'node.lbl.major', style: { 'font-weight': 600 } },
    {
      selector: 'edge',
      style: {
        width: 1.2, 'line-color': '#94a3b8', opacity: big ? 0.3 : 0.55,
        'curve-style': big ? 'haystack' : 'bezier',
        'target-arrow-shape': 'none', 'arrow-scale': 0.8,
      },
    },
  );
  for (const k of edgeKinds) {
    const st = { 'line-color': k.color, 'line-style': k.style, width: k.width };
    if (k.arrow && !big) Object.assign(st, { 'target-arrow-shape': 'triangle', 'target-arrow-color': k.color });
    s.push({ selector: `edge[ek="${k.key}"]`, style: st });
  }
  if (big) s.push({ selector: 'edge[ek="broader"]', style: { opacity: 0.6 } });
  s.push(
    { selector: 'edge[ek="ghost"]', style: { 'line-style': 'dashed', 'line-color': '#cbd5e1' } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.13, 'text-opacity': 0 } },
    { selector: 'node.nb', style: { 'text-opacity': 1, 'z-index': 8 } },
    { selector: 'edge.nb', style: { opacity: 1, 'z-index': 8 } },
    {
      selector: 'node.focus',
      style: {
        label: 'data(label)',
        'border-width': 3, 'border-color': '#0f172a',
        'font-size': 'data(lfs)', 'text-max-width': 'data(lmw)', 'font-weight': 700, color: '#0f172a',
        'underlay-color': '#facc15', 'underlay-opacity': 0.55, 'underlay-padding': 9, 'underlay-shape': 'ellipse',
        'z-index': 10,
      },
    },
    { selector: 'node.center', style: { 'border-width': 3, 'border-color': '#facc15' } },
    {
      selector: 'node.hover',
      style: {
        label: 'data(label)', 'font-size': 'data(lfs)', 'text-max-width': 'data(lmw)',
        'border-color': '#0f172a', 'border-width': 2, 'z-index': 9,
      },
    },
    { selector: 'node.flash', style: { 'underlay-color': '#f59e0b', 'underlay-opacity': 0.9, 'underlay-padding': 16 } },
    { selector: ':selected', style: { 'overlay-opacity': 0 } },
  );
  return s;
}
