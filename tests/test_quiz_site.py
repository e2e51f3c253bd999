"""The quizzes in the built site: keyboard only, after instant navigation, with and without JS.

Material 9.8.1 only intercepts links listed in sitemap.xml, and it rewrites the sitemap's
host to the current one but drops the port. On the test server (a random port) every link
would fall back to a full page load, so the browser tests hand Material a sitemap for the
test origin, as a visitor to the published site (same origin as site_url) gets.
"""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
import sitekit  # scripts/: conftest puts it on sys.path
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from macros.render_quiz import scoring

from .conftest import (
    ROOT,
    copy_project,
    describe_violations,
    load_yaml,
    resolve_link,
    run_axe,
    run_build,
    serve,
)

SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
#: The script each kind of quiz loads, and its size budget (gzip).
QUIZ_SCRIPTS = {"choice": ("quiz-choice.js", 4 * 1024), "self-assessment": ("self-assessment.js", 7 * 1024)}
CHOICE = ["leading-or-managing", "which-style"]


def _site_url() -> str:
    return str(sitekit.load_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "")


ALL_QUIZZES = ["leading-or-managing", "self-assessment", "which-style"]


def quiz_data(quiz_id: str) -> dict:
    return load_yaml(ROOT / "data" / "quizzes" / f"{quiz_id}.yaml")


# --------------------------------------------------------------------------- build checks
@pytest.mark.build
def search_docs(site) -> list[dict]:
    """The search index's sections: Material's lunr index, else Zensical's own (search.json)."""
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():
        return json.loads(lunr.read_text(encoding="utf-8"))["docs"]
    return json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]


def test_search_index_holds_no_answers_or_explanations(built_site):
    quiz_text = " ".join(d["text"] for d in search_docs(built_site) if d["location"].startswith("quizzes/"))
    quiz_text = re.sub(r"\s+", " ", quiz_text)
    assert "Try again" in quiz_text or "Question 1 of" in quiz_text  # the pages are indexed…
    for quiz_id in CHOICE:
        for q in quiz_data(quiz_id)["questions"]:
            explanation = re.sub(r"\s+", " ", q["explanation"])
            assert explanation[:60] not in quiz_text, f"{quiz_id}/{q['id']}: explanation is searchable"
    for marker in ("Answer:", "data-correct", "correct answer", "Answer and explanation"):
        assert marker not in quiz_text, marker  # …but not the answers


@pytest.mark.build
def test_quiz_scripts_only_on_their_quiz_pages_and_small(built_site):
    for kind, (name, budget) in QUIZ_SCRIPTS.items():
        pages = sorted(
            p.relative_to(built_site).as_posix()
            for p in built_site.rglob("*.html")
            if f'assets/javascripts/{name}"' in p.read_text()
        )
        wanted = [f"quizzes/{q}/index.html" for q in ALL_QUIZZES if quiz_data(q)["kind"] == kind]
        assert pages == wanted, name
        raw = (SCRIPTS / name).read_bytes()
        assert len(gzip.compress(raw, 9)) < budget, f"{name} must stay under {budget // 1024} KiB gzip"
        assert "window.lvmQuizStart(" in raw.decode()
        assert "innerHTML" not in raw.decode() or "esc(" in raw.decode()
    start = (SCRIPTS / "quiz-start.js").read_text(encoding="utf-8")
    assert "document$.subscribe(" in start and len(gzip.compress(start.encode(), 9)) < 1536
    for page in built_site.glob("quizzes/*/index.html"):
        srcs = re.findall(r'src="[^"]*assets/javascripts/([a-z-]+\.js)"', page.read_text(encoding="utf-8"))
        assert srcs.index("quiz-start.js") < min(srcs.index(n) for n, _ in QUIZ_SCRIPTS.values() if n in srcs), page
    assert not (SCRIPTS / "quiz.js").exists()
    html = (built_site / "quizzes" / "which-style" / "index.html").read_text(encoding="utf-8")
    # data-search-exclude keeps the explanation out of the index (the test above); Zensical's search
    # reads the attribute and drops it from the page.
    explains = re.findall(r'<details class="lvm-explain"(?: data-search-exclude)?>', html)
    assert len(explains) == len(quiz_data("which-style")["questions"])
    assert html.count("data-correct") == sum(
        1 for q in quiz_data("which-style")["questions"] for o in q["options"] if o.get("correct")
    )


def keyed_positions(html: str, quiz_id: str) -> list[list[int]]:
    """For each question in the built HTML, the 0-based positions of its keyed options."""
    out = []
    for block in html.split('<fieldset class="lvm-q"')[1:]:
        inputs = re.findall(r"<input [^>]*>", block.split("</fieldset>")[0])
        out.append([n for n, tag in enumerate(inputs) if "data-correct" in tag])
    return out


@pytest.mark.build
@pytest.mark.parametrize("quiz_id", CHOICE)
def test_no_answer_by_position_in_the_built_html(built_site, quiz_id):
    data = quiz_data(quiz_id)
    orders = {tuple(o["id"] for o in q["options"]) for q in data["questions"]}
    html = (built_site / "quizzes" / quiz_id / "index.html").read_text(encoding="utf-8")
    positions = keyed_positions(html, quiz_id)
    assert len(positions) == len(data["questions"])
    if len(orders) == 1:
        # A fixed set (Leading / Managing / Both) keeps its order: the data order is the page order.
        assert all(
            [n for n, o in enumerate(q["options"]) if o.get("correct")] == p
            for q, p in zip(data["questions"], positions, strict=True)
        )
        return
    keys = [n for p in positions for n in p]
    counts = Counter(keys)
    widths = [len(q["options"]) for q in data["questions"]]
    fair = sum(len(p) / w for p, w in zip(positions, widths, strict=True)) / len(keys)  # 1 / options, per key
    assert max(counts.values()) <= len(keys) / 2, counts
    assert counts[0] / len(keys) <= fair + 0.15, (counts, fair)


