"use strict";
(() => {
  const places = EW.data("map-data"), box = document.getElementById("map-chart");
  if (!places || !box) return;
  const W = 1000, H = 500;  // equirectangular: x = lon, y = lat
  const px = lon => (lon + 180) / 360 * W, py = lat => (90 - lat) / 180 * H;
  const svg = EW.svg(box, W, H);
  EW.el("rect", { x: 0, y: 0, width: W, height: H, fill: "#eef4fa" }, svg);
  for (let lon = -180; lon <= 180; lon += 30) EW.el("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H, class: "grid" }, svg);
  for (let lat = -90; lat <= 90; lat += 30) EW.el("line", { x1: 0, x2: W, y1: py(lat), y2: py(lat), class: "grid" }, svg);
  EW.el("line", { x1: 0, x2: W, y1: py(0), y2: py(0), stroke: "#bbb" }, svg);
  for (let lon = -150; lon <= 150; lon += 30) EW.text(svg, px(lon) + 2, H - 4, `${lon}°`);
  for (let lat = -60; lat <= 60; lat += 30) EW.text(svg, 2, py(lat) - 2, `${lat}°`);
  const land = EW.el("path", { d: "", fill: "#d5dccf", class: "land" }, svg);
  fetch("/land.json").then(r => r.ok ? r.json() : []).then(cells => {
    const w = W / 360, h = H / 180;  // one cell = one degree, drawn as a small square
    land.setAttribute("d", cells.map(([lon, lat]) => `M${(px(lon - 0.5)).toFixed(1)},${(py(lat + 0.5)).toFixed(1)}h${w.toFixed(2)}v${h.toFixed(2)}h-${w.toFixed(2)}z`).join(""));
    box.dataset.land = String(cells.length);
  });
  const maxE = Math.max(1, ...places.map(p => p.events));
  for (const p of places) {
    const c = EW.el("circle", { cx: px(p.lon), cy: py(p.lat), r: 3 + 15 * Math.sqrt(p.events / maxE), fill: EW.toneColor(p.goldstein_mean),
                                "fill-opacity": 0.7, stroke: "#333", "stroke-width": 0.6, class: "hit place", "data-name": p.name || "" }, svg);
    EW.title(c, `${p.name || "?"} (${p.country || ""}): ${p.events} events, mean Goldstein ${p.goldstein_mean}`);
    c.addEventListener("click", () => { window.location.href = `/search?place=${encodeURIComponent(p.name || p.country || "")}`; });
  }
  box.dataset.points = String(places.length);
})();
