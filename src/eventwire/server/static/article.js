"use strict";
(() => {
  document.querySelectorAll("#layers input[data-layer]").forEach(box => {
    box.addEventListener("change", () => document.body.classList.toggle(`hide-${box.dataset.layer}`, !box.checked));
  });
  function focus(eventId) {
    document.querySelectorAll(".focus").forEach(n => n.classList.remove("focus"));
    document.querySelectorAll(".doc-text .trigger").forEach(n => {
      if ((n.dataset.events || "").split(" ").includes(eventId)) n.classList.add("focus");
    });
    const side = document.getElementById(`side-${eventId}`);
    if (side) side.classList.add("focus");
  }
  document.querySelectorAll(".doc-text .trigger").forEach(n => n.addEventListener("click", () => {
    const ids = (n.dataset.events || "").split(" ").filter(Boolean);
    if (ids.length) { focus(ids[0]); const side = document.getElementById(`side-${ids[0]}`); if (side) side.scrollIntoView({ block: "nearest" }); }
  }));
  document.querySelectorAll(".evidence-link").forEach(a => a.addEventListener("click", () => focus(a.closest("li").dataset.eventId)));
  if (location.hash.startsWith("#ev-")) focus(decodeURIComponent(location.hash.slice(4)));
})();