@pytest.mark.parametrize("quiz_id", CHOICE)
def test_no_answer_by_surface_cues(quiz_id):
    """Trigger words and the longest option do not point to the key."""
    questions = quiz_data(quiz_id)["questions"]
    keyed = {q["id"]: {o["id"] for o in q["options"] if o.get("correct")} for q in questions}
    for word in ("why", "budget", "rota", "two minutes", "bonus", "urgent"):
        hits = [q for q in questions if re.search(rf"\b{word}\b", q["prompt"], re.IGNORECASE)]
        keys = {frozenset(keyed[q["id"]]) for q in hits}
        assert len(hits) < 2 or len(keys) > 1, f"{quiz_id}: every prompt with {word!r} has the same key"
    varied = [q for q in questions if len({len(o["text"]) for o in q["options"]}) > 1]
    longest = [q for q in varied if max(q["options"], key=lambda o: len(o["text"])).get("correct")]
    fair = sum(sum(1 for o in q["options"] if o.get("correct")) / len(q["options"]) for q in varied)
    assert len(longest) <= fair + 0.15 * len(varied) + 1, [q["id"] for q in longest]


def test_leading_or_managing_keys_are_balanced():
    """Always giving one answer scores close to a third: no key runs more than 1.5 (or a tenth) off."""
    questions = quiz_data("leading-or-managing")["questions"]
    keys = Counter(o["id"] for q in questions for o in q["options"] if o.get("correct"))
    fair = len(questions) / 3
    assert set(keys) == {"leading", "managing", "both"}
    assert all(abs(n - fair) <= max(1.5, fair / 10) for n in keys.values()), keys


def test_leading_or_managing_cue_words_are_spread():
    """Words a guesser might key on ('why', 'new', 'never') are not mostly under one answer."""
    questions = quiz_data("leading-or-managing")["questions"]
    keyed = {q["id"]: next(o["id"] for o in q["options"] if o.get("correct")) for q in questions}
    for word in ("why", "new", "never", "tried", "because"):
        hits = Counter(keyed[q["id"]] for q in questions if re.search(rf"\b{word}\b", q["prompt"], re.I))
        total = sum(hits.values())
        assert total < 3 or max(hits.values()) <= total * 2 / 3, (word, hits)


def test_laissez_faire_is_no_throwaway():
    questions = quiz_data("which-style")["questions"]
    offered = [q["id"] for q in questions if any(o["id"] == "laissez-faire" for o in q["options"])]
    assert len(offered) <= len(questions) / 4, offered


def test_self_assessment_measures_with_care():
    data = quiz_data("self-assessment")
    statements = data["statements"]
    per = Counter((s["dimension"], s["pole"]) for s in statements)
    for dim in {s["dimension"] for s in statements}:
        assert per[(dim, "leading")] >= 2 and per[(dim, "managing")] >= 2, dim
    assert {s["pole"] for s in statements if s.get("reverse")} == {"leading", "managing"}
    assert all(a["dimension"] != b["dimension"] for a, b in zip(statements, statements[1:], strict=False))
    poles = "".join(s["pole"][0] for s in statements)
    assert "lml" not in poles or "mlm" not in poles or "ll" in poles or "mm" in poles  # not a strict alternation
    assert data["not_yet"] and any(s.get("not_yet") for s in statements)
    labels = [x["label"] for x in data["scale"]]
    assert "Often" in labels  # a frequency scale
    for s in statements:
        assert " and I " not in s["text"] and not s["text"].startswith("I can "), s["id"]
    # A quiet week (every event-bound statement answered "not yet") still gives each side enough
    # answers for a headline: neither side rests on event-bound statements alone.
    floor = scoring(SimpleNamespace(scale=data["scale"]))["min"]
    every_week = Counter(s["pole"] for s in statements if not s.get("not_yet"))
    assert every_week["leading"] >= floor and every_week["managing"] >= floor, every_week


@pytest.mark.build
def test_self_assessment_result_links_resolve(built_site):
    """The names and links quiz.js puts in the result (an attribute, so no link checker sees them)."""
    page = built_site / "quizzes" / "self-assessment" / "index.html"
    found = re.search(r'data-lvm-names="([^"]+)"', page.read_text(encoding="utf-8"))
    names = json.loads(html_lib.unescape(found.group(1)))
    data = quiz_data("self-assessment")
    assert len(names["s"]) == len(data["scale"])
    assert set(names["t"]) == {t for s in data["statements"] for t in s.get("traits", [])}
    missing = []
    for kind in ("d", "t", "p"):
        for entry_id, (name, url) in names[kind].items():
            path, anchor = resolve_link(built_site, page, url)
            target = built_site / path
            assert anchor == entry_id and name
            text = target.read_text(encoding="utf-8") if target.exists() else ""
            if f'id="{anchor}"' not in text:
                missing.append(url)
    assert not missing, missing


# --------------------------------------------------------------------------- browser helpers
def local_sitemap(page, base: str) -> None:
    """Serve Material a sitemap whose URLs are on the test origin (see the module docstring)."""
    published = _site_url().rstrip("/") + "/"

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(published, base))

    page.route("**/sitemap.xml", handle)


