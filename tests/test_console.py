"""The console at / and its browse pages, over real HTTP (uvicorn on a free port)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import httpx
import pytest


def _card_json(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="answer-\d+-json">(.*?)</script>', html, re.S)
    assert m, "the card carries no JSON"
    return json.loads(m.group(1))


def test_console_page_has_a_labelled_ask_box_and_a_conversation_id(http_client: httpx.Client) -> None:
    r = http_client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<label for="q">' in html and 'id="q"' in html
    conversation = re.search(r'name="conversation_id" id="conversation_id" value="([^"]+)"', html)
    assert conversation and conversation.group(1).startswith("console-")
    assert '<html lang="en">' in html and 'name="viewport"' in html
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "#")), f"the console loads {url}"


def test_two_visits_get_two_conversations(http_client: httpx.Client) -> None:
    ids = {re.search(r'id="conversation_id" value="([^"]+)"', http_client.get("/").text).group(1) for _ in range(2)}  # type: ignore[union-attr]
    assert len(ids) == 2


def test_an_answer_card_shows_value_period_status_quote_and_arithmetic(http_client: httpx.Client) -> None:
    r = http_client.get("/console/answer", params={"q": "what was hyperscaler capex in 2024?", "conversation_id": "t1"})
    assert r.status_code == 200
    html = r.text
    assert '<dd class="value">$257.6B</dd>' in html
    assert "<dd>2024</dd>" in html and "badge-derived" in html
    assert "$371B ÷ 1.44 = $257.6B" in html  # the derivation reads as arithmetic
    assert "These tech giants are expected to allocate $371 billion" in html
    assert '<details class="derivation">' in html
    data = _card_json(html)
    assert data["derivation"]["formula"] == "from = to / (1 + 44%)"  # the JSON keeps the formula
    assert data == http_client.get("/ask", params={"q": "what was hyperscaler capex in 2024?"}).json()


def test_follow_ups_use_the_conversation(http_client: httpx.Client) -> None:
    params = {"conversation_id": "console-follow"}
    first = http_client.get("/console/answer", params={"q": "what did Meta spend on AI capex in H1 2025?", **params})
    assert _card_json(first.text)["period"] == "H1 2025"
    second = _card_json(http_client.get("/console/answer", params={"q": "and in H1 2024?", **params}).text)
    assert second["answered"] and second["subject"] == "Meta" and second["period"] == "H1 2024"


def test_the_form_works_without_javascript(http_client: httpx.Client) -> None:
    html = http_client.get(
        "/", params={"q": "what did Meta spend on AI capex in H1 2025?", "conversation_id": "nojs"}
    ).text
    assert '<dd class="value">$30.7B</dd>' in html and 'value="nojs"' in html


def test_a_comparison_card_has_its_chart_inline(http_client: httpx.Client) -> None:
    html = http_client.get("/console/answer", params={"q": "compare Alphabet and Meta capex H1 2025"}).text
    src = re.search(r'<img src="(/console/chart/[^"]+\.png)" alt="Chart of', html)
    assert src, html
    png = http_client.get(src.group(1))
    assert png.status_code == 200 and png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert http_client.get("/console/chart/nope.png").json()["error"] == "not_found"


def test_refusals_offer_suggestions_as_buttons(http_client: httpx.Client) -> None:
    html = http_client.get("/console/answer", params={"q": "what is OpenAI's capex in 2025?"}).text
    buttons = re.findall(r'<button type="button" class="suggestion" data-question="([^"]+)">', html)
    assert buttons and _card_json(html)["kind"] == "not_found"


def test_copy_as_json_link(http_client: httpx.Client) -> None:
    html = http_client.get("/console/answer", params={"q": "compare Alphabet and Meta capex H1 2025"}).text
    assert re.search(
        r'<a class="copy-json" href="/ask\?q=compare[^"]*" data-copy="answer-1-json">Copy as JSON</a>', html
    )


def test_blank_and_overlong_questions_get_the_json_error(http_client: httpx.Client) -> None:
    assert http_client.get("/console/answer", params={"q": "   "}).json()["error"] == "invalid_request"
    assert http_client.get("/console/answer", params={"q": "x" * 2000}).status_code == 422


@pytest.mark.parametrize(
    "path",
    ["/browse/entities", "/browse/entities?kind=company", "/browse/entities/meta", "/browse/metrics", "/browse/facts",
     "/browse/derivations", "/browse/conflicts", "/query"],
)  # fmt: skip
def test_browse_pages_render(http_client: httpx.Client, path: str) -> None:
    r = http_client.get(path)
    assert r.status_code == 200 and "<h1>" in r.text


def test_every_fact_value_links_to_its_source_or_derivation(http_client: httpx.Client) -> None:
    from bot.console.browse import PAGE

    html = http_client.get("/browse/facts").text  # the first page of facts
    facts = http_client.get("/facts", params={"limit": PAGE}).json()
    for f in facts["items"]:
        assert f'href="/browse/facts/{f["id"]}"' in html
        page = http_client.get(f"/browse/facts/{f['id']}").text
        if f["status"] == "derived":
            assert f'href="/browse/derivations/{f["id"]}"' in html
            assert "How it was computed" in page
        else:
            assert f["quote"] and f["quote"].replace("'", "&#39;")[:40] in page


def test_facts_filter_and_download(http_client: httpx.Client) -> None:
    html = http_client.get("/browse/facts", params={"subject": "META", "status": "reported"}).text
    rows = re.findall(r'<td class="num"><a href="/browse/facts/', html)
    expected = http_client.get("/facts", params={"subject": "META", "status": "reported"}).json()
    assert len(rows) == expected["count"] >= 1
    assert 'href="/browse/facts.csv?subject=META&amp;status=reported"' in html
    r = http_client.get("/browse/facts.csv", params={"subject": "META", "status": "reported"})
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in table] == [f["id"] for f in expected["items"]]
    assert all(row["quote"] and row["status"] == "reported" for row in table)


def test_an_unknown_filter_is_said_on_the_page(http_client: httpx.Client) -> None:
    r = http_client.get("/browse/facts", params={"subject": "Nobody Inc"})
    assert r.status_code == 200 and "no subject is called" in r.text and 'role="alert"' in r.text


def test_derivation_pages_read_as_arithmetic_down_to_quotes(http_client: httpx.Client) -> None:
    items = http_client.get("/derivations", params={"limit": 1000}).json()["items"]
    assert items
    for d in items:
        html = http_client.get(f"/browse/derivations/{d['id']}").text
        assert '<p class="calc">' in html and "<blockquote>" in html, d["formula"]


def test_sparql_page_offers_every_format_sparql_serves(http_client: httpx.Client) -> None:
    html = http_client.get("/query").text
    assert '<script src="/static/vendor/codemirror/codemirror.js">' in html
    for media_type in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                       "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
                       "application/rdf+xml"):  # fmt: skip
        assert f'<option value="{media_type}">' in html
    assert '<label for="query"' in html


def test_filings_show_their_accession_linked_to_edgar(http_launch: Any, http_app: Any, sec_store: Any) -> None:
    server = http_launch(http_app(sec_store))
    with httpx.Client(base_url=server.url, timeout=30) as client:
        html = client.get("/console/answer", params={"q": "what was Meta's capex in Q4 2024?"}).text
        server.stop()
    link = re.search(r'accession <a class="accession" href="([^"]+)"[^>]*>(\d{10}-\d{2}-\d{6})</a> on EDGAR', html)
    assert link, html[:2000]
    url, number = link.groups()
    assert url.startswith("https://www.sec.gov/Archives/edgar/data/1326801/") and url.endswith(f"{number}-index.htm")
    assert "badge-derived" in html and "− " in html  # Q4 = the year minus the first nine months


def test_figures_in_a_card_link_to_their_facts(http_client: httpx.Client) -> None:
    html = http_client.get(
        "/console/answer", params={"q": "how much did hyperscaler capex grow from 2024 to 2025?"}
    ).text
    links = set(re.findall(r'<a href="(/browse/facts\?subject=[^"]+)">', html))
    assert links
    for link in links:
        page = http_client.get(link.replace("&amp;", "&"))
        assert page.status_code == 200 and 'role="alert"' not in page.text, link
        assert re.search(r'<td class="num"><a href="/browse/facts/', page.text), link
