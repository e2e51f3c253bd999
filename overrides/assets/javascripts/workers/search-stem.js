/* Runs Material's search worker (?worker=, same site only) and rewrites each plain query before
   Material sees it:
   1. synonyms (?synonyms=, same site only; data/search_synonyms.yaml): a phrase readers type
      ("1:1", "one on one") becomes the guide's words ("one-to-one meeting");
   2. stop words go ("to", "on"), unless the query has nothing else;
   3. each word asks for its stem exactly ("ones" -> "on^1": the index holds stems, and a term
      with a boost gets no wildcard from Material), however short the word, and, when the word
      and its stem share three letters or more, for that shared part as a prefix too
      ("empathy" -> "empath", to which Material adds "*": it also finds "empathetic"). A short word is never a prefix
      query: "on*" would match "onboarding", "to*" "told".
   Queries with Lunr syntax (quotes, + - * ~ ^, field:) are left to Material, word for word.
   Results come back with long sections cut to an excerpt around the match (see excerpt()). */
(() => {
  "use strict";
  const here = new URL(self.location.href);
  const target = new URL(here.searchParams.get("worker") || "", here);
  if (target.origin !== here.origin || !/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(target.pathname)) {
    throw new Error("search-stem.js: not Material's search worker: " + target.href);
  }

  const WORD = /[\p{L}\p{N}]+/gu;
  const SYNTAX = /["*~^]|(?:^|\s)[+-]\S|\b(?:title|text|tags):/;

  /* [[phrase words], replacement] pairs, longest phrase first; read once, on the first query. */
  let synonyms = null;
  function loadSynonyms() {
    synonyms = [];
    const url = new URL(here.searchParams.get("synonyms") || "", here);
    if (url.origin !== here.origin || !/\/search\/synonyms\.json$/.test(url.pathname)) return;
    try {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", url.href, false); // a worker may wait: the file is small, and asked for once
      xhr.send();
      const pairs = xhr.status === 200 ? JSON.parse(xhr.responseText) : [];
      if (!Array.isArray(pairs)) return;
      for (const pair of pairs) {
        if (Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string") {
          const words = pair[0].toLowerCase().match(WORD);
          if (words) synonyms.push([words, pair[1].toLowerCase().match(WORD) || []]);
        }
      }
      synonyms.sort((a, b) => b[0].length - a[0].length);
    } catch (err) {
      synonyms = [];
    }
  }

  function withSynonyms(words) {
    if (synonyms === null) loadSynonyms();
    const out = [];
    for (let i = 0; i < words.length;) {
      const hit = synonyms.find(([phrase]) => phrase.every((w, k) => words[i + k] === w));
      if (hit) {
        out.push(...hit[1]);
        i += hit[0].length;
      } else {
        out.push(words[i]);
        i += 1;
      }
    }
    return out;
  }

  const stem = (word) => self.lunr.stemmer(new self.lunr.Token(word)).toString();
  const isStopWord = (word) => !self.lunr.stopWordFilter(new self.lunr.Token(word));

  /* The Lunr terms for one word: its stem exactly, and its stem-shared part as a prefix. */
  function termsOf(word) {
    const s = stem(word);
    /* Lunr stems the term again: ask with a word that stems to `s` (the stem itself, if stable). */
    const terms = [(stem(s) === s ? s : word) + "^1"];
    let i = 0;
    while (i < word.length && i < s.length && word[i] === s[i]) i++;
    if (i >= 3) terms.push(word.slice(0, i)); // Material adds the "*" to a term without a boost
    return terms;
  }

  function rewrite(query) {
    const words = withSynonyms(query.toLowerCase().match(WORD) || []);
    const kept = words.filter((w) => !isStopWord(w));
    const terms = (kept.length ? kept : words).flatMap(termsOf);
    return [...new Set(terms)].join(" ");
  }

  /* Lunr syntax: each part as Material would take it, plain words cut to their stem's prefix. */
  function rewriteSyntax(query) {
    return query.split(/(\s+)/).map((part) => {
      if (!part.trim() || /["*~^:]/.test(part)) return part;
      const sign = /^[+-]/.test(part) ? part[0] : "";
      const words = part.slice(sign.length).toLowerCase().match(WORD) || [];
      return words.map((w) => {
        const s = stem(w);
        let i = 0;
        while (i < w.length && i < s.length && w[i] === s[i]) i++;
        return sign + (i >= 3 ? w.slice(0, i) : w);
      }).join(" ");
    }).join("");
  }

  self.lvmSearchRewrite = (query) => (SYNTAX.test(query) ? rewriteSyntax(query) : rewrite(query));

  /* Results: a long section (a whole table, a quiz) is shown as an excerpt around its first
     highlighted word, not in full. Material's text is HTML it escaped itself; the excerpt keeps
     only its <mark> tags and cuts between words, so no tag or entity is cut in half. */
  const EXCERPT_WORDS = 48;
  function excerpt(item) {
    if (!item || typeof item.text !== "string") return item;
    const words = item.text.replace(/<(?!\/?mark>)[^>]*>/g, " ").split(/\s+/).filter(Boolean);
    if (words.length <= EXCERPT_WORDS) return item;
    const hit = Math.max(0, words.findIndex((w) => w.includes("<mark>")));
    const start = Math.max(0, Math.min(hit - 12, words.length - EXCERPT_WORDS));
    const end = start + EXCERPT_WORDS;
    const text = (start ? "… " : "") + words.slice(start, end).join(" ") + (end < words.length ? " …" : "");
    return Object.assign({}, item, { text });
  }
  const post = self.postMessage.bind(self);
  self.postMessage = function (message, ...rest) {
    if (message && message.type === 3 && message.data && Array.isArray(message.data.items)) {
      const items = message.data.items.map((group) => (Array.isArray(group) ? group.map(excerpt) : group));
      message = Object.assign({}, message, { data: Object.assign({}, message.data, { items }) });
    }
    return post(message, ...rest);
  };

  const listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, handler, options) {
    if (type !== "message") return listen(type, handler, options);
    return listen(type, (event) => {
      const msg = event.data;
      if (msg && msg.type === 2 && typeof msg.data === "string") {
        return handler({ data: { type: 2, data: self.lvmSearchRewrite(msg.data) } });
      }
      return handler(event);
    }, options);
  };
  importScripts(target.href);
})();