def arrive_by_instant_navigation(watch, base: str, quiz_id: str):
    """Home page, then the quizzes index, then the quiz, each by clicking a link (no reload)."""
    page = watch.page
    local_sitemap(page, base)
    page.goto(base, wait_until="networkidle")
    page.evaluate("window.__marker = 1")
    page.locator(".md-content a[href$='/quizzes/']").first.click()
    page.wait_for_url(re.compile(r"/quizzes/$"))
    page.locator(f".md-content a[href$='/quizzes/{quiz_id}/']").first.click()
    page.wait_for_url(re.compile(f"/quizzes/{quiz_id}/$"))
    try:
        page.wait_for_selector(f"#lvm-{quiz_id}[data-ready]", state="attached")
    except Exception:
        state = page.evaluate(
            "() => ({start: typeof window.lvmQuizStart, choice: !!window.lvmQuizChoice,"
            " self: !!window.lvmSelfAssessment, root: !!document.querySelector('[data-lvm-quiz]'),"
            " prepared: [...document.querySelectorAll('[data-lvm-quiz]')].map(r => !!r.lvmReady),"
            " scripts: [...document.querySelectorAll('script[src]')].map(s => s.src.split('/').pop())})"
        )
        raise AssertionError(f"the quiz never got ready: {state}; errors: {watch.errors}") from None
    assert page.evaluate("window.__marker") == 1, "the quiz page was fully reloaded, not instantly navigated"
    return page


def active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_until(page, predicate_js: str, limit: int = 40) -> None:
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate_js}); }})()"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {predicate_js}; focus is on {active_id(page)!r}")


def wait_live(page, quiz_id: str, text: str) -> None:
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel).textContent.includes(text)",
        arg=[f"#lvm-{quiz_id} [data-lvm-live]", text],
    )


def to_dark(page) -> None:
    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # The pointer rests on the toggle, whose tooltip fades in after a delay; axe measuring it
    # half-faded is not what a reader sees. Move the pointer to plain text and let it close.
    page.locator("article h1").hover()
    page.wait_for_function("() => !document.querySelector('.md-tooltip--active, .md-tooltip2--active')")


def axe_clean(page, label: str) -> None:
    violations = run_axe(page)
    assert not violations, f"{label}: {describe_violations(violations)}"


def questions_of(page, quiz_id: str) -> list[dict]:
    return page.eval_on_selector_all(
        f"#lvm-{quiz_id} .lvm-q",
        """fs => fs.map(f => ({id: f.dataset.q, inputs: [...f.querySelectorAll('input')].map(i => (
            {id: i.id, type: i.type, correct: i.hasAttribute('data-correct')}))}))""",
    )


def answer_choice_quiz_by_keyboard(page, quiz_id: str) -> int:
    """Answer every question with the keyboard alone (some right, some wrong); return the score."""
    qs = questions_of(page, quiz_id)
    score = 0
    page.focus(f"[id='{qs[0]['inputs'][0]['id']}']")  # the starting point; from here on, keys only
    for n, q in enumerate(qs):
        right = n % 3 != 1
        inputs = q["inputs"]
        assert active_id(page) == inputs[0]["id"], f"question {n + 1}: focus is on {active_id(page)!r}"
        if inputs[0]["type"] == "checkbox":
            wanted = (
                {i["id"] for i in inputs if i["correct"] == right}
                if right
                else {next(i["id"] for i in inputs if not i["correct"])}
            )
            for k, box in enumerate(inputs):
                if k:
                    page.keyboard.press("Tab")
                assert active_id(page) == box["id"]
                if box["id"] in wanted:
                    page.keyboard.press("Space")
        else:
            target = next(k for k, i in enumerate(inputs) if i["correct"] == right)
            if target == 0:
                page.keyboard.press("Space")
            for _ in range(target):
                page.keyboard.press("ArrowDown")
        if n % 2:
            page.keyboard.press("Enter")  # Enter on the chosen option checks it
        else:
            tab_until(page, "el.classList.contains('lvm-check')", limit=6)
            page.keyboard.press("Enter")
        score += right
        wait_live(page, quiz_id, f"{n + 1} of {len(qs)} answered")
        live = page.inner_text(f"#lvm-{quiz_id} [data-lvm-live]")
        assert live.startswith("✓ Correct." if right else "✗ Not quite"), live
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        if n + 1 < len(qs):
            tab_until(page, f"el.id === '{qs[n + 1]['inputs'][0]['id']}'")
    return score


