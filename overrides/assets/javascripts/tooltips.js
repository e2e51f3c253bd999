/* Trait definitions on hover and keyboard focus (pages whose trait links carry a definition load
   this file: macros/links.py names it among the page's scripts).

   The definition is in the link's aria-description, so screen readers announce it with or
   without this script. This script only draws it for sighted readers: one tooltip element, made
   on first use, and four listeners on the document. Nothing runs per link when a page loads;
   Material's own tooltips mount every [title] on load, which made long pages block phones.

   WCAG 1.4.13: the tooltip stays while the pointer is on the link or on the tooltip, or while
   the link has focus; Esc dismisses it. */
(() => {
  "use strict";
  /* Instant navigation re-inserts this script on every page that needs it: listen once. */
  if (window.lvmTips) return;
  window.lvmTips = 1;

  const HOST = "a.lvm-trait-link[aria-description]";
  let tip = null, host = null;

  function make() {
    tip = document.createElement("div");
    tip.className = "lvm-tip";
    tip.setAttribute("aria-hidden", "true"); /* the link's aria-description already says it */
    tip.hidden = true;
    document.body.appendChild(tip);
  }

  function show(el) {
    if (el === host) return;
    if (!tip) make();
    host = el;
    tip.textContent = el.getAttribute("aria-description");
    tip.hidden = false;
    /* Below the link, touching it (the pointer can move onto the tooltip without a gap);
       above it when there is no room below; never past either edge of the window. */
    const r = el.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    const root = document.documentElement;
    const left = Math.max(8, Math.min(r.left, root.clientWidth - w - 8));
    const below = r.bottom + h <= window.innerHeight || r.top < h;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = (below ? r.bottom : r.top - h) + window.scrollY + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    host = null;
  }

  const hostOf = t => (t && t.closest ? t.closest(HOST) : null);

  document.addEventListener("mouseover", e => {
    const el = hostOf(e.target);
    if (el) show(el);
    else if (host && e.target !== tip && document.activeElement !== host) hide();
  });
  document.addEventListener("focusin", e => {
    const el = hostOf(e.target);
    el ? show(el) : hide();
  });
  document.addEventListener("focusout", e => { if (e.target === host) hide(); });
  document.addEventListener("keydown", e => { if (e.key === "Escape" && host) hide(); });
  /* Instant navigation swaps the page under the tooltip. */
  if (window.document$) document$.subscribe(hide);
})();
