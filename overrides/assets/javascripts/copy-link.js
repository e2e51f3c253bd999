/* Every ¶ link (a.headerlink) also copies the canonical address with its anchor and says
   "Link copied". One listener, added once: it survives instant navigation. Also marks the table
   row the address targets (markTarget), so its ¶ shows. */
(() => {
  "use strict";
  if (window.lvmCopyLink) return;
  window.lvmCopyLink = 1;

  let status = null, timer = 0;

  function say(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "lvm-toast";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
    status.classList.add("lvm-toast--on");
    clearTimeout(timer);
    timer = setTimeout(() => status.classList.remove("lvm-toast--on"), 2500);
  }

  /* site_url based, never location (host, ?h=, tracked section). */
  function addressOf(link) {
    const canonical = document.querySelector("link[rel=canonical]");
    const base = canonical ? canonical.href : location.href;
    return base.split("#")[0] + link.hash;
  }

  function fallbackCopy(text) {
    const box = document.createElement("textarea");
    box.value = text;
    box.setAttribute("readonly", "");
    box.style.position = "fixed";
    box.style.opacity = "0";
    document.body.appendChild(box);
    box.select();
    let done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    box.remove();
    return done;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(() => true, () => fallbackCopy(text));
    }
    return Promise.resolve(fallbackCopy(text));
  }

  /* The table row the address points at is marked .lvm-target (its ¶ shows, like a heading's):
     CSS :target misses it once Material's instant navigation has rewritten the history entry.
     The hash only ever names an element by id; nothing else is read from it. */
  let targeted = null;
  function markTarget() {
    if (targeted) targeted.classList.remove("lvm-target");
    let id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ""; }
    const row = id ? document.getElementById(id) : null;
    targeted = row && row.matches("tr[id]") ? row : null;
    if (targeted) targeted.classList.add("lvm-target");
  }
  window.addEventListener("hashchange", markTarget);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(markTarget);
  else markTarget();

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.headerlink");
    if (!link || !link.hash) return;
    const text = addressOf(link);
    copy(text).then((done) => say(done ? "Link copied" : "Copy this link: " + text));
  });
})();