# --------------------------------------------------------------------------- choice quizzes
@pytest.mark.browser
@pytest.mark.parametrize("quiz_id", CHOICE)
def test_choice_quiz_by_keyboard_after_instant_navigation(new_page, served_site, quiz_id):
    watch = new_page()
    page = arrive_by_instant_navigation(watch, served_site, quiz_id)
    total = len(quiz_data(quiz_id)["questions"])
    root = f"#lvm-{quiz_id}"
    assert page.inner_text(f"{root} [data-lvm-progress]") == f"0 of {total} answered, 0 correct"
    assert page.locator(f"{root} details.lvm-explain:visible").count() == 0  # answers hidden until answered

    score = answer_choice_quiz_by_keyboard(page, quiz_id)

    assert page.inner_text(f"{root} .lvm-score") == f"Your score: {score} out of {total}."
    wait_live(page, quiz_id, f"your score is {score} out of {total}")
    assert page.inner_text(f"{root} [data-lvm-progress]") == f"{total} of {total} answered, {score} correct"
    assert page.locator(f"{root} details.lvm-explain[open]:visible").count() == total
    assert page.locator(f"{root} .lvm-feedback:visible").count() == total
    assert page.locator(f"{root} .lvm-tag").count() >= total  # each question marks its answer in text
    saved = json.loads(page.evaluate(f"localStorage.getItem('lvm-quiz:{quiz_id}')"))
    assert set(saved) == {q["id"] for q in quiz_data(quiz_id)["questions"]}
    axe_clean(page, "answered, light")
    to_dark(page)
    axe_clean(page, "answered, dark")

    # Try again, by keyboard: from the last explanation (focus left it for the palette toggle).
    page.focus(f"{root} .lvm-q:last-of-type summary")
    tab_until(page, "el.classList.contains('lvm-reset')")
    page.keyboard.press("Enter")
    wait_live(page, quiz_id, "Answers cleared.")
    assert page.inner_text(f"{root} [data-lvm-progress]") == f"0 of {total} answered, 0 correct"
    assert page.locator(f"{root} input:checked, {root} input:disabled").count() == 0
    assert page.evaluate(f"localStorage.getItem('lvm-quiz:{quiz_id}')") is None
    assert active_id(page) == questions_of(page, quiz_id)[0]["inputs"][0]["id"]
    assert not watch.errors, watch.errors
    assert not watch.external, watch.external


@pytest.mark.browser
def test_saved_answers_are_keyed_by_question_id(new_page, served_site):
    """An answer saved for one question comes back on that question, wherever it sits."""
    quiz_id = "leading-or-managing"
    questions = quiz_data(quiz_id)["questions"]
    last = questions[-1]
    wrong = next(o["id"] for o in last["options"] if not o.get("correct"))
    watch = new_page()
    page = watch.page
    page.goto(served_site, wait_until="networkidle")
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [f"lvm-quiz:{quiz_id}", json.dumps({last["id"]: [wrong], "q-no-longer-exists": ["x"]})],
    )
    page.goto(served_site + f"quizzes/{quiz_id}/", wait_until="networkidle")
    page.wait_for_selector(f"#lvm-{quiz_id}[data-ready]", state="attached")  # set up after Material's start-up
    fieldset = f"#lvm-{quiz_id}--{last['id']}"
    assert page.is_checked(f"{fieldset}--{wrong}") and page.is_disabled(f"{fieldset}--{wrong}")
    assert page.is_visible(f"{fieldset} details.lvm-explain[open]")
    assert page.inner_text(f"{fieldset} .lvm-feedback").startswith("✗ Not quite")
    first = f"#lvm-{quiz_id}--{questions[0]['id']}"
    assert not page.is_visible(f"{first} details.lvm-explain") and page.is_visible(f"{first} .lvm-check")
    assert page.inner_text(f"#lvm-{quiz_id} [data-lvm-progress]") == f"1 of {len(questions)} answered, 0 correct"
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_repeated_instant_navigation_sets_each_quiz_up_once(new_page, served_site):
    watch = new_page()
    page = arrive_by_instant_navigation(watch, served_site, "which-style")
    for quiz_id in ("leading-or-managing", "which-style"):
        page.locator(f".md-nav a[href$='/quizzes/{quiz_id}/']").first.evaluate("a => a.click()")
        page.wait_for_url(re.compile(f"/quizzes/{quiz_id}/$"))
        page.wait_for_selector(f"#lvm-{quiz_id}[data-ready]", state="attached")
    assert page.evaluate("window.__marker") == 1
    q = questions_of(page, "which-style")[0]
    page.focus(f"[id='{q['inputs'][0]['id']}']")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    wait_live(page, "which-style", "1 of")
    # One handler: the option is marked once, and the answer counted once.
    # (the chosen option and, if it is not the keyed one, the keyed one)
    assert page.locator(f"#lvm-which-style--{q['id']} .lvm-tag").count() == (1 if q["inputs"][0]["correct"] else 2)
    assert page.inner_text("#lvm-which-style [data-lvm-progress]").startswith("1 of")
    assert not watch.errors, watch.errors


