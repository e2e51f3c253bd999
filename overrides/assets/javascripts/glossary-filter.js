/* Trait glossary filter (loaded on the glossary page only). Without JS the filter stays hidden and every
   entry shows; with JS the tier/lean controls hide entries, their TOC links and empty
   letter groups, and a live region says how many traits are shown. */
(function () {
  "use strict";
  /* Instant navigation re-runs this file on each visit: one subscription is enough. */
  if (window.lvmGlossaryFilter) { return; }
  window.lvmGlossaryFilter = true;

  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function setHidden(el, hide) { if (el) { el.hidden = hide; } }

  /* Links to a section of this page (Material makes every href absolute). */
  function here(a) { return a.pathname === location.pathname; }

  function tocItems(id) {
    return $$('a.md-nav__link[href$="#' + id + '"]').filter(here).map(function (a) { return a.parentNode; });
  }

  function apply(box) {
    var tier = (box.querySelector('input[name="lvm-tier"]:checked') || {}).value || "all";
    var leans = $$('input[name="lvm-lean"]:checked', box).map(function (i) { return i.value; });
    var entries = $$(".lvm-trait[data-trait]");
    var shown = 0, groups = {};
    entries.forEach(function (entry) {
      var d = entry.dataset;
      var show = (tier === "all" || d.tier === tier) && leans.indexOf(d.lean) >= 0;
      if (show) { shown += 1; groups[d.group] = true; }
      setHidden(entry, !show);
      setHidden(document.getElementById(d.trait), !show);
      tocItems(d.trait).forEach(function (li) { setHidden(li, !show); });
    });
    $$(".lvm-trait[data-group]").forEach(function (entry) {
      var g = entry.dataset.group, hide = !groups[g];
      setHidden(document.getElementById(g), hide);
      tocItems(g).forEach(function (li) { setHidden(li, hide); });
      $$('.lvm-letters a[data-letter="' + g + '"]').forEach(function (a) { setHidden(a.parentNode, hide); });
    });
    var total = entries.length;
    box.querySelector(".lvm-filter-count").textContent =
      shown === total ? "Showing all " + total + " traits." :
      shown === 0 ? "No traits match. Choose another tier or tick a lean." :
      "Showing " + shown + " of " + total + " traits.";
  }

  /* The filter's starting state: every lean ticked, tier "all". */
  function atStart(i) { return i.type === "checkbox" || i.value === "all"; }

  function reset(box) {
    $$("input", box).forEach(function (i) { i.checked = atStart(i); });
    apply(box);
  }

  document$.subscribe(function () {
    var box = document.querySelector("[data-lvm-glossary-filter]");
    if (!box) { return; }
    box.addEventListener("change", function () { apply(box); });
    /* The controls show at first paint: a choice made before this ran (or restored by the
       browser on "back") is applied now, so no tap is lost. */
    if ($$("input", box).some(function (i) { return i.checked !== atStart(i); })) { apply(box); }
    box.dataset.ready = "1";
  });
  /* A link to a trait the filter hides (a related trait, the TOC) clears the filter first. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href*="#"]');
    var box = document.querySelector("[data-lvm-glossary-filter]");
    if (!link || !box || !here(link)) { return; }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (target && target.hidden) { reset(box); }
  }, true);
})();
