/* Print buttons (the cheat sheet): a button marked data-lvm-print opens the print dialog.
   A script file, not an inline onclick: the site's Content-Security-Policy runs no inline handlers. */
(function () {
  "use strict";
  /* Instant navigation re-inserts this script on every page that needs it: listen once. */
  if (window.lvmPrint) { return; }
  window.lvmPrint = true;
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target instanceof Element && target.closest("[data-lvm-print]")) { window.print(); }
  });
})();