# --------------------------------------------------------------------------- self-assessment
def rating_for(n: int, scale: int) -> int:
    return 1 + (n * 7 + n // 3) % scale


def points(statement: dict, rating: int, scale: int) -> int:
    return scale + 1 - rating if statement.get("reverse") else rating


@pytest.mark.browser
def test_self_assessment_by_keyboard_chart_share_and_print(new_page, served_site):
    quiz_id = "self-assessment"
    data = quiz_data(quiz_id)
    statements, scale = data["statements"], len(data["scale"])
    watch = new_page()
    page = arrive_by_instant_navigation(watch, served_site, quiz_id)
    root = f"#lvm-{quiz_id}"

    # Asking for the result too early says, visibly, what is missing and offers a way there.
    page.focus(f"{root} .lvm-show")
    page.keyboard.press("Enter")
    wait_live(page, quiz_id, f"Answer every statement first: {len(statements)} left")
    assert page.is_visible(f"{root} [data-lvm-note]")
    assert page.locator(f"{root} [data-lvm-note] button.lvm-jump").count() == len(statements)
    assert page.evaluate("document.activeElement.hasAttribute('data-lvm-note')")
    page.keyboard.press("Tab")  # the first "go to statement" button
    page.keyboard.press("Enter")
    assert active_id(page) == f"lvm-{quiz_id}--{statements[0]['id']}--1"

    for n, s in enumerate(statements):
        assert active_id(page) == f"lvm-{quiz_id}--{s['id']}--1", f"statement {n + 1}"
        rating = rating_for(n, scale)
        if rating == 1:
            page.keyboard.press("Space")
        for _ in range(rating - 1):
            page.keyboard.press("ArrowRight")
        assert page.is_checked(f"#lvm-{quiz_id}--{s['id']}--{rating}")
        # The progress line stays in view while answering.
        box = page.locator(f"{root} [data-lvm-progress]").bounding_box()
        assert 0 <= box["y"] < 800
        page.keyboard.press("Tab")
    assert page.inner_text(f"{root} [data-lvm-progress]") == f"{len(statements)} of {len(statements)} answered"
    assert page.evaluate("document.activeElement.classList.contains('lvm-show')")
    page.keyboard.press("Enter")
    wait_live(page, quiz_id, "Your result is ready.")
    assert page.evaluate("document.activeElement.textContent") == "Your result"
    assert not page.is_visible(f"{root} [data-lvm-note]")

    # The actionable part first: headline, what to develop next, then the chart, then the table.
    order = page.eval_on_selector_all(
        f"{root} .lvm-result .lvm-headline, {root} .lvm-result h3, {root} .lvm-result svg, {root} .lvm-result table",
        "els => els.map(e => e.tagName.toLowerCase())",
    )
    assert order == ["p", "h3", "svg", "table"], order

    # The scores count reversed statements the other way round and leave "not yet" out.
    dims = list(dict.fromkeys(s["dimension"] for s in statements))
    for pole, label in (("leading", "Leading"), ("managing", "Managing")):
        got = [points(s, rating_for(n, scale), scale) for n, s in enumerate(statements) if s["pole"] == pole]
        assert f"{label}: " + f"{sum(got) / len(got):.1f}".removesuffix(".0") + f" of {scale}" in page.inner_text(
            f"{root} .lvm-balance"
        )
        # Each side says how many answers it rests on ("not yet" can leave one side with fewer).
        assert f"(from {len(got)} answers)" in page.inner_text(f"{root} .lvm-balance")
    svg = page.locator(f"{root} svg.lvm-chart")
    assert svg.get_attribute("role") == "img" and "table below" in svg.get_attribute("aria-label")
    assert svg.locator("rect").count() == 2 * (len(dims) + 1)
    assert svg.bounding_box()["height"] > 150
    rows = page.locator(f"{root} .lvm-result table tbody tr")
    assert rows.count() == len(dims) + 1
    assert page.locator(f"{root} .lvm-result table caption").count() == 1

    # What to develop next suggests only habits that score at the midpoint or lower (a reversed
    # statement scores the other way round).
    develop = int((scale + 1) / 2)
    eligible = {
        x
        for n, s in enumerate(statements)
        if points(s, rating_for(n, scale), scale) <= develop
        for x in [*s.get("traits", []), *s.get("practices", []), *s.get("playbook", [])]
    }
    links = page.eval_on_selector_all(f"{root} .lvm-result ol a", "as => as.map(a => a.href)")
    assert 1 <= len(links) <= 5, links
    for link in links:
        found = re.search(r"/(traits|principles|playbook)/#([a-z0-9-]+)$", link)
        assert found and found.group(2) in eligible, link
    for item in page.eval_on_selector_all(f"{root} .lvm-result ol li", "ls => ls.map(l => l.textContent)"):
        if item.endswith("(reversed)"):
            assert "“Rarely”" not in item and "“Almost never”" not in item, item
        else:
            assert "“Often”" not in item and "“Almost always”" not in item, item
    # The habits that count for both sides are named as unscored, with the intro's links to them.
    both = page.eval_on_selector_all(f"{root} .lvm-result .lvm-both a", "as => as.map(a => a.href)")
    assert both == page.eval_on_selector_all(f"{root} .lvm-quiz-intro a", "as => as.map(a => a.href)") and both

    # Copy link: visible feedback (copied, or the link selected where copying is blocked).
    page.locator(f"{root} .lvm-copy").click()
    page.wait_for_selector(f"{root} .lvm-copied:visible")
    assert re.search(r"Link copied|Copying is blocked", page.inner_text(f"{root} .lvm-copied"))

    table = page.text_content(f"{root} .lvm-result table")
    shared = page.input_value(f"{root} .lvm-share input")
    assert "#r=" in shared and len(shared.split("#r=")[1]) == 7 * len(statements)
    assert json.loads(page.evaluate(f"localStorage.getItem('lvm-quiz:{quiz_id}')"))["r"] == 1
    axe_clean(page, "result, light")
    to_dark(page)
    axe_clean(page, "result, dark")

    # Printing shows the result without the controls, the statements, the intro or the notes.
    page.emulate_media(media="print")
    assert page.is_visible(f"{root} .lvm-result svg")
    for hidden in (".lvm-share", ".lvm-show", ".lvm-q", ".lvm-method", ".lvm-quiz-intro"):
        assert not page.is_visible(f"{root} {hidden}"), hidden
    assert not page.is_visible("article > p:not(.lvm-edit-data)")  # the page's intro
    assert not page.is_visible("#without-javascript")
    pdf = page.pdf(format="A4")  # (with print media: emulating "screen" would print the screen look)
    page.emulate_media(media="screen")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 1 <= pages <= 2, f"the printed result must fit two A4 pages, not {pages}"
    assert not watch.errors, watch.errors

    # The shared link restores the same result in a fresh browser, lands on "Your result" below the
    # sticky header, saves nothing there, and survives the section tracking rewriting the address.
    fresh = new_page(width=390, height=844)
    fresh.page.goto(shared.replace(shared.split("/quizzes/")[0] + "/", served_site), wait_until="networkidle")
    fresh.page.wait_for_selector(f"{root} .lvm-result:not([hidden]) svg")
    assert fresh.page.text_content(f"{root} .lvm-result table") == table
    fresh.page.wait_for_timeout(300)
    heading = fresh.page.locator(f"{root} .lvm-result h2").bounding_box()
    header = fresh.page.locator(".md-header").bounding_box()
    assert header["height"] <= heading["y"] < 844 - heading["height"], (heading, header)
    assert not fresh.page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lvm-quiz:'))")
    axe_clean(fresh.page, "shared result, mobile")
    fresh.page.evaluate("history.replaceState(null, '', location.pathname + '#without-javascript')")
    fresh.page.reload(wait_until="networkidle")
    fresh.page.wait_for_selector(f"{root} .lvm-result:not([hidden]) svg")
    assert fresh.page.text_content(f"{root} .lvm-result table") == table
    assert not fresh.errors, fresh.errors
    assert not watch.external and not fresh.external


def shared_link(base: str, scores: dict[str, int]) -> str:
    """A result link whose statements score as given (reverse-keyed ones are rated the other way)."""
    from macros.render_quiz import statement_key

    data = quiz_data("self-assessment")
    scale = len(data["scale"])
    code = ""
    for s in data["statements"]:
        want = scores[s["pole"]]
        rating = scale + 1 - want if s.get("reverse") else want
        code += statement_key(s["id"]) + str(rating)
    return base + "quizzes/self-assessment/#r=" + code


@pytest.mark.browser
@pytest.mark.parametrize(
    ("scores", "headline"),
    [
        ({"leading": 5, "managing": 5}, "Strong on both"),
        ({"leading": 1, "managing": 1}, "Early days on both"),
        ({"leading": 4, "managing": 2}, "You lean towards leading"),
        ({"leading": 3, "managing": 3}, "About even"),
    ],
)
def test_headlines_differ_for_high_both_low_both_and_a_lean(new_page, served_site, scores, headline):
    watch = new_page()
    page = watch.page
    page.goto(shared_link(served_site, scores), wait_until="networkidle")
    page.wait_for_selector("#lvm-self-assessment .lvm-result:not([hidden]) .lvm-headline")
    assert page.inner_text("#lvm-self-assessment .lvm-headline").startswith(headline)
    readings = page.eval_on_selector_all(
        "#lvm-self-assessment .lvm-result tbody tr td:last-child", "tds => tds.slice(1).map(t => t.textContent)"
    )
    if scores["leading"] == scores["managing"]:
        assert set(readings) == {"About even"}, readings
    if min(scores.values()) >= 4:
        # Nothing rated above the midpoint is ever suggested.
        assert page.locator("#lvm-self-assessment .lvm-result ol li").count() == 0
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_a_reversed_habit_at_its_worst_is_suggested(new_page, served_site):
    """A reversed statement answered "Almost always" scores lowest, so its links lead "What to
    develop next" (everything else scores top, so nothing else is suggested)."""
    from macros.render_quiz import statement_key

    data = quiz_data("self-assessment")
    scale = len(data["scale"])
    target = next(s for s in data["statements"] if s.get("reverse") and s.get("playbook"))
    code = "".join(
        statement_key(s["id"]) + str(scale if s is target or not s.get("reverse") else 1) for s in data["statements"]
    )
    link = served_site + "quizzes/self-assessment/#r=" + code
    watch = new_page()
    page = watch.page
    page.goto(link, wait_until="networkidle")
    page.wait_for_selector("#lvm-self-assessment .lvm-result:not([hidden]) .lvm-headline")
    items = page.eval_on_selector_all("#lvm-self-assessment .lvm-result ol li", "ls => ls.map(l => l.textContent)")
    assert len(items) == 1 and " ".join(target["text"].split()) in items[0], items
    assert f"“{data['scale'][-1]['label']}”" in items[0] and items[0].endswith("(reversed)"), items
    hrefs = page.eval_on_selector_all("#lvm-self-assessment .lvm-result ol a", "as => as.map(a => a.href)")
    assert any(h.endswith(f"/playbook/#{target['playbook'][0]}") for h in hrefs), hrefs
    assert not watch.errors, watch.errors


# --------------------------------------------------------------------------- untrusted storage
TAMPERED = ["5", '"x\\"]"', "[1, 2]", "null", "{", '{"a": 3}', '{"__proto__": ["leading"], "constructor": 1}']


@pytest.mark.browser
@pytest.mark.parametrize("quiz_id", ["which-style", "self-assessment"])
def test_tampered_storage_is_ignored_and_cleared(new_page, served_site, quiz_id):
    data = quiz_data(quiz_id)
    first = (data.get("questions") or data["statements"])[0]["id"]
    odd = [
        *TAMPERED,
        json.dumps({first: ['"]', "x"], "toString": ["y"]}),
        json.dumps({"a": {first: '5"]', "toString": 2, "constructor": 1}, "r": "yes"}),
    ]
    watch = new_page()
    page = watch.page
    page.goto(served_site, wait_until="networkidle")
    for value in odd:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"lvm-quiz:{quiz_id}", value])
        page.goto(served_site + f"quizzes/{quiz_id}/", wait_until="networkidle")
        page.wait_for_selector(f"#lvm-{quiz_id}[data-ready]", state="attached")
        assert page.locator(f"#lvm-{quiz_id} input:checked").count() == 0, value
        left = page.evaluate(f"localStorage.getItem('lvm-quiz:{quiz_id}')")
        assert left is None, (value, left)
        # The quiz still works: answer the first item.
        page.locator(f"#lvm-{quiz_id} .lvm-q").first.locator("input").first.check()
        if quiz_id != "self-assessment":
            page.locator(f"#lvm-{quiz_id} .lvm-q").first.locator(".lvm-check").click()
            wait_live(page, quiz_id, "1 of")
        assert page.evaluate(f"localStorage.getItem('lvm-quiz:{quiz_id}')"), value
    # A shared link with odd characters is ignored too.
    page.goto(served_site + f"quizzes/{quiz_id}/#r=%22%5D%3Cb%3E", wait_until="networkidle")
    page.wait_for_selector(f"#lvm-{quiz_id}[data-ready]", state="attached")
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_check_with_nothing_chosen_says_so_visibly(new_page, served_site):
    quiz_id = "leading-or-managing"
    watch = new_page(width=390, height=844)
    page = watch.page
    page.goto(served_site + f"quizzes/{quiz_id}/", wait_until="networkidle")
    q = page.locator(f"#lvm-{quiz_id} .lvm-q").first
    q.locator(".lvm-check").click()
    assert q.locator(".lvm-feedback.lvm-warn").is_visible()
    assert "Choose an answer" in q.locator(".lvm-feedback").inner_text()
    q.locator("input").first.check()
    assert not q.locator(".lvm-feedback").is_visible()
    q.locator(".lvm-check").click()
    # Answered: the chosen option keeps full contrast (no pale disabled look), the verdict is said
    # once, and the explanation is in body text size.
    opacity = q.locator("input:checked").evaluate("i => getComputedStyle(i).opacity")
    assert opacity == "1"
    assert not q.locator(".lvm-answer").is_visible()
    body = page.locator("article > p").first.evaluate("p => getComputedStyle(p).fontSize")
    explain = q.locator(".lvm-explain p:not(.lvm-answer)").first.evaluate("p => getComputedStyle(p).fontSize")
    assert explain == body
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_rating_scale_reads_in_order_on_a_phone(new_page, served_site):
    watch = new_page(width=390, height=844)
    page = watch.page
    page.goto(served_site + "quizzes/self-assessment/", wait_until="networkidle")
    for field in page.locator("#lvm-self-assessment .lvm-q").all()[:3]:
        boxes = [label.bounding_box() for label in field.locator("label").all()]
        xs, ys = {round(b["x"]) for b in boxes}, [b["y"] for b in boxes]
        assert len(xs) == 1 or len({round(y) for y in ys}) == 1, boxes  # one column, or one row
        assert ys == sorted(ys)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# --------------------------------------------------------------------------- without JS
