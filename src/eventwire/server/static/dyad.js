"use strict";
(() => {
  const info = EW.data("dyad-data");
  const box = document.getElementById("dyad-chart");
  if (!info || !box) return;
  const series = info.series;

  function cell(tr, content, cls) {
    const td = document.createElement("td"); if (cls) td.className = cls;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content == null ? "" : String(content);
    tr.appendChild(td); return td;
  }
  function link(href, label, cls) { const a = document.createElement("a"); a.href = href; a.textContent = label; if (cls) a.className = cls; return a; }

  async function showPeriod(d) {
    const p = new URLSearchParams({ dyad: `${info.a},${info.b}`, directed: String(info.directed),
                                    start: d.first_date, end: d.last_date, limit: "200" });
    const res = await fetch(`/api/events?${p}`);
    if (!res.ok) return;
    const page = await res.json();
    document.getElementById("events-heading").textContent = `Event mentions in ${d.period} (${page.total})`;
    const tbody = document.querySelector("#dyad-events tbody");
    tbody.textContent = "";
    for (const e of page.items) {
      const tr = document.createElement("tr"); tr.className = "event-row"; tr.dataset.eventId = e.event_id;
      cell(tr, e.date, "date"); cell(tr, e.source_code || "—"); cell(tr, e.target_code || "—");
      cell(tr, link(`/events/${encodeURIComponent(e.event_id)}`, e.cameo, "event-link"));
      cell(tr, e.plover || "");
      const badge = document.createElement("span"); badge.className = `quad q${e.quad_class}`; badge.textContent = EW.QUAD_NAMES[e.quad_class] || "?";
      cell(tr, badge); cell(tr, e.goldstein == null ? "" : e.goldstein.toFixed(1), "num");
      cell(tr, (e.evidence || "").slice(0, 180), "evidence");
      cell(tr, link(`/documents/${encodeURIComponent(e.doc_id)}#ev-${encodeURIComponent(e.event_id)}`, (e.doc_title || e.doc_id).slice(0, 40), "doc-link"));
      tbody.appendChild(tr);
    }
    document.querySelectorAll("#dyad-series tr").forEach(tr => tr.classList.toggle("highlight", tr.dataset.period === d.period));
  }

  const chart = EW.quadBars(box, series, { diverging: true, by: info.by, onClick: (d, g) => {
    box.querySelectorAll(".selected").forEach(n => n.classList.remove("selected"));
    g.querySelectorAll("rect").forEach(r => r.classList.add("selected"));
    showPeriod(d);
  }});
  // Goldstein line on a right-hand axis, -10..+10
  const { svg, L, R, T, B, W, H, bw } = chart;
  const gy = g => T + (H - T - B) * (10 - g) / 20;
  EW.text(svg, W - R + 6, gy(10) + 4, "+10"); EW.text(svg, W - R + 6, gy(0) + 4, "0"); EW.text(svg, W - R + 6, gy(-10) + 4, "−10");
  const pts = series.map((d, i) => [L + i * bw + bw / 2, d.goldstein_mean == null ? null : gy(d.goldstein_mean)]);
  const line = pts.filter(p => p[1] !== null);
  EW.el("polyline", { points: line.map(p => p.join(",")).join(" "), fill: "none", stroke: "#222", "stroke-width": 2 }, svg);
  pts.forEach((p, i) => {
    if (p[1] === null) return;
    const c = EW.el("circle", { cx: p[0], cy: p[1], r: 5, fill: EW.toneColor(series[i].goldstein_mean), stroke: "#222", class: "hit point", "data-period": series[i].period }, svg);
    EW.title(c, `${series[i].period}: mean Goldstein ${series[i].goldstein_mean}, index ${series[i].coop_conflict}, ${series[i].events} events`);
    c.addEventListener("click", () => showPeriod(series[i]));
  });
  EW.quadLegend(box);
  EW.legend(box, [["mean Goldstein (right axis)", "#222"]]);
  document.querySelectorAll(".period-link").forEach(a => a.addEventListener("click", ev => {
    ev.preventDefault();
    const d = series.find(s => s.period === a.closest("tr").dataset.period);
    if (d) showPeriod(d);
  }));
})();
