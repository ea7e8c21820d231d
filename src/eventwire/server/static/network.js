"use strict";
(() => {
  const graph = EW.data("network-data"), box = document.getElementById("network-chart");
  if (!graph || !box) return;
  const W = 1000, H = 640, cx = W / 2, cy = H / 2, radius = 250;
  const svg = EW.svg(box, W, H);
  if (!graph.nodes.length) { EW.text(svg, cx, cy, "no events in this period", { "text-anchor": "middle" }); return; }
  // Deterministic circular layout, busiest actors first (clockwise from the top).
  const pos = {}, n = graph.nodes.length, maxN = Math.max(...graph.nodes.map(d => d.events));
  graph.nodes.forEach((d, i) => {
    const a = -Math.PI / 2 + 2 * Math.PI * i / n;
    pos[d.id] = [cx + radius * Math.cos(a), cy + radius * Math.sin(a), a];
  });
  const maxE = Math.max(...graph.edges.map(e => e.events), 1);
  EW.el("defs", {}, svg).innerHTML = '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker>';
  const radiusOf = d => 6 + 18 * Math.sqrt(d.events / maxN);
  const nodeRadius = Object.fromEntries(graph.nodes.map(d => [d.id, radiusOf(d)]));
  for (const e of graph.edges) {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    let path;
    if (e.source === e.target) {
      path = `M${x1},${y1} c40,-60 80,20 0,0`;
    } else {  // curve slightly so that A->B and B->A do not overlap; stop at the target's rim
      const mx = (x1 + x2) / 2 + (y2 - y1) * 0.12, my = (y1 + y2) / 2 - (x2 - x1) * 0.12;
      const dx = x2 - mx, dy = y2 - my, len = Math.hypot(dx, dy) || 1, r = nodeRadius[e.target] + 3;
      path = `M${x1},${y1} Q${mx},${my} ${x2 - dx / len * r},${y2 - dy / len * r}`;
    }
    const p = EW.el("path", { d: path, fill: "none", stroke: EW.toneColor(e.goldstein_mean), "stroke-width": 1 + 9 * e.events / maxE,
                              "stroke-opacity": 0.75, "marker-end": "url(#arrow)", class: "hit edge",
                              "data-source": e.source, "data-target": e.target }, svg);
    EW.title(p, `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${e.goldstein_mean}`);
    p.addEventListener("click", () => { window.location.href = `/dyad?a=${encodeURIComponent(e.source)}&b=${encodeURIComponent(e.target)}&directed=true`; });
  }
  for (const d of graph.nodes) {
    const [x, y, a] = pos[d.id];
    const r = nodeRadius[d.id];
    const c = EW.el("circle", { cx: x, cy: y, r, fill: "#fff", stroke: "#1f5fa8", "stroke-width": 2, class: "node", "data-id": d.id }, svg);
    EW.title(c, `${d.id}: ${d.events} events`);
    const lx = x + (r + 6) * Math.cos(a), ly = y + (r + 6) * Math.sin(a) + 4;
    EW.text(svg, lx, ly, d.id, { "text-anchor": Math.cos(a) < -0.2 ? "end" : Math.cos(a) > 0.2 ? "start" : "middle", "font-weight": "600" });
  }
  EW.legend(box, [["conflict (Goldstein −10)", EW.toneColor(-10)], ["neutral", EW.toneColor(0)], ["cooperation (+10)", EW.toneColor(10)]]);
})();
