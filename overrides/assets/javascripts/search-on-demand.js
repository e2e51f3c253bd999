/* Search on demand. Material starts its search worker and downloads the search index
   (search/search_index.json, the largest file of a cold page) as soon as any page loads. This
   file, run just before Material's bundle, holds both back until the reader reaches for search:
   a pointer over or a touch on the search box or icon, focus in the box (a click, Tab, or
   Material's keyboard shortcuts / s f, which focus it), or a page opened from a search result
   (?h=, whose terms Material highlights with the index). Until the index has arrived the result
   panel says "Loading search…" (partials/search.html).

   How: the worker is created lazily (a stand-in receives Material's messages and passes them
   on once the real worker exists), and the request for the index is sent only then. The real
   worker is Material's, run inside workers/search-stem.js, which stems query words. Everything
   else is Material's own code. */
(() => {
  "use strict";
  if (window.lvmSearchOnDemand) return;
  window.lvmSearchOnDemand = 1;

  /* workers/search-stem.js wraps Material's worker (it stems query words); it sits beside this file. */
  const WRAPPER = new URL("workers/search-stem.js", document.currentScript.src).href;
  const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  const WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js(?:[?#]|$)/;
  let wanted = false;
  const waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach((start) => start());
  }

  /* The worker: a stand-in with the part of the Worker interface Material uses. */
  const RealWorker = window.Worker;
  class LazyWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.queue = [];
      this.real = null;
      const start = () => {
        this.real = new RealWorker(WRAPPER + "?worker=" + encodeURIComponent(new URL(url, location.href).href), options);
        this.real.addEventListener("message", (e) => this.dispatchEvent(new MessageEvent("message", { data: e.data })));
        this.real.addEventListener("error", () => this.dispatchEvent(new Event("error")));
        this.queue.splice(0).forEach((m) => this.real.postMessage(m));
      };
      if (wanted) start();
      else waiting.push(start);
    }
    postMessage(message) {
      if (this.real) this.real.postMessage(message);
      else this.queue.push(message);
    }
    terminate() {
      if (this.real) this.real.terminate();
    }
  }
  if (RealWorker) {
    window.Worker = function Worker(url, options) {
      return WORKER.test(String(url)) ? new LazyWorker(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  /* The index: Material asks for it with XMLHttpRequest; its send() waits for demand. */
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.lvmIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.lvmIndex && !wanted) {
      const args = arguments;
      waiting.push(() => send.apply(this, args));
      return undefined;
    }
    return send.apply(this, arguments);
  };

  if (/[?&]h=/.test(location.search)) want();
  const SEARCH = ".md-search, label[for='__search']";
  const reach = (e) => { if (e.target.closest && e.target.closest(SEARCH)) want(); };
  document.addEventListener("pointerover", reach, { passive: true });
  document.addEventListener("touchstart", reach, { passive: true });
  document.addEventListener("focusin", reach);
  document.addEventListener("keydown", (e) => {
    if (/^[/sf]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) want();
  });
})();