@pytest.mark.browser
@pytest.mark.parametrize("quiz_id", [*CHOICE, "self-assessment"])
def test_quiz_pages_are_readable_without_js(new_page, served_site, quiz_id):
    watch = new_page(js=False)
    page = watch.page
    page.goto(served_site + f"quizzes/{quiz_id}/")
    data = quiz_data(quiz_id)
    items = data.get("questions") or data["statements"]
    root = f"#lvm-{quiz_id}"
    assert page.locator(f"{root} fieldset legend:visible").count() == len(items)
    assert page.locator(f"{root} button:visible").count() == 0  # no dead controls
    if quiz_id == "self-assessment":
        page.locator(f"{root} details.lvm-method summary").click()
        assert page.is_visible(f"{root} details.lvm-method table")
        assert "Scoring key" in page.inner_text(f"{root} details.lvm-method summary")
        return
    explanations = page.locator(f"{root} details.lvm-explain")
    assert explanations.count() == len(items)
    first = items[0]
    answer = next(o["text"] for o in first["options"] if o.get("correct"))
    details = page.locator(f"#lvm-{quiz_id}--{first['id']} details")
    assert not details.evaluate("d => d.open")
    details.locator("summary").click()
    body = details.inner_text()
    assert f"Answer: {answer}" in body and first["explanation"].split()[0] in body
    page.check(f"#lvm-{quiz_id}--{first['id']}--{first['options'][0]['id']}")  # real inputs work


