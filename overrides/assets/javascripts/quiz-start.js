/* When the quizzes of a page are set up: one start-up shared by quiz-choice.js and
   self-assessment.js (loaded before them on every quiz page).
   Material runs document$'s subscribers inside its own start-up task, the longest of the page
   load: the page's quizzes are set up in a task of their own right after it, so that task grows
   no longer (Total Blocking Time). A reader who reaches a quiz before then sets it up at once:
   the capturing listeners run before the quiz's own ones, which setup() adds. */
(() => {
  "use strict";
  if (window.lvmQuizStart) return;

  const EARLY = ["pointerdown", "keydown", "focusin", "click", "change"];

  function prepare(root, setup) {
    if (root.lvmReady) return undefined; /* each quiz element is set up once */
    root.lvmReady = true;
    const now = () => {
      if (root.dataset.ready) return;
      EARLY.forEach(type => root.removeEventListener(type, now, true));
      setup(root);
      root.dataset.ready = "1"; /* tests wait for this */
    };
    EARLY.forEach(type => root.addEventListener(type, now, true));
    return now;
  }

  /* selector: the quizzes one script serves; setup(root): that script's set-up of one quiz. */
  const start = (selector, setup) => {
    document$.subscribe(() => {
      /* One task for all the quizzes of the page, so they are ready together. */
      const pending = [...document.querySelectorAll(selector)].map(root => prepare(root, setup)).filter(Boolean);
      /* With an address naming a place on the page (a missed question's link, a shared deep
         link) the browser scrolls to it: answered questions above it open their explanations,
         so set up now, before that scroll, or the place moves down after it. */
      if (location.hash.length > 1) pending.forEach(now => now());
      else if (pending.length) setTimeout(() => pending.forEach(now => now()), 0);
    });
  };
  /* On instant navigation Material inserts the page's scripts again, and under load a quiz
     script has been seen to run before this one ("lvmQuizStart is not a function"): a quiz
     script that comes first leaves its call in lvmQuizWaiting, taken up here. */
  window.lvmQuizStart = start;
  (window.lvmQuizWaiting || []).splice(0).forEach(call => start(call[0], call[1]));
})();
