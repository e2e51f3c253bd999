/* Onboarding paths: the reader's progress, in this browser only. Loaded on path pages and the
   paths index. Without JS a path is an ordered list of links; this script adds a "Done"
   checkbox per step, the count and a link to the next step, and the count on the index cards.
   Progress lives in localStorage under "lvm-plan:<path id>" as a list of step keys
   ("playbook:one-to-ones"). A stored value is never trusted: only keys of steps that are on
   the page are kept, so tampered storage or a step removed from a path cannot break the page. */
(() => {
  "use strict";
  if (window.lvmPaths) return;
  window.lvmPaths = true;

  const KEY = /^[a-z_]{1,30}:[a-z0-9][a-z0-9-]{0,79}$/;
  const storageKey = pathId => "lvm-plan:" + pathId;

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

  function say(count, total) {
    return count + " of " + total + " step" + (total === 1 ? "" : "s") + " done";
  }

  function setupPath(root) {
    const pathId = root.dataset.lvmPlan;
    const steps = [...root.querySelectorAll(".lvm-plan-step")];
    const keys = steps.map(step => step.dataset.step);
    const progress = root.querySelector("[data-lvm-plan-progress]");
    const done = readDone(pathId, keys);
    steps.forEach((step, index) => {
      const title = step.querySelector(".lvm-plan-step-title a");
      const label = document.createElement("label");
      label.className = "lvm-plan-done";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = done.has(step.dataset.step);
      box.setAttribute("aria-label", "Done: step " + (index + 1) + ", " + title.textContent);
      label.append(box, document.createTextNode(" Done"));
      step.querySelector(".lvm-plan-step-title").prepend(label);
      step.classList.toggle("lvm-plan-step--done", box.checked);
    });
    function update() {
      const next = steps.find(step => !done.has(step.dataset.step));
      progress.textContent = "";
      progress.append(say(done.size, steps.length) + ". ");
      if (next) {
        const link = next.querySelector(".lvm-plan-step-title a");
        const go = document.createElement("a");
        go.href = link.getAttribute("href");
        go.className = "lvm-plan-next";
        go.textContent = "Next step: " + link.textContent;
        progress.append(go);
      } else {
        progress.append("You have finished this path.");
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
    update();
  }

  function setupCard(card) {
    const keys = (card.dataset.steps || "").split(" ").filter(Boolean);
    const done = readDone(card.dataset.lvmPlanCard, keys);
    const slot = card.querySelector("[data-lvm-plan-progress]");
    if (slot && done.size) slot.textContent = say(done.size, keys.length) + " in this browser.";
  }

  document$.subscribe(() => {
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
  });
})();
