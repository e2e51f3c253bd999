/* Choice quizzes ("Leading or managing?", "Which style fits?"): loaded on pages whose quiz()
   macro holds a choice quiz. Without JS each quiz is plain HTML: inputs, and each answer in a
   closed <details>. This script adds checking, progress, the score and "Try again".
   Answers stay in localStorage under "lvm-quiz:<quiz id>" as {question id: [option ids]};
   nothing leaves the browser. A stored value is never trusted: anything that does not match
   the page's own questions and options is dropped, and the cleaned value written back. */
(() => {
  "use strict";
  /* Instant navigation re-inserts this script on every quiz page: subscribe once. */
  if (window.lvmQuizChoice) return;
  window.lvmQuizChoice = true;

  const all = (selector, root) => [...root.querySelectorAll(selector)];
  const one = (selector, root) => root.querySelector(selector);
  const storageKey = quizId => "lvm-quiz:" + quizId;

  function writeAnswers(quizId, answers) {
    try {
      if (answers.size) localStorage.setItem(storageKey(quizId), JSON.stringify(Object.fromEntries(answers)));
      else localStorage.removeItem(storageKey(quizId));
    } catch (e) { /* storage switched off: answers last for this visit only */ }
  }

  /* The saved answers as a Map (no prototype to trip over), keeping only entries that name a
     question on this page and options it really has. */
  function readAnswers(quizId, questions) {
    const answers = new Map();
    let raw = null, parsed = null, clean = true;
    try { raw = localStorage.getItem(storageKey(quizId)); } catch (e) { return answers; }
    if (raw === null) return answers;
    try { parsed = JSON.parse(raw); } catch (e) { parsed = null; }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      writeAnswers(quizId, answers);
      return answers;
    }
    for (const [questionId, chosen] of Object.entries(parsed)) {
      const question = questions.get(questionId);
      const values = question ? question.inputs.map(input => input.value) : [];
      const fits = question && Array.isArray(chosen) && chosen.length > 0 &&
        (question.multiple || chosen.length === 1) &&
        chosen.every(value => typeof value === "string" && values.includes(value)) &&
        new Set(chosen).size === chosen.length;
      if (fits) answers.set(questionId, chosen);
      else clean = false;
    }
    if (!clean) writeAnswers(quizId, answers);
    return answers;
  }

  function setup(root) {
    const quizId = root.dataset.lvmQuiz;
    const live = one("[data-lvm-live]", root), progress = one("[data-lvm-progress]", root);
    const end = one(".lvm-end", root), score = one(".lvm-score", root);
    /* question id -> {field (the fieldset), inputs, multiple} */
    const questions = new Map(all(".lvm-q", root).map(field => {
      const inputs = all("input", field);
      return [field.dataset.q, { field, inputs, multiple: inputs[0].type === "checkbox" }];
    }));
    const list = [...questions.values()];
    let answers = readAnswers(quizId, questions);

    const say = message => { live.textContent = ""; setTimeout(() => { live.textContent = message; }, 80); };
    const number = q => one(".lvm-qnum", q.field).textContent.replace(/ of .*/, "");
    const labelText = input => one("span", input.labels[0]).textContent.trim();

    function showStatus() {
      const done = list.filter(q => q.field.dataset.done), right = done.filter(q => q.field.dataset.done === "right").length;
      progress.textContent = `${done.length} of ${list.length} answered, ${right} correct`;
      end.hidden = !done.length;
      score.hidden = done.length < list.length;
      score.textContent = `Your score: ${right} out of ${list.length}.`;
      showMissed(done.length === list.length ? list.filter(q => q.field.dataset.done === "wrong") : []);
      return [done.length, right];
    }

    /* At the end, the questions missed: each links back to its question and to the entry that
       explains it (the first link under its explanation). Built from the page's own elements. */
    function showMissed(missed) {
      let box = one(".lvm-missed", end);
      if (box) box.remove();
      if (!missed.length) return;
      box = document.createElement("div");
      box.className = "lvm-missed";
      const head = document.createElement("p");
      head.textContent = missed.length === 1 ? "The question you missed:" : "The questions you missed:";
      const items = document.createElement("ul");
      missed.forEach(q => {
        const item = document.createElement("li");
        const back = document.createElement("a");
        back.href = "#" + q.field.id;
        back.textContent = number(q);
        /* Jump to the question here: a fragment link fires popstate, and Material's instant
           navigation then fetches and redraws the page and scrolls again to a saved offset, so on
           a slow phone the reader lands a screen away. The address still names the question. */
        back.addEventListener("click", event => {
          if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          event.stopPropagation();
          history.pushState(history.state, "", back.hash);
          q.field.tabIndex = -1; /* Tab goes on from the question, as after the browser's own jump */
          q.field.focus({ preventScroll: true });
          q.field.scrollIntoView();
        });
        const words = one("legend", q.field).textContent.replace(/^Question \d+ of \d+\.\s*/, "").split(/\s+/);
        item.append(back, ": " + (words.length > 12 ? words.slice(0, 10).join(" ") + " …" : words.join(" ")));
        const entry = one(".lvm-more a", q.field);
        if (entry) {
          const read = document.createElement("a");
          read.href = entry.getAttribute("href");
          read.textContent = entry.textContent;
          item.append(" Read: ", read);
        }
        items.append(item);
      });
      box.append(head, items);
      score.after(box);
    }

    /* Show a question as answered with the options in `chosen`; returns the verdict. */
    function mark(q, chosen) {
      const right = q.inputs.every(input => input.hasAttribute("data-correct") === chosen.includes(input.value));
      const keyed = q.inputs.filter(input => input.hasAttribute("data-correct")).map(labelText);
      q.inputs.forEach(input => {
        const isKey = input.hasAttribute("data-correct");
        input.checked = chosen.includes(input.value);
        input.disabled = true;
        if (isKey || input.checked) {
          const tag = document.createElement("strong");
          tag.className = "lvm-tag " + (isKey ? "lvm-is-key" : "lvm-is-chosen");
          tag.textContent = isKey ? (input.checked ? "your answer, correct" : "the correct answer") : "your answer";
          input.labels[0].append(" ", tag);
        }
      });
      const feedback = one(".lvm-feedback", q.field);
      q.field.dataset.done = right ? "right" : "wrong";
      feedback.className = "lvm-feedback lvm-" + (right ? "right" : "wrong");
      feedback.textContent = right ? "✓ Correct." : `✗ Not quite: the answer is ${keyed.join(" and ")}.`;
      feedback.hidden = false;
      one("details", q.field).open = true; /* CSS shows the explanation of an answered question */
      one(".lvm-check", q.field).hidden = true;
      return feedback.textContent;
    }

    function check(q) {
      const chosen = q.inputs.filter(input => input.checked).map(input => input.value);
      const feedback = one(".lvm-feedback", q.field);
      if (!chosen.length) {
        const message = `Choose an answer to ${number(q)} first.`;
        feedback.className = "lvm-feedback lvm-warn";
        feedback.textContent = message;
        feedback.hidden = false;
        say(message);
        q.inputs[0].focus();
        return;
      }
      const verdict = mark(q, chosen);
      answers.set(q.field.dataset.q, chosen);
      writeAnswers(quizId, answers);
      const [count, right] = showStatus();
      say(`${verdict} ${count} of ${list.length} answered.` +
        (count === list.length ? ` Quiz complete: your score is ${right} out of ${list.length}.` : ""));
      one("summary", q.field).focus();
    }

    function reset() {
      answers = new Map();
      writeAnswers(quizId, answers);
      list.forEach(q => {
        delete q.field.dataset.done;
        q.inputs.forEach(input => { input.checked = input.disabled = false; });
        all(".lvm-tag", q.field).forEach(tag => tag.remove());
        one(".lvm-feedback", q.field).hidden = true;
        one("details", q.field).open = false;
        one(".lvm-check", q.field).hidden = false;
      });
      showStatus();
      say("Answers cleared.");
      list[0].inputs[0].focus();
    }

    answers.forEach((chosen, questionId) => mark(questions.get(questionId), chosen));
    showStatus();

    root.addEventListener("change", event => {
      /* A new choice clears a "choose an answer first" note. */
      const field = event.target.closest(".lvm-q"), feedback = field && one(".lvm-feedback.lvm-warn", field);
      if (feedback) feedback.hidden = true;
    });
    root.addEventListener("keydown", event => {
      const field = event.target.closest(".lvm-q");
      if (event.key === "Enter" && event.target.matches("input") && field && !field.dataset.done) {
        event.preventDefault();
        check(questions.get(field.dataset.q));
      }
    });
    root.addEventListener("click", event => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.classList.contains("lvm-check")) check(questions.get(button.closest(".lvm-q").dataset.q));
      if (button.classList.contains("lvm-reset")) reset();
    });
  }

  /* Set up in a task of its own after Material's start-up, or at once when the reader gets
     there first (quiz-start.js, loaded before this script). */
  const call = ["[data-lvm-quiz][data-kind='choice']", setup];
  if (window.lvmQuizStart) window.lvmQuizStart(call[0], call[1]);
  else (window.lvmQuizWaiting = window.lvmQuizWaiting || []).push(call); /* see quiz-start.js */
})();
