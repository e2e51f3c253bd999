/* Runs Material's search worker (?worker=, same site only) and cuts each plain query word to the
   part it shares with its stem ("delegation" -> "deleg"): the index is stemmed, and Material's
   prefix queries ("delegation*") are not, so a whole word would miss its own stem. */
(() => {
  "use strict";
  const here = new URL(self.location.href);
  const target = new URL(here.searchParams.get("worker") || "", here);
  if (target.origin !== here.origin || !/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(target.pathname)) {
    throw new Error("search-stem.js: not Material's search worker: " + target.href);
  }

  const WORD = /[\p{L}\p{N}]+/gu;

  function cut(word) {
    const stem = self.lunr.stemmer(new self.lunr.Token(word)).toString();
    let i = 0;
    while (i < word.length && i < stem.length && word[i] === stem[i]) i++;
    return i >= 3 ? word.slice(0, i) : word;
  }

  function stemQuery(query) {
    return query.split(/(\s+)/).map((part) => {
      if (!part.trim() || /["*~^:]/.test(part)) return part;
      const sign = /^[+-]/.test(part) ? part[0] : "";
      const words = part.slice(sign.length).toLowerCase().match(WORD) || [];
      return words.map((w) => sign + cut(w)).join(" ");
    }).join("");
  }

  const listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    return listen(type, (event) => {
      const msg = event.data;
      if (msg && msg.type === 2 && typeof msg.data === "string" && !/"/.test(msg.data)) {
        return handler({ data: { type: 2, data: stemQuery(msg.data) } });
      }
      return handler(event);
    }, options);
  };
  importScripts(target.href);
})();
