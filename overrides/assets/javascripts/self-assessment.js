/* The self-assessment ("Where do you lean?"): loaded on pages whose quiz() macro holds one.
   Without JS the statements can be rated and the scoring key explains the sums. This script
   counts progress and draws the result: headline, what to develop next, chart, table, a link
   to share and a print button. The numbers it uses (thresholds, names, links) come from the
   page (data-lvm-names), the same ones the scoring key prints.
   Ratings stay in localStorage under "lvm-quiz:<quiz id>" as {a: {statement id: value}, r};
   a shared link holds them after "#r=" and, for reloads in the same tab (the section tracking
   rewrites the address while you scroll), in sessionStorage. Stored and shared values are never
   trusted: only values the page's own inputs offer are used, and bad stored values are cleared. */
(() => {
  "use strict";
  if (window.lvmSelfAssessment) return; /* instant navigation re-inserts the script */
  window.lvmSelfAssessment = true;

  const all = (selector, root) => [...root.querySelectorAll(selector)];
  const one = (selector, root) => root.querySelector(selector);
  const esc = text => String(text).replace(/[&<>"']/g, c => "&#" + c.charCodeAt(0) + ";");
  const fmt = n => n.toFixed(1).replace(/\.0$/, "");
  const mean = list => list.length ? list.reduce((a, b) => a + b, 0) / list.length : null;
  const stash = (store, key, value) => {
    try { value === undefined ? store.removeItem(key) : store.setItem(key, value); } catch (e) { /* storage off */ }
  };
  const peek = (store, key) => { try { return store.getItem(key); } catch (e) { return null; } };

  function setup(root) {
    const quizId = root.dataset.lvmQuiz, savedKey = "lvm-quiz:" + quizId, sharedKey = "lvm-shared:" + quizId;
    const cfg = JSON.parse(root.dataset.lvmNames), max = cfg.s.length;
    const names = kind => new Map(Object.entries(cfg[kind])); /* no prototype keys */
    const dimNames = names("d"), traitNames = names("t"), practiceNames = names("p"),
      playbookNames = names("b");
    const fields = all(".lvm-q", root);
    const byId = new Map(fields.map(f => [f.dataset.q, f]));
    const byKey = new Map(fields.map(f => [f.dataset.key, f]));
    const live = one("[data-lvm-live]", root), progress = one("[data-lvm-progress]", root);
    const note = one("[data-lvm-note]", root), result = one(".lvm-result", root);

    const inputs = f => all("input", f);
    const choose = (f, value) => {
      const input = inputs(f).find(i => i.value === String(value));
      if (input) input.checked = true;
      return !!input;
    };
    const rating = f => { const input = inputs(f).find(i => i.checked); return input ? Number(input.value) : null; };
    /* What a rating counts: a reversed statement the other way round; unrated or "not yet" (0): null. */
    const points = f => { const value = rating(f); return value ? (f.hasAttribute("data-reverse") ? max + 1 - value : value) : null; };
    const answered = () => fields.filter(f => rating(f) !== null);
    const say = message => { live.textContent = ""; setTimeout(() => { live.textContent = message; }, 80); };
    const text = f => one(".lvm-qtext", f).textContent.trim();
    const number = f => one(".lvm-qnum", f).textContent.replace(/ of .*/, "").replace("Statement ", "");

    /* ---------------------------------------------------------------- saved and shared ratings */
    function readSaved() {
      const raw = peek(localStorage, savedKey);
      let parsed = null, clean = true;
      const ratings = new Map();
      if (raw === null) return { ratings, shown: false };
      try { parsed = JSON.parse(raw); } catch (e) { parsed = null; }
      const a = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed.a : null;
      if (!a || typeof a !== "object" || Array.isArray(a)) {
        stash(localStorage, savedKey);
        return { ratings, shown: false };
      }
      for (const [id, value] of Object.entries(a)) {
        const f = byId.get(id);
        if (f && typeof value === "number" && inputs(f).some(i => i.value === String(value))) ratings.set(id, value);
        else clean = false;
      }
      const shown = parsed.r === 1;
      if (!clean || (parsed.r !== undefined && parsed.r !== 1)) save(ratings, shown);
      return { ratings, shown };
    }
    function save(ratings, shown) {
      if (!ratings.size) { stash(localStorage, savedKey); return; }
      const value = { a: Object.fromEntries(ratings) };
      if (shown) value.r = 1;
      stash(localStorage, savedKey, JSON.stringify(value));
    }
    const current = () => new Map(answered().map(f => [f.dataset.q, rating(f)]));

    /* "#r=" then 7 characters a statement: 6 of key, 1 of value (base 36; 0 = not yet). */
    function readCode(code) {
      const ratings = new Map();
      if (!/^([0-9a-f]{6}[0-9a-z])+$/.test(code || "")) return ratings;
      for (let i = 0; i < code.length; i += 7) {
        const f = byKey.get(code.slice(i, i + 6)), value = parseInt(code[i + 6], 36);
        if (f && inputs(f).some(input => input.value === String(value))) ratings.set(f.dataset.q, value);
      }
      return ratings;
    }
    const code = () => answered().map(f => f.dataset.key + rating(f).toString(36)).join("");

    /* ---------------------------------------------------------------- scoring */
    function score() {
      const sides = { leading: [], managing: [] }, dims = new Map();
      fields.forEach(f => {
        const p = points(f);
        if (!p) return; /* unrated, or "not yet": left out */
        const pole = f.dataset.pole, dim = f.dataset.dim;
        sides[pole].push(p);
        if (!dims.has(dim)) dims.set(dim, { leading: [], managing: [] });
        dims.get(dim)[pole].push(p);
      });
      return { lead: mean(sides.leading), manage: mean(sides.managing), counts: [sides.leading.length, sides.managing.length], dims };
    }

    function headline({ lead, manage, counts }) {
      if (counts[0] < cfg.min || counts[1] < cfg.min) return "Too few answers for a result yet: rate more statements on each side.";
      const gap = lead - manage, side = gap > 0 ? "leading" : "managing", other = gap > 0 ? "managing" : "leading";
      const leans = Math.abs(gap) >= cfg.lean;
      if (lead >= cfg.high && manage >= cfg.high) {
        return "Strong on both: you already do a good deal of leading and of managing" + (leans ? `, a little more of ${side}.` : ".");
      }
      if (lead < cfg.low && manage < cfg.low) return "Early days on both: each side has plenty of room to grow.";
      if (leans) return `You lean towards ${side}. That may be what your situation asks for (a manager's first months and steady periods call for more managing, a planned change for more leading); if it is not, your ${other} habits are where to look next.`;
      return "About even: neither side clearly ahead, with room to grow on both.";
    }

    function dimVerdict(d) {
      if (d.leading.length < cfg.min || d.managing.length < cfg.min) return "Too few answers";
      const gap = mean(d.leading) - mean(d.managing);
      return Math.abs(gap) >= cfg.leanDim ? (gap > 0 ? "Leans leading" : "Leans managing") : "About even";
    }

    /* What to develop next: statements that count at the midpoint or lower, lowest first. A reversed
       statement counts the other way round, so "Almost always" to one puts its links first. */
    function developNext() {
      const items = [], seen = new Set();
      let links = 0;
      fields.map((f, n) => [points(f), n, f])
        .filter(([p]) => p && p <= cfg.develop)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .forEach(([, , f]) => {
          const found = [];
          [["playbook", playbookNames, "playbook"], ["traits", traitNames, "trait"], ["practices", practiceNames, "practice"]].forEach(([attr, map, kind]) => {
            (f.dataset[attr] || "").split(" ").filter(id => map.has(id)).forEach(id => {
              if (links < 5 && !seen.has(kind + id)) {
                seen.add(kind + id);
                links += 1;
                const [name, url] = map.get(id);
                found.push(`<a href="${esc(url)}">${esc(name)}</a> (${kind})`);
              }
            });
          });
          if (found.length) items.push(`<li>${found.join(", ")}: you answered “${esc(cfg.s[rating(f) - 1])}” to “${esc(text(f))}”${f.hasAttribute("data-reverse") ? " (reversed)" : ""}</li>`);
        });
      return items;
    }

    /* ---------------------------------------------------------------- the result */
    function chart(rows) {
      /* Each name on its own line above its bars: a name beside the bars would run into them
         whenever it is longer than its column (names are data, and fonts differ). */
      const narrow = root.clientWidth < 500, nameWidth = 0, width = narrow ? 360 : 600;
      const barWidth = width - nameWidth - 95;
      let y = 0, svg = "";
      rows.forEach(([name, lead, manage], n) => {
        const top = y + 16;
        svg += `<text x="0" y="${y + 12}"${n ? "" : ' class="lvm-b"'}>${esc(name)}</text>`;
        [[lead, "lead", "Lead"], [manage, "manage", "Manage"]].forEach(([value, cls, label], i) => {
          const w = value ? (value / max) * barWidth : 0, t = top + i * 13;
          svg += `<rect class="lvm-bar-${cls}" x="${nameWidth}" y="${t}" width="${w.toFixed(1)}" height="11"/>` +
            `<text x="${(nameWidth + w + 4).toFixed(1)}" y="${t + 10}">${label} ${value ? fmt(value) : "–"}</text>`;
        });
        y += 46;
      });
      return `<figure class="lvm-figure"><svg class="lvm-chart" role="img" viewBox="0 0 ${width} ${y}" aria-label="Bar chart of your average leading and managing score, overall and for each dimension, on a scale of 1 to ${max}. The table below gives the same figures.">${svg}</svg>` +
        `<figcaption>Your leading and managing scores by dimension (1 = ${esc(cfg.s[0])}, ${max} = ${esc(cfg.s[max - 1])}; reversed statements counted the other way round).</figcaption></figure>`;
    }

    function draw(focus) {
      const s = score(), done = answered().length;
      const rows = [["Overall", s.lead, s.manage, null, "–"]];
      dimNames.forEach(([name, url], id) => {
        const d = s.dims.get(id) || { leading: [], managing: [] };
        rows.push([name, mean(d.leading), mean(d.managing), url, dimVerdict(d)]);
      });
      const cell = v => v ? `${fmt(v)} of ${max}` : "not rated";
      /* How many answers each side rests on: "not yet" leaves event-bound habits out, so one side
         can rest on far fewer answers than the other. */
      const from = count => `(from ${count} ${count === 1 ? "answer" : "answers"})`;
      const develop = developNext(), head = headline(s);
      /* The habits that count for both sides are not scored; the intro's links are their how-to. */
      const both = all(".lvm-quiz-intro a", root).map(a => `<a href="${esc(a.getAttribute("href"))}">${esc(a.textContent)}</a>`);
      const link = location.href.split("#")[0] + "#r=" + code();
      result.innerHTML = `<h2 tabindex="-1">Your result</h2>` +
        `<p class="lvm-headline">${esc(head)}</p>` +
        (done < fields.length ? `<p>Based on the ${done} of ${fields.length} statements you answered.</p>` : "") +
        `<p class="lvm-balance">Leading: <strong>${s.lead ? fmt(s.lead) : "–"} of ${max}</strong> ${from(s.counts[0])}. Managing: <strong>${s.manage ? fmt(s.manage) : "–"} of ${max}</strong> ${from(s.counts[1])}.</p>` +
        `<h3>What to develop next</h3>` +
        (develop.length
          ? `<p>From your answers that score ${cfg.develop} of ${max} or less, lowest first (a reversed statement scores the other way round):</p><ol>${develop.join("")}</ol>`
          : `<p>None of your answers scores ${cfg.develop} of ${max} or less, so there is no clear gap to suggest. Pick the dimension that matters most in your role this year and ask a colleague how they see you on it.</p>`) +
        `<p class="lvm-both">Not in these scores: supporting, recognising and developing people, consulting them and handing over decisions count for both sides, so no statement here rates them. They matter whatever your lean${both.length ? ": " + both.join(", ") : ""}.</p>` +
        chart(rows) +
        `<div class="lvm-table-wrap" role="region" aria-label="Your scores as a table" tabindex="0"><table class="lvm-stack"><caption>Your average score by dimension</caption>` +
        `<thead><tr><th scope="col">Dimension</th><th scope="col">Leading</th><th scope="col">Managing</th><th scope="col">Reading</th></tr></thead><tbody>` +
        rows.map(r => `<tr><th scope="row">${r[3] ? '<a href="' + esc(r[3]) + '">' + esc(r[0]) + "</a>" : esc(r[0])}</th><td data-label="Leading">${cell(r[1])}</td><td data-label="Managing">${cell(r[2])}</td><td data-label="Reading">${r[4]}</td></tr>`).join("") +
        `</tbody></table></div>` +
        `<div class="lvm-share"><label for="${root.id}-link">Link to this result (the ratings are in the link itself)</label>` +
        `<input id="${root.id}-link" type="text" readonly value="${esc(link)}">` +
        `<button type="button" class="lvm-copy">Copy link</button><button type="button" class="lvm-print lvm-secondary">Print</button>` +
        `<span class="lvm-copied" hidden></span></div>`;
      result.hidden = false;
      root.classList.add("lvm-shown");
      if (focus) {
        /* Bring the result to the top of the screen (its scroll margin keeps it below the sticky
           header): focus alone scrolls only until the heading peeks in at the bottom edge. */
        const h = one("h2", result);
        h.focus({ preventScroll: true });
        h.scrollIntoView();
        say("Your result is ready. " + head);
      }
    }

    function showProgress() { progress.textContent = `${answered().length} of ${fields.length} answered`; }

    function showResult() {
      const left = fields.filter(f => rating(f) === null);
      if (left.length) {
        note.innerHTML = "<p>" + (left.length === 1 ? "One statement is" : left.length + " statements are") + " still unanswered. Go to statement " +
          left.map(f => `<button type="button" class="lvm-jump lvm-secondary" data-target="${esc(f.dataset.q)}">${esc(number(f))}</button>`).join(" ") + "</p>";
        note.hidden = false;
        note.focus(); /* the note stays in view beside the button; Tab reaches the jump buttons */
        say(`Answer every statement first: ${left.length} left, starting with statement ${number(left[0])}.`);
        return;
      }
      note.hidden = true;
      save(current(), true);
      draw(true);
    }

    function reset() {
      fields.forEach(f => inputs(f).forEach(i => { i.checked = false; }));
      stash(localStorage, savedKey);
      stash(sessionStorage, sharedKey);
      result.hidden = true;
      result.textContent = "";
      note.hidden = true;
      root.classList.remove("lvm-shown");
      if (/[#&]r=/.test(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
      showProgress();
      say("Ratings cleared.");
      inputs(fields[0])[0].focus();
    }

    /* ---------------------------------------------------------------- restore, then listen */
    const fromHash = (/[#&]r=([0-9a-z]+)/.exec(location.hash) || [])[1];
    let shared = readCode(fromHash);
    if (shared.size) stash(sessionStorage, sharedKey, fromHash);
    else {
      shared = readCode(peek(sessionStorage, sharedKey));
      if (!shared.size) stash(sessionStorage, sharedKey);
    }
    const saved = shared.size ? null : readSaved();
    (shared.size ? shared : saved.ratings).forEach((value, id) => choose(byId.get(id), value));
    showProgress();
    if (shared.size || (saved.shown && saved.ratings.size)) draw(false);
    if (shared.size) {
      /* Land on "Your result" (its scroll margin keeps it below the sticky header). */
      requestAnimationFrame(() => one("h2", result).scrollIntoView());
    }

    root.addEventListener("change", () => {
      /* Editing a shared result makes it yours: from now on it is saved here, not in the link. */
      stash(sessionStorage, sharedKey);
      if (/[#&]r=/.test(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
      save(current(), !result.hidden);
      showProgress();
      if (!note.hidden && fields.every(f => rating(f) !== null)) note.hidden = true;
      if (!result.hidden) draw(false);
    });
    root.addEventListener("click", event => {
      const button = event.target.closest("button");
      if (!button) return;
      const c = button.classList;
      if (c.contains("lvm-show")) showResult();
      if (c.contains("lvm-reset")) reset();
      if (c.contains("lvm-print")) print();
      if (c.contains("lvm-jump")) {
        const f = byId.get(button.dataset.target);
        if (f) { f.scrollIntoView({ block: "center" }); inputs(f)[0].focus(); }
      }
      if (c.contains("lvm-copy")) {
        const input = one(".lvm-share input", result), status = one(".lvm-copied", result);
        const show = message => { status.textContent = message; status.hidden = false; say(message); };
        const fail = () => { input.focus(); input.select(); show("Copying is blocked here: the link is selected, copy it with your keyboard."); };
        if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(() => show("Link copied."), fail);
        else fail();
      }
    });
  }

  /* Set up in a task of its own after Material's start-up, or at once when the reader gets
     there first (quiz-start.js, loaded before this script). */
  const call = ["[data-lvm-quiz][data-kind='self']", setup];
  if (window.lvmQuizStart) window.lvmQuizStart(call[0], call[1]);
  else (window.lvmQuizWaiting = window.lvmQuizWaiting || []).push(call); /* see quiz-start.js */
})();
