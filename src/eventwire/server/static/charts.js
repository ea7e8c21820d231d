/* eventwire: tiny SVG helpers shared by the pages (no external libraries). */
"use strict";
const EW = (() => {
  const NS = "http://www.w3.org/2000/svg";
  const QUAD = { 1: "#6baed6", 2: "#2171b5", 3: "#fd8d3c", 4: "#d7301f" };
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  function svg(container, width, height) {
    container.textContent = "";
    return el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" }, container);
  }
  function text(parent, x, y, s, attrs) {
    const t = el("text", Object.assign({ x, y }, attrs || {}), parent);
    t.textContent = s;
    return t;
  }
  function title(node, s) { el("title", {}, node).textContent = s; return node; }
  /* Goldstein -10 (red) .. +10 (blue) */
  function toneColor(g) {
    if (g === null || g === undefined || Number.isNaN(g)) return "#999";
    const t = Math.max(-1, Math.min(1, g / 10));
    const grey = [150, 150, 150], red = [215, 48, 31], blue = [33, 113, 181];
    const end = t < 0 ? red : blue, k = Math.abs(t);
    const c = grey.map((v, i) => Math.round(v + (end[i] - v) * k));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }
  function data(id) { const node = document.getElementById(id); return node ? JSON.parse(node.textContent) : null; }
  function legend(container, items) {
    const div = document.createElement("div"); div.className = "legend";
    for (const [label, color] of items) {
      const s = document.createElement("span"); const i = document.createElement("i");
      i.style.background = color; s.appendChild(i); s.appendChild(document.createTextNode(label)); div.appendChild(s);
    }
    container.appendChild(div);
  }
  /* Stacked bars per period: series = [{period, q1_verbal_coop..q4_material_conflict}], up = cooperation, down = conflict. */
  const QUAD_KEYS = { 1: "q1_verbal_coop", 2: "q2_material_coop", 3: "q3_verbal_conflict", 4: "q4_material_conflict" };
  const qv = (d, q) => d[QUAD_KEYS[q]] || 0;
  function quadBars(container, series, opts) {
    const W = 1000, H = 300, L = 48, R = 48, T = 14, B = 36;
    const s = svg(container, W, H);
    if (!series.length) { text(s, W / 2, H / 2, "no dated events", { "text-anchor": "middle" }); return s; }
    const maxUp = Math.max(1, ...series.map(d => qv(d, 1) + qv(d, 2)));
    const maxDown = Math.max(opts && opts.diverging ? 1 : 0, ...series.map(d => qv(d, 3) + qv(d, 4)));
    const diverging = !!(opts && opts.diverging);
    const total = diverging ? maxUp + maxDown : Math.max(1, ...series.map(d => qv(d, 1) + qv(d, 2) + qv(d, 3) + qv(d, 4)));
    const y0 = diverging ? T + (H - T - B) * maxUp / total : H - B;
    const k = (H - T - B) / total;
    const bw = (W - L - R) / series.length;
    el("line", { x1: L, x2: W - R, y1: y0, y2: y0, class: "axis" }, s);
    text(s, L - 6, T + 8, diverging ? String(maxUp) : String(total), { "text-anchor": "end" });
    if (diverging) text(s, L - 6, H - B, "-" + maxDown, { "text-anchor": "end" });
    const step = Math.ceil(series.length / 12);
    series.forEach((d, i) => {
      const x = L + i * bw, g = el("g", { class: "hit", "data-period": d.period }, s);
      let up = y0, down = y0;
      const parts = diverging ? [[1, -1], [2, -1], [3, 1], [4, 1]] : [[1, -1], [2, -1], [3, -1], [4, -1]];
      for (const [q, dir] of parts) {
        const v = qv(d, q); if (!v) continue;
        const h = v * k;
        const y = dir < 0 ? (up -= h) : down; if (dir > 0) down += h;
        title(el("rect", { x: x + bw * 0.1, y, width: Math.max(1, bw * 0.8), height: h, fill: QUAD[q] }, g),
              `${d.period}: ${v} ${QUAD_NAMES[q]}`);
      }
      if (i % step === 0) text(s, x + bw / 2, H - B + 14, d.period.slice(0, by_len(opts)), { "text-anchor": "middle" });
      if (opts && opts.onClick) g.addEventListener("click", () => opts.onClick(d, g));
    });
    return { svg: s, L, R, T, B, W, H, bw };
  }
  function by_len(opts) { const by = (opts && opts.by) || "month"; return by === "year" ? 4 : by === "month" ? 7 : 10; }
  function quadLegend(container) { legend(container, [1, 2, 3, 4].map(q => [QUAD_NAMES[q], QUAD[q]])); }
  return { el, svg, text, title, toneColor, data, legend, quadBars, quadLegend, QUAD, QUAD_NAMES };
})();
