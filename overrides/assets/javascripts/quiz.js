/* Quizzes and the self-assessment (pages that call the quiz() macro load this file).
   Without JS the quiz is plain HTML: inputs, and each answer in a closed <details>.
   With JS: check answers, progress, score, try again; the self-assessment result (chart,
   table, what to develop next, a link to share, print). Answers stay in localStorage,
   keyed by quiz id and question id; nothing leaves the browser. */
(() => {
  "use strict";
  /* Instant navigation re-inserts this script on every quiz page: subscribe once. */
  if (window.lvmQuiz) return;
  window.lvmQuiz = 1;

  const $$ = (s, r) => [...r.querySelectorAll(s)];
  const one = (s, r) => r.querySelector(s);
  const esc = s => String(s).replace(/[&<>"]/g, c => "&#" + c.charCodeAt(0) + ";");
  const fix = n => n ? n.toFixed(1).replace(".0", "") : "–";

  /* load(id) -> saved object; save(id, obj) stores it, save(id) forgets it */
  const load = id => { try { return JSON.parse(localStorage.getItem("lvm-quiz:" + id)) || {}; } catch (e) { return {}; } };
  const save = (id, v) => { try { v ? localStorage.setItem("lvm-quiz:" + id, JSON.stringify(v)) : localStorage.removeItem("lvm-quiz:" + id); } catch (e) { /* storage off */ } };

  function setup(root) {
    const id = root.dataset.lvmQuiz, self = root.dataset.kind === "self";
    const qs = $$(".lvm-q", root), live = one("[data-lvm-live]", root), prog = one("[data-lvm-progress]", root);
    const end = one(".lvm-end", root);
    let saved = load(id);
    const say = msg => { live.textContent = ""; setTimeout(() => { live.textContent = msg; }, 80); };
    const inputs = q => $$("input", q);
    const text = q => one("legend", q).textContent.slice(one(".lvm-qnum", q).textContent.length).trim();
    const firstInput = q => inputs(q)[0].focus();

    /* ------------------------------------------------------------ choice quiz */
    const status = () => {
      const done = qs.filter(q => q.dataset.done), right = done.filter(q => q.dataset.done === "1").length;
      const score = one(".lvm-score", root);
      prog.textContent = `${done.length} of ${qs.length} answered, ${right} correct`;
      end.hidden = !done.length;
      score.hidden = done.length < qs.length;
      score.textContent = `Your score: ${right} out of ${qs.length}.`;
      return [done.length, right];
    };
    const mark = (q, vals) => {
      const ok = inputs(q).every(i => i.hasAttribute("data-correct") === vals.includes(i.value));
      const answer = inputs(q).filter(i => i.hasAttribute("data-correct")).map(i => i.labels[0].textContent.trim());
      inputs(q).forEach(i => {
        const right = i.hasAttribute("data-correct");
        i.checked = vals.includes(i.value);
        i.disabled = true;
        if (right || i.checked) {
          i.labels[0].insertAdjacentHTML("beforeend",
            ` <strong class="lvm-tag lvm-${right ? "right" : "wrong"}">${right ? "✓ correct answer" : "✗ your answer"}</strong>`);
        }
      });
      const fb = one(".lvm-feedback", q), d = one("details", q);
      q.dataset.done = ok ? 1 : 2;
      fb.className = "lvm-feedback lvm-" + (ok ? "right" : "wrong");
      fb.textContent = ok ? "✓ Correct." : `✗ Not quite: the answer is ${answer.join(" and ")}.`;
      fb.hidden = false;
      d.open = true; /* CSS shows the explanation of an answered question (data-done) */
      one(".lvm-check", q).hidden = true;
      return fb.textContent;
    };
    const check = q => {
      const vals = inputs(q).filter(i => i.checked).map(i => i.value);
      if (!vals.length) { say(`Choose an answer to ${one(".lvm-qnum", q).textContent.replace(/ of .*/, "")} first.`); return; }
      const msg = mark(q, vals);
      saved[q.dataset.q] = vals;
      save(id, saved);
      const [n, right] = status();
      say(`${msg} ${n} of ${qs.length} answered.` +
        (n === qs.length ? ` Quiz complete: your score is ${right} out of ${qs.length}.` : ""));
      one("summary", q).focus();
    };

    /* ------------------------------------------------------------ self-assessment */
    const names = self && JSON.parse(root.dataset.lvmNames), max = self && names.s.length;
    const res = one(".lvm-result", root), pre = root.id;
    const val = q => +((one("input:checked", q) || {}).value || 0);
    const rated = () => qs.filter(val);
    const progress = () => { prog.textContent = `${rated().length} of ${qs.length} rated`; };

    function result(focus) {
      const done = rated(), dims = {}, all = { leading: [0, 0], managing: [0, 0] };
      done.forEach(q => {
        const d = q.dataset, v = val(q), row = dims[d.dim] = dims[d.dim] || { leading: [0, 0], managing: [0, 0] };
        row[d.pole][0] += v; row[d.pole][1]++;
        all[d.pole][0] += v; all[d.pole][1]++;
      });
      const avg = a => a[1] && a[0] / a[1];
      const rows = [["Overall", avg(all.leading), avg(all.managing)]].concat(Object.keys(names.d).filter(k => dims[k])
        .map(k => [names.d[k][0], avg(dims[k].leading), avg(dims[k].managing), names.d[k][1]]));
      const [, lead, manage] = rows[0], gap = lead - manage;
      const lean = Math.abs(gap) < 0.25 ? "You balance leading and managing about evenly."
        : `You lean ${Math.abs(gap) < 1 ? "a little " : ""}towards ${gap > 0 ? "leading" : "managing"}.`;
      /* The chart: a name column beside the bars, or above them on a narrow screen. */
      const narrow = root.clientWidth < 500, nw = narrow ? 0 : 200, W = narrow ? 360 : 600, bw = W - nw - 85;
      let y = 0, g = "";
      rows.forEach((r, n) => {
        const top = narrow ? y + 16 : y + 3;
        g += `<text x="0" y="${narrow ? y + 12 : y + 17}"${n ? "" : ' class="lvm-b"'}>${esc(r[0])}</text>`;
        [[r[1], "lead", "Lead"], [r[2], "manage", "Manage"]].forEach(([v, c, label], i) => {
          const w = (v / max) * bw, t = top + i * 13;
          g += `<rect class="lvm-bar-${c}" x="${nw}" y="${t}" width="${w.toFixed(1)}" height="11"/>` +
            `<text x="${(nw + w + 4).toFixed(1)}" y="${t + 10}">${label} ${fix(v)}</text>`;
        });
        y += narrow ? 46 : 32;
      });
      const cell = v => v ? `${fix(v)} of ${max}` : "not rated";
      const side = (a, b) => !a || !b ? "–" : a > b ? "Leading" : b > a ? "Managing" : "Even";
      /* What to develop next: the traits and practices of the lowest-rated statements. */
      const items = [], seen = {};
      let count = 0;
      done.map((q, n) => [val(q), n, q]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).forEach(([v, , q]) => {
        const links = [];
        [["t", "trait"], ["p", "practice"]].forEach(([k, kind]) => {
          (q.dataset[kind + "s"] || "").split(" ").filter(Boolean).forEach(x => {
            if (count < 5 && !seen[k + x]) {
              seen[k + x] = ++count;
              links.push(`<a href="${esc(names[k][x][1])}">${esc(names[k][x][0])}</a> (${kind})`);
            }
          });
        });
        if (links.length) items.push(`<li>${links.join(", ")}: you answered “${esc(names.s[v - 1])}” to “${esc(text(q))}”</li>`);
      });
      const link = location.href.split("#")[0] + "#r=" + done.map(q => q.dataset.key + val(q).toString(36)).join("");
      res.innerHTML = `<h2 tabindex="-1">Your result</h2>` +
        (done.length < qs.length ? `<p>Based on the ${done.length} of ${qs.length} statements you rated.</p>` : "") +
        `<p class="lvm-balance">Average rating for leading: <strong>${fix(lead)} of ${max}</strong>. For managing: <strong>${fix(manage)} of ${max}</strong>. ${lean}</p>` +
        `<figure class="lvm-figure"><svg class="lvm-chart" role="img" viewBox="0 0 ${W} ${y}" aria-label="Bar chart of your average leading and managing rating, overall and for each dimension, on a scale of 1 to ${max}. The table below gives the same figures.">${g}</svg>` +
        `<figcaption>Your leading and managing ratings by dimension (1 = ${esc(names.s[0])}, ${max} = ${esc(names.s[max - 1])}).</figcaption></figure>` +
        `<div class="lvm-table-wrap" role="region" aria-label="Your ratings as a table" tabindex="0"><table class="lvm-stack"><caption>Your average rating by dimension</caption>` +
        `<thead><tr><th scope="col">Dimension</th><th scope="col">Leading</th><th scope="col">Managing</th><th scope="col">You lean</th></tr></thead><tbody>` +
        rows.map(r => `<tr><th scope="row">${r[3] ? `<a href="${esc(r[3])}">${esc(r[0])}</a>` : r[0]}</th><td data-label="Leading">${cell(r[1])}</td><td data-label="Managing">${cell(r[2])}</td><td data-label="You lean">${side(r[1], r[2])}</td></tr>`).join("") +
        `</tbody></table></div>` +
        (items.length ? `<h3>What to develop next</h3><p>The statements you rated lowest point to these:</p><ol>${items.join("")}</ol>` : "") +
        `<div class="lvm-share"><label for="${pre}-link">Link to this result (the answers are in the link itself)</label>` +
        `<input id="${pre}-link" type="text" readonly value="${esc(link)}">` +
        `<button type="button" class="lvm-copy">Copy link</button><button type="button" class="lvm-print lvm-secondary">Print</button></div>`;
      res.hidden = false;
      root.classList.add("lvm-shown");
      if (focus) { one("h2", res).focus(); say("Your result is ready. " + lean); }
    }

    /* ------------------------------------------------------------ restore, then listen */
    if (self) {
      const hash = /[#&]r=([0-9a-z]+)/.exec(location.hash), keys = {};
      let shared = 0;
      qs.forEach(q => { keys[q.dataset.key] = q; });
      for (let i = 0; hash && i + 7 <= hash[1].length; i += 7) {
        const q = keys[hash[1].substr(i, 6)], v = parseInt(hash[1][i + 6], 36), input = q && one(`input[value="${v}"]`, q);
        if (input) { input.checked = true; shared = 1; }
      }
      if (!shared) qs.forEach(q => { const i = one(`input[value="${(saved.a || {})[q.dataset.q]}"]`, q); if (i) i.checked = true; });
      progress();
      if (shared || (saved.r && rated().length)) result(false);
      if (shared) res.scrollIntoView();
    } else {
      qs.forEach(q => {
        const vals = saved[q.dataset.q], ok = Array.isArray(vals) && vals.length && vals.every(v => inputs(q).some(i => i.value === v));
        if (ok) mark(q, vals);
      });
      status();
    }

    root.addEventListener("change", e => {
      if (!self) return;
      saved.a = saved.a || {};
      qs.forEach(q => { if (val(q)) saved.a[q.dataset.q] = val(q); });
      save(id, saved);
      progress();
      if (!res.hidden) result(false);
    });
    root.addEventListener("keydown", e => {
      const q = e.target.closest(".lvm-q");
      if (e.key === "Enter" && e.target.matches("input") && q && !self) { e.preventDefault(); check(q); }
    });
    root.addEventListener("click", e => {
      const b = e.target.closest("button");
      if (!b) return;
      const c = b.classList;
      if (c.contains("lvm-check")) check(b.closest(".lvm-q"));
      if (c.contains("lvm-show")) {
        const left = qs.filter(q => !val(q));
        if (left.length) { say(`Rate every statement first: ${left.length} left.`); firstInput(left[0]); return; }
        saved.r = 1;
        save(id, saved);
        result(true);
      }
      if (c.contains("lvm-copy")) {
        const input = one("input", res), done = () => say("Link copied.");
        const fail = () => { input.select(); say("Copying is blocked here: the link is selected, copy it with your keyboard."); };
        navigator.clipboard ? navigator.clipboard.writeText(input.value).then(done, fail) : fail();
      }
      if (c.contains("lvm-print")) print();
      if (c.contains("lvm-reset")) {
        saved = {};
        save(id);
        qs.forEach(q => {
          delete q.dataset.done;
          inputs(q).forEach(i => { i.checked = i.disabled = false; });
          $$(".lvm-tag", q).forEach(t => t.remove());
          if (!self) {
            one(".lvm-feedback", q).hidden = true;
            one("details", q).open = false;
            one(".lvm-check", q).hidden = false;
          }
        });
        if (self) {
          res.hidden = true;
          res.textContent = "";
          root.classList.remove("lvm-shown");
          if (/[#&]r=/.test(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
          progress();
        } else status();
        say(self ? "Ratings cleared." : "Answers cleared.");
        firstInput(qs[0]);
      }
    });
  }

  document$.subscribe(() => {
    document.querySelectorAll("[data-lvm-quiz]").forEach(root => {
      if (root.lvmReady) return; /* idempotent: each quiz element is set up once */
      root.lvmReady = 1;
      setup(root);
      root.dataset.ready = "1"; /* tests wait for this */
    });
  });
})();
