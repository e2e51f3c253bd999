/* Onboarding paths: loaded on path pages, the paths index and the path builder.

   Curated path pages are complete without JS (an ordered list of links). This script adds a
   "Done" checkbox per step, the count and a link to the next step, a Markdown download (the
   print button is print.js's); the index cards show the count. Progress lives in localStorage under
   "lvm-path:<path id>" as a list of step keys ("playbook:one-to-ones"); nothing leaves the
   browser. A stored value is never trusted: only keys of steps on the page are kept.

   The builder page (data-lvm-builder) also shows shared paths. A shared path is all in the
   address, after the #, so no server sees it; the format is documented on the page and stable:
     #s=<kind>:<id>,<kind>:<id>,…&t=<title>&n=<notes>     (each value URL-encoded)
   Unknown kinds or ids show as "no longer in the guide"; over-long values are cut; every value
   reaches the page as text (textContent), never as markup. */
(() => {
  "use strict";
  if (window.lvmPaths) return;
  window.lvmPaths = true;

  const KEY = /^([a-z_]{1,30}):([a-z0-9][a-z0-9-]{0,79})$/;
  const LIMITS = { title: 120, notes: 1000, hash: 8000 };
  const storageKey = pathId => "lvm-path:" + pathId;
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    node.append(...children.filter(c => c !== null && c !== undefined));
    return node;
  };

  function readDone(pathId, keys) {
    let parsed = null;
    try { parsed = JSON.parse(localStorage.getItem(storageKey(pathId)) || "[]"); } catch (e) { parsed = []; }
    if (!Array.isArray(parsed)) parsed = [];
    return new Set(parsed.filter(k => typeof k === "string" && KEY.test(k) && keys.includes(k)));
  }

  function writeDone(pathId, done) {
    try {
      if (done.size) localStorage.setItem(storageKey(pathId), JSON.stringify([...done]));
      else localStorage.removeItem(storageKey(pathId));
    } catch (e) { /* storage switched off: progress lasts for this visit only */ }
  }

  const say = (count, total) => count + " of " + total + " step" + (total === 1 ? "" : "s") + " done";
  const absolute = href => new URL(href, location.href).href;

  /* ------------------------------------------------------------------ a path on the page */
  function pathAsMarkdown(root) {
    const title = root.dataset.title || document.title;
    const lines = ["# " + title, ""];
    root.querySelectorAll("[data-lvm-md-intro]").forEach(p => { lines.push(p.textContent.trim(), ""); });
    root.querySelectorAll(".lvm-plan-step").forEach((step, index) => {
      const link = step.querySelector(".lvm-plan-step-title a");
      const time = step.querySelector(".lvm-plan-time");
      const why = step.querySelector(".lvm-plan-why");
      const summary = step.querySelector(".lvm-plan-step-summary");
      if (!link) { lines.push((index + 1) + ". " + step.textContent.trim()); return; }
      lines.push((index + 1) + ". [" + link.textContent.trim().replace(/[[\]]/g, "") + "](" + absolute(link.getAttribute("href")) + ")" +
        (time ? " (" + time.textContent.trim() + ")" : ""));
      if (why) lines.push("   " + why.textContent.trim());
      if (summary) lines.push("   " + summary.textContent.trim());
    });
    return lines.join("\n") + "\n";
  }

  function download(name, text) {
    const a = el("a", { href: "data:text/markdown;charset=utf-8," + encodeURIComponent(text), download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function setupPath(root) {
    const pathId = root.dataset.lvmPlan;
    const steps = [...root.querySelectorAll(".lvm-plan-step[data-step]")];
    const keys = steps.map(step => step.dataset.step);
    const progress = root.querySelector("[data-lvm-plan-progress]");
    const done = readDone(pathId, keys);
    steps.forEach((step, index) => {
      const title = step.querySelector(".lvm-plan-step-title a");
      const box = el("input", { type: "checkbox", checked: done.has(step.dataset.step) });
      box.setAttribute("aria-label", "Done: step " + (index + 1) + ", " + title.textContent);
      step.querySelector(".lvm-plan-step-title").prepend(el("label", { className: "lvm-plan-done" }, box, " Done"));
      step.classList.toggle("lvm-plan-step--done", box.checked);
    });
    function update() {
      const next = steps.find(step => !done.has(step.dataset.step));
      progress.textContent = say(done.size, steps.length) + ". ";
      if (next) {
        const link = next.querySelector(".lvm-plan-step-title a");
        progress.append(el("a", { href: link.getAttribute("href"), className: "lvm-plan-next" }, "Next step: " + link.textContent));
      } else {
        progress.append(steps.length ? "You have finished this path." : "");
      }
    }
    root.addEventListener("change", event => {
      const box = event.target;
      if (!box.matches(".lvm-plan-done input")) return;
      const step = box.closest(".lvm-plan-step");
      if (box.checked) done.add(step.dataset.step); else done.delete(step.dataset.step);
      step.classList.toggle("lvm-plan-step--done", box.checked);
      writeDone(pathId, done);
      update();
    });
    root.addEventListener("click", event => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.matches("[data-lvm-markdown]")) download((pathId || "path") + ".md", pathAsMarkdown(root));
      /* [data-lvm-print] buttons are print.js's (loaded beside this script). */
    });
    update();
  }

  function setupCard(card) {
    const keys = (card.dataset.steps || "").split(" ").filter(Boolean);
    const done = readDone(card.dataset.lvmPlanCard, keys);
    const slot = card.querySelector("[data-lvm-plan-progress]");
    if (slot && done.size) slot.textContent = say(done.size, keys.length) + " in this browser.";
  }

  /* ------------------------------------------------------------------ shared paths and the builder */
  /* FNV-1a: a short, stable name for a shared path's progress (same steps, same progress). */
  function fingerprint(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(16).padStart(8, "0");
  }

  /* The path a link carries, or null when it carries none. Never throws. */
  function parseLink(hash, max) {
    if (!hash || hash.length < 3) return null;
    const cut = hash.length > LIMITS.hash;
    let params;
    try { params = new URLSearchParams(hash.slice(1, LIMITS.hash + 1)); } catch (e) { return null; }
    if (!params.has("s")) return null;
    const raw = (params.get("s") || "").split(",").map(s => s.trim()).filter(Boolean);
    const steps = [], seen = new Set();
    for (const item of raw) {
      if (steps.length >= max) break;
      const match = KEY.exec(item);
      const key = match ? match[0] : null;
      if (key && seen.has(key)) continue;
      if (key) seen.add(key);
      steps.push(match ? { kind: match[1], id: match[2], key } : { bad: item.slice(0, 80) });
    }
    return {
      title: (params.get("t") || "").trim().slice(0, LIMITS.title),
      notes: (params.get("n") || "").trim().slice(0, LIMITS.notes),
      steps,
      cut: cut || raw.length > steps.length,
    };
  }

  function linkFor(title, notes, keys) {
    let hash = "#s=" + keys.join(","); /* keys are [a-z0-9_:-] only: readable as they are */
    if (title) hash += "&t=" + encodeURIComponent(title);
    if (notes) hash += "&n=" + encodeURIComponent(notes);
    return location.href.split("#")[0] + hash;
  }

  function openSearch(words) {
    const toggle = document.querySelector("[data-md-toggle='search']");
    const input = document.querySelector("[data-md-component='search-query']");
    if (!toggle || !input) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.value = words;
    input.focus();
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setupBuilder(root) {
    let config;
    try { config = JSON.parse(root.dataset.lvmIndex); } catch (e) { return; }
    const byKey = new Map(config.entries.map(([kind, id, name, summary, url, minutes]) =>
      [kind + ":" + id, { kind, id, name, summary, url, minutes, label: config.labels[kind] || kind }]));
    const q = sel => root.querySelector(sel);
    const shared = q("[data-lvm-shared]"), build = q("[data-lvm-build]");
    const titleInput = q("[data-lvm-title]"), notesInput = q("[data-lvm-notes]"), find = q("[data-lvm-find]");
    const results = q("[data-lvm-results]"), list = q("[data-lvm-steps]"), empty = q("[data-lvm-empty]");
    const linkOut = q("[data-lvm-link]"), open = q("[data-lvm-open]"), copied = q("[data-lvm-copied]");
    let chosen = [];

    function stepItem(step, index) {
      const entry = step.key && byKey.get(step.key);
      if (!entry) {
        const words = (step.id || step.bad || "").replace(/[-_:]+/g, " ");
        return el("li", { className: "lvm-plan-step lvm-plan-step--gone" },
          el("p", {}, "“" + (step.key || step.bad || "") + "” is no longer in the guide. ",
            el("button", { type: "button", className: "lvm-linklike", onclick: () => openSearch(words) },
              "Search the guide for “" + words + "”")));
      }
      const li = el("li", { className: "lvm-plan-step", id: "step-" + (index + 1) });
      li.dataset.step = entry.kind + ":" + entry.id;
      li.append(
        el("p", { className: "lvm-plan-step-title" }, el("a", { href: entry.url }, entry.name), " ",
          el("span", { className: "lvm-plan-kind" }, entry.label), " ",
          el("span", { className: "lvm-plan-time" }, "about " + entry.minutes + " min")),
        el("p", { className: "lvm-plan-step-summary" }, entry.summary),
        el("p", { className: "lvm-plan-address" }, absolute(entry.url)));
      return li;
    }

    function showShared(path) {
      const known = path.steps.filter(s => s.key && byKey.has(s.key));
      const minutes = known.reduce((sum, s) => sum + byKey.get(s.key).minutes, 0);
      const id = "custom-" + fingerprint(path.steps.map(s => s.key || "").join(","));
      q("[data-lvm-shared-title]").textContent = path.title || "A path for you";
      const notes = q("[data-lvm-shared-notes]");
      notes.textContent = path.notes;
      notes.hidden = !path.notes;
      q("[data-lvm-shared-facts]").textContent = known.length + " step" + (known.length === 1 ? "" : "s") +
        ", about " + minutes + " minutes of reading in all." + (path.cut ? " (The link was too long; the rest was left out.)" : "");
      const holder = q("[data-lvm-shared-path]");
      holder.textContent = "";
      const plan = el("div", { className: "lvm-plan" });
      plan.dataset.lvmPlan = id;
      plan.dataset.title = path.title || "A path";
      const intro = el("p", {}, path.notes);
      intro.dataset.lvmMdIntro = "";
      intro.hidden = true;
      const progress = el("p", { className: "lvm-plan-progress" });
      progress.dataset.lvmPlanProgress = "";
      progress.setAttribute("aria-live", "polite");
      plan.append(intro, progress, el("ol", { className: "lvm-plan-steps" }, ...path.steps.map(stepItem)));
      holder.append(plan);
      plan.lvmReady = true;
      setupPath(plan);
      shared.hidden = false;
      build.hidden = true;
      root.dataset.view = "shared";
      root.dataset.ready = "1";
    }

    function renderBuilder(focusKey, focusAction) {
      list.textContent = "";
      chosen.forEach((key, index) => {
        const entry = byKey.get(key);
        const name = entry.name;
        const button = (action, text, label, disabled) => {
          const b = el("button", { type: "button", className: "lvm-button lvm-secondary", disabled }, text);
          b.dataset.action = action;
          b.dataset.key = key;
          b.setAttribute("aria-label", label);
          return b;
        };
        list.append(el("li", {},
          el("span", { className: "lvm-build-name" }, name, " ", el("span", { className: "lvm-plan-kind" }, entry.label)), " ",
          button("up", "↑", "Move " + name + " up", index === 0),
          button("down", "↓", "Move " + name + " down", index === chosen.length - 1),
          button("remove", "Remove", "Remove " + name, false)));
      });
      empty.hidden = chosen.length > 0;
      const minutes = chosen.reduce((sum, key) => sum + byKey.get(key).minutes, 0);
      q("[data-lvm-build-facts]").textContent = chosen.length ?
        chosen.length + " step" + (chosen.length === 1 ? "" : "s") + ", about " + minutes + " minutes of reading." : "";
      const link = chosen.length ? linkFor(titleInput.value.trim(), notesInput.value.trim(), chosen) : "";
      linkOut.value = link;
      open.href = link || "#";
      open.hidden = !link;
      renderResults();
      if (focusKey) {
        const target = list.querySelector("button[data-key='" + CSS.escape(focusKey) + "'][data-action='" + focusAction + "']:not(:disabled)") ||
          list.querySelector("button[data-key='" + CSS.escape(focusKey) + "']:not(:disabled)") || find;
        target.focus();
      }
    }

    function renderResults() {
      const words = find.value.trim().toLowerCase();
      results.textContent = "";
      if (!words) return;
      const hits = [...byKey.entries()].filter(([key, e]) =>
        e.name.toLowerCase().includes(words) || key.includes(words) || e.label.toLowerCase() === words).slice(0, 15);
      if (!hits.length) { results.append(el("li", {}, "Nothing found for “" + find.value.trim() + "”.")); return; }
      for (const [key, e] of hits) {
        const added = chosen.includes(key);
        const b = el("button", { type: "button", className: "lvm-button lvm-secondary", disabled: added || chosen.length >= config.max },
          added ? "Added" : "Add");
        b.dataset.action = "add";
        b.dataset.key = key;
        b.setAttribute("aria-label", (added ? "Added: " : "Add ") + e.name + " (" + e.label + ")");
        results.append(el("li", {}, b, " ", e.name, " ", el("span", { className: "lvm-plan-kind" }, e.label)));
      }
    }

    root.addEventListener("click", event => {
      const b = event.target.closest("button");
      if (!b) return;
      const key = b.dataset.key, index = chosen.indexOf(key);
      if (b.dataset.action === "add" && index < 0 && chosen.length < config.max) { chosen.push(key); renderBuilder(); b.focus(); }
      if (b.dataset.action === "remove" && index >= 0) {
        chosen.splice(index, 1);
        renderBuilder(chosen[Math.min(index, chosen.length - 1)], "remove");
      }
      if ((b.dataset.action === "up" && index > 0) || (b.dataset.action === "down" && index >= 0 && index < chosen.length - 1)) {
        const to = b.dataset.action === "up" ? index - 1 : index + 1;
        [chosen[index], chosen[to]] = [chosen[to], chosen[index]];
        renderBuilder(key, b.dataset.action);
      }
      if (b.matches("[data-lvm-edit]")) {
        const path = parseLink(location.hash, config.max) || { title: "", notes: "", steps: [] };
        chosen = path.steps.filter(s => s.key && byKey.has(s.key)).map(s => s.key);
        titleInput.value = path.title;
        notesInput.value = path.notes;
        shared.hidden = true;
        build.hidden = false;
        root.dataset.view = "build";
        renderBuilder();
        titleInput.focus();
      }
      if (b.matches("[data-lvm-copy]") && linkOut.value) {
        const done = () => { copied.textContent = "Link copied."; };
        if (navigator.clipboard) navigator.clipboard.writeText(linkOut.value).then(done, () => { linkOut.select(); });
        else { linkOut.select(); }
      }
    });
    find.addEventListener("input", renderResults);
    titleInput.addEventListener("input", () => renderBuilder());
    notesInput.addEventListener("input", () => renderBuilder());

    function route() {
      const path = parseLink(location.hash, config.max);
      if (path) showShared(path);
      else { shared.hidden = true; build.hidden = false; root.dataset.view = "build"; renderBuilder(); root.dataset.ready = "1"; }
    }
    window.addEventListener("hashchange", () => { if (document.body.contains(root)) route(); });
    route();
  }

  /* Material runs document$'s subscribers inside its own start-up task, the longest of the page
     load: the page's paths are set up in a task of their own right after it (Total Blocking
     Time), as the quizzes are. Nothing on these pages needs the script before then. */
  document$.subscribe(() => {
    setTimeout(() => {
      document.querySelectorAll("[data-lvm-plan]").forEach(root => {
        if (root.lvmReady) return;
        root.lvmReady = true;
        setupPath(root);
        root.dataset.ready = "1";
      });
      document.querySelectorAll("[data-lvm-plan-card]").forEach(card => {
        if (card.lvmReady) return;
        card.lvmReady = true;
        setupCard(card);
      });
      document.querySelectorAll("[data-lvm-builder]").forEach(root => {
        if (root.lvmReady) return;
        root.lvmReady = true;
        setupBuilder(root);
      });
    }, 0);
  });
})();
