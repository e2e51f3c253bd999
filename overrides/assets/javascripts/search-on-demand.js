/* Search on demand: Material's search worker and index (the largest file of a cold page) wait
   until the reader reaches for search (pointer or touch on the search box or icon, focus in it,
   the / s f shortcuts) or arrives from a result (?h=). A stand-in takes Material's messages until
   the real worker (workers/search-stem.js around Material's) starts; the index request is sent then.
   The wrapper is told where the search synonyms are (?synonyms=). */
(() => {
  "use strict";
  if (window.lvmSearchOnDemand) return;
  window.lvmSearchOnDemand = 1;

  const WRAPPER = new URL("workers/search-stem.js", document.currentScript.src).href;
  /* The search synonyms (data/search_synonyms.yaml, published by the build) for the wrapper. */
  const SYNONYMS = new URL("../../search/synonyms.json", document.currentScript.src).href;
  const INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  const WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js(?:[?#]|$)/;
  let wanted = false;
  const waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach((start) => start());
  }

  const RealWorker = window.Worker;
  class LazyWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.queue = [];
      this.real = null;
      /* Resolved now: Material names the worker relative to the page it starts on, and instant
         navigation may have moved to another page by the time the reader reaches for search. */
      const absolute = new URL(url, location.href).href;
      const start = () => {
        this.real = new RealWorker(WRAPPER + "?worker=" + encodeURIComponent(absolute) + "&synonyms=" + encodeURIComponent(SYNONYMS), options);
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
