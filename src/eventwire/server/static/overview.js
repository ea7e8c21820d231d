"use strict";
(() => {
  const box = document.getElementById("quad-chart"), sel = document.getElementById("quad-by");
  async function draw() {
    const by = sel.value;
    const res = await fetch(`/api/series/quad?fill=true&by=${encodeURIComponent(by)}`);
    if (!res.ok) { box.textContent = "could not load the series"; return; }
    const series = await res.json();
    EW.quadBars(box, series, { by });
    EW.quadLegend(box);
    box.dataset.loaded = String(series.filter(d => d.events > 0).length);
  }
  sel.addEventListener("change", draw);
  draw();
})();