# --------------------------------------------------------------------------- several quizzes, one page
PROTO_QUIZ = """\
id: constructor
title: Prototype names
kind: choice
intro: Ids that are also names of JavaScript object properties.
questions:
  - id: constructor
    prompt: Which one?
    options:
      - {id: constructor, text: Constructor, correct: true}
      - {id: valueof, text: Value of}
    explanation: Because.
  - id: q-two
    prompt: And this one?
    options:
      - {id: tostring, text: To string, correct: true}
      - {id: constructor, text: Constructor}
    explanation: Because.
"""


@pytest.fixture(scope="module")
def multi_quiz_site(tmp_path_factory):
    """A build of the project whose "Which style fits?" page holds all three quizzes, plus one whose
    ids are names of JavaScript object properties ("constructor")."""
    project = copy_project(tmp_path_factory.mktemp("multi") / "project")
    (project / "data" / "quizzes" / "constructor.yaml").write_text(PROTO_QUIZ, encoding="utf-8")
    page = project / "docs" / "quizzes" / "which-style.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n{{ quiz("leading-or-managing") }}\n\n{{ quiz("self-assessment") }}\n\n{{ quiz("constructor") }}\n',
        encoding="utf-8",
    )
    site = project / "site-out"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    with serve(site) as base:
        yield base, site


