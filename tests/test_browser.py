"""The console, /docs and the SPARQL page in a real browser: Debian's Chromium driven by
Playwright (``executable_path``; Playwright's own browser download is not used).

Every page must work offline: a request to any URL that is not the test server fails the
test (requests are recorded, and answered with an error so nothing leaves the machine).

Without Chromium the tests are skipped, except in CI (``CI`` set), where they must run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def _find_chromium() -> str | None:
    """``KGBOT_CHROMIUM`` when set (None if no such file), else chromium on PATH."""
    named = os.environ.get("KGBOT_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM = _find_chromium()


def _unavailable() -> str | None:
    if CHROMIUM is None:
        return "Chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


_why = _unavailable()
if _why and os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
    raise RuntimeError(f"browser tests must run in CI: {_why}")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(_why is not None, reason=_why or "")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


class Visit:
    """A browser page on the test server that records every request it makes."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.base = base
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(**context)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith((self.base + "/", "data:", "blob:")) or url == self.base:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def go(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def ask(self, question: str, number: int) -> Any:
        self.page.fill("#q", question)
        self.page.press("#q", "Enter")
        card = self.page.locator(f"#answer-{number}")
        card.wait_for()
        return card


@pytest.fixture
def visit(browser: Any, http_live: Any) -> Iterator[Visit]:
    v = Visit(browser, http_live.url)
    yield v
    v.context.close()
    assert not v.foreign, f"the page requested non-local URLs: {v.foreign}"
    assert not v.errors, f"script errors on the page: {v.errors}"


def test_ask_and_see_the_value_and_the_quote(visit: Visit) -> None:
    page = visit.go("/")
    assert page.get_by_label("Ask a question about AI-infrastructure spending").is_visible()
    card = visit.ask("what did Meta spend on AI capex in the first half of 2025?", 1)
    assert card.locator("dd.value").inner_text() == "$30.7B"
    assert "H1 2025" in card.locator(".fields").inner_text()
    assert "reported" in card.locator(".badge").first.inner_text()
    quote = card.locator(".sources blockquote").first.inner_text()
    assert "Meta’s capital expenditure for AI amounted to $30.7 billion" in quote
    assert page.evaluate("document.activeElement.id") == "q"  # ready for the next question


def test_a_follow_up_keeps_the_conversation(visit: Visit) -> None:
    visit.go("/")
    visit.ask("what did Meta spend on AI capex in the first half of 2025?", 1)
    card = visit.ask("and in H1 2024?", 2)
    fields = card.locator(".fields").inner_text()
    assert "H1 2024" in fields and "$15.4B" in card.locator("dd.value").inner_text()
    assert visit.page.locator("article.card").count() == 2  # the conversation stays on the page


def test_a_suggestion_is_asked_when_clicked(visit: Visit) -> None:
    visit.go("/")
    card = visit.ask("what is OpenAI's capex in 2025?", 1)
    suggestion = card.locator("button.suggestion").first
    wanted = suggestion.get_attribute("data-question")
    suggestion.click()
    second = visit.page.locator("#answer-2")
    second.wait_for()
    assert second.locator("h2.question").inner_text().endswith(wanted or "")


def test_expand_a_derivation_down_to_the_quote(visit: Visit) -> None:
    visit.go("/")
    card = visit.ask("how much did hyperscaler capex grow from 2024 to 2025?", 1)
    derivation = card.locator("details.derivation")
    assert derivation.get_attribute("open") is None
    quote = derivation.locator("blockquote").first
    assert not quote.is_visible()
    derivation.locator("summary").first.click()
    assert "$371B ÷ $257.6B − 1 = 44%" in derivation.locator("summary").first.inner_text()
    nested = derivation.locator(".steps details").first
    nested.locator("summary").click()  # the derived 2024 figure opens onto its own step
    assert "$371B ÷ 1.44 = $257.6B" in nested.locator("summary").inner_text()
    assert nested.locator("blockquote").first.is_visible()
    assert "$371 billion" in nested.locator("blockquote").first.inner_text()


def test_the_chart_is_inline(visit: Visit) -> None:
    visit.go("/")
    card = visit.ask("compare Alphabet and Meta capex H1 2025", 1)
    img = card.locator(".chart img")
    img.wait_for()
    visit.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    assert img.evaluate("img => img.naturalWidth") >= 600


def test_docs_list_the_operations(visit: Visit) -> None:
    page = visit.go("/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(s.strip() == "/ask" for s in summaries) and any("/sparql" in s for s in summaries)


def test_redoc_lists_the_operations(visit: Visit) -> None:
    page = visit.go("/redoc")
    page.locator("h2", has_text="Ask a question").first.wait_for()
    assert page.locator("li[data-item-id*='operation/']").count() >= 10


def test_run_a_sparql_query_and_see_rows(visit: Visit) -> None:
    page = visit.go("/query")
    page.locator(".cm-editor").wait_for()
    page.click("#run")
    page.locator("table.sparql-results tbody tr").first.wait_for()
    assert page.locator("table.sparql-results tbody tr").count() >= 10
    assert "?quote" in page.locator("table.sparql-results thead").inner_text()
    # typed with the keyboard; the undeclared prefix is declared on Run
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("SELECT ?o WHERE { ?o a qb:Observation } LIMIT 3")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("document.querySelectorAll('table.sparql-results tbody tr').length === 3")
    assert "PREFIX qb: <http://purl.org/linked-data/cube#>" in page.locator(".cm-content").inner_text()
    assert "3 rows" in page.locator("#result-status").inner_text()


def test_browse_facts_and_follow_a_value_to_its_source(visit: Visit) -> None:
    page = visit.go("/browse/facts")
    page.get_by_label("Subject").fill("Meta")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/browse/facts?subject=Meta*")
    page.locator("tr:has(.badge-reported) td.num a").first.click()
    assert page.locator(".sources blockquote").first.is_visible()


def test_usable_on_a_phone_sized_screen(browser: Any, http_live: Any) -> None:
    v = Visit(browser, http_live.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        v.go("/")
        v.ask("compare Alphabet and Meta capex H1 2025", 1)
        width = v.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        assert v.page.locator("button[type=submit]").bounding_box()["width"] > 300  # a full-width button
    finally:
        v.context.close()
    assert not v.foreign


def test_sparql_downloads_in_the_formats_sparql_serves(visit: Visit) -> None:
    page = visit.go("/query")
    page.locator(".cm-editor").wait_for()
    page.select_option("#download-format", "text/csv")
    with page.expect_download() as got:
        page.click("#download")
    download = got.value
    assert download.suggested_filename == "results.csv"
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.splitlines()[0] == "subject,metric,period,value,quote" and len(body.splitlines()) > 10
    # a CONSTRUCT query offers the graph formats only
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("CONSTRUCT { ?o a qb:Observation } WHERE { ?o a qb:Observation } LIMIT 2")
    offered = page.eval_on_selector_all("#download-format option:not([disabled])", "os => os.map(o => o.value)")
    assert offered == ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
    page.select_option("#download-format", "application/n-triples")
    with page.expect_download() as got:
        page.click("#download")
    lines = Path(got.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert len(lines) == 2 and all(line.endswith(" .") for line in lines)


def test_sparql_editor_completes_prefixes(visit: Visit) -> None:
    page = visit.go("/query")
    page.click(".cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("sdmx-a")
    page.keyboard.press("Control+Space")
    selected = page.locator(".cm-tooltip-autocomplete li[aria-selected=true]")
    selected.wait_for()
    assert selected.inner_text().startswith("sdmx-attribute:")
    page.wait_for_timeout(200)  # CodeMirror ignores Enter in the first 75 ms of a completion list
    page.keyboard.press("Enter")
    assert "sdmx-attribute:" in page.locator(".cm-content").inner_text()


def test_a_new_answer_is_announced_to_screen_readers(visit: Visit) -> None:
    page = visit.go("/")
    visit.ask("what did Meta spend on AI capex in the first half of 2025?", 1)
    announce = page.locator("#announce")
    assert announce.get_attribute("role") == "status"
    page.wait_for_function("document.getElementById('announce').textContent.includes('$30.7B')")


def test_sparql_results_never_link_to_scripts(visit: Visit) -> None:
    page = visit.go("/query")
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(
        "SELECT ?x ?y WHERE { BIND(<javascript:alert(1)> AS ?x) BIND(<https://kgbot.dev/ns#value> AS ?y) }"
    )
    page.click("#run")
    page.locator("table.sparql-results tbody tr").first.wait_for()
    hrefs = page.eval_on_selector_all("table.sparql-results a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://kgbot.dev/ns#value"]
    assert "<javascript:alert(1)>" in page.locator("table.sparql-results tbody").inner_text()