@pytest.mark.browser
@pytest.mark.build
def test_several_quizzes_on_one_page(browser, multi_quiz_site):
    base, site = multi_quiz_site
    html = (Path(site) / "quizzes" / "which-style" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(base + "quizzes/which-style/", wait_until="networkidle")
    page.wait_for_function("() => [...document.querySelectorAll('[data-lvm-quiz]')].every(q => q.dataset.ready)")
    assert page.locator("[data-lvm-quiz] [data-lvm-progress]:visible").count() == 4
    a, b = questions_of(page, "which-style")[0], questions_of(page, "leading-or-managing")[0]
    page.focus(f"[id='{a['inputs'][0]['id']}']")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    wait_live(page, "which-style", "1 of")
    assert page.inner_text("#lvm-leading-or-managing [data-lvm-progress]").startswith("0 of")
    assert page.inner_text("#lvm-leading-or-managing [data-lvm-live]") == ""
    page.focus(f"[id='{b['inputs'][1]['id']}']")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    wait_live(page, "leading-or-managing", "1 of")
    assert page.locator(f"#lvm-which-style--{a['id']} .lvm-tag").count() >= 1
    assert page.inner_text("#lvm-self-assessment [data-lvm-progress]").startswith("0 of")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lvm-')).sort()") == [
        "lvm-quiz:leading-or-managing",
        "lvm-quiz:which-style",
    ]
    # Ids named like object properties: answered, saved and restored like any other.
    page.check("#lvm-constructor--constructor--constructor")
    page.locator("#lvm-constructor--constructor .lvm-check").click()
    wait_live(page, "constructor", "1 of 2 answered")
    assert json.loads(page.evaluate("localStorage.getItem('lvm-quiz:constructor')")) == {"constructor": ["constructor"]}
    page.reload(wait_until="networkidle")
    page.wait_for_selector("#lvm-constructor[data-ready]", state="attached")
    assert page.inner_text("#lvm-constructor [data-lvm-progress]") == "1 of 2 answered, 1 correct"
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    assert not errors, errors
    context.close()


# --------------------------------------------------------------------------- the end of a quiz (issue 19)
@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_end_lists_the_questions_missed_and_back_to_top_keeps_off_the_progress_line(
    new_page, served_site, width, height
):
    quiz_id = "which-style"
    watch = new_page(width=width, height=height)
    page = watch.page
    page.goto(f"{served_site}quizzes/{quiz_id}/", wait_until="networkidle")
    root = f"#lvm-{quiz_id}"
    fields = page.locator(f"{root} .lvm-q")
    total = fields.count()
    for n in range(total):  # the first question right, every other one wrong
        field = fields.nth(n)
        pick = "input[data-correct]" if n == 0 else "input:not([data-correct])"
        field.locator(pick).first.check()
        field.locator(".lvm-check").click()
    tags = page.locator(f"{root} .lvm-tag").all_inner_texts()
    assert tags and not any("keyed" in t for t in tags), tags
    missed = page.locator(f"{root} .lvm-missed li")
    assert missed.count() == total - 1
    for n in range(missed.count()):
        back, *entry = missed.nth(n).locator("a").all()
        target = back.get_attribute("href")
        assert target == "#" + fields.nth(n + 1).get_attribute("id"), target
        assert entry, f"missed question {n + 2}: no link to the entry that explains it"
        href = entry[0].get_attribute("href")
        assert href == fields.nth(n + 1).locator(".lvm-more a").first.get_attribute("href")

    # Scroll down, then a little up: Material shows "Back to top"; it must not cover the progress.
    page.mouse.wheel(0, 2500)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    shown = "() => { const b = document.querySelector('.md-top'); return !!b && !b.hidden }"
    page.wait_for_function(shown, timeout=10000)
    top = page.locator(".md-top").bounding_box()
    progress = page.locator(f"{root} [data-lvm-progress]").bounding_box()
    assert top["y"] >= progress["y"] + progress["height"], (top, progress)

    # Follow a missed question's link: it lands below the header and the progress line. First let
    # the wheel's scrolling end (on a busy machine it is still moving and would carry the page on).
    page.evaluate("""async () => { let last = -1;
        while (scrollY !== last) { last = scrollY; await new Promise(r => setTimeout(r, 200)); } }""")
    page.locator(f"{root} .lvm-missed li a").first.click()
    target = fields.nth(1).get_attribute("id")
    clear = """([root, id]) => {
        const bar = document.querySelector(root + ' [data-lvm-progress]').getBoundingClientRect();
        const top = document.getElementById(id).getBoundingClientRect().top;
        return location.hash === '#' + id && top >= bar.bottom - 1 && top < innerHeight / 2;
    }"""
    try:
        page.wait_for_function(clear, arg=[root, target], timeout=10000)  # scrolling may be smooth
    except PlaywrightTimeout:
        state = page.evaluate(
            """([root, id]) => ({hash: location.hash, y: scrollY, h: innerHeight,
            bar: document.querySelector(root + ' [data-lvm-progress]').getBoundingClientRect().bottom,
            top: document.getElementById(id).getBoundingClientRect().top})""",
            [root, target],
        )
        raise AssertionError(f"the question reached by its link is not clear of the bars: {state}") from None
    assert not watch.errors, watch.errors
