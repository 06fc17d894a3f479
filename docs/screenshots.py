"""Take the console's screenshots in docs/ with headless Chromium (Debian's, via Playwright).

    .venv/bin/python docs/screenshots.py [--chromium /usr/bin/chromium]

Starts the app on a seeded in-memory store on a free local port, asks a few questions and
saves PNGs next to this file. Nothing is fetched from another host.
"""

from __future__ import annotations

import argparse
import shutil
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from bot.http import create_app
from bot.settings import Settings

HERE = Path(__file__).resolve().parent


def _serve() -> tuple[uvicorn.Server, str]:
    app = create_app(Settings(store=":memory:"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


def _ask(page: Page, question: str, number: int) -> None:
    page.fill("#q", question)
    page.press("#q", "Enter")
    page.locator(f"#answer-{number}").wait_for()
    page.wait_for_timeout(800)  # the smooth scroll to the new card


def _top(page: Page) -> None:
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.wait_for_timeout(200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    server, base = _serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(base + "/")
            _ask(page, "what did Meta spend on AI capex in the first half of 2025?", 1)
            _ask(page, "and in H1 2024?", 2)
            page.locator("#answer-2 details.derivation summary").click()
            page.locator("#answer-2").screenshot(path=HERE / "console-follow-up.png")
            _ask(page, "chart hyperscaler capex 2024 to 2032", 3)
            page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
            page.locator("#answer-3").screenshot(path=HERE / "console-chart.png")
            page.goto(base + "/")
            _ask(page, "what was hyperscaler capex in 2024?", 1)
            page.locator("#answer-1 details.derivation summary").click()
            _top(page)
            page.screenshot(path=HERE / "console.png")
            page.goto(base + "/browse/facts")
            page.screenshot(path=HERE / "console-facts.png")
            page.goto(base + "/query")
            page.click("#run")
            page.locator("table.sparql-results tbody tr").first.wait_for()
            page.screenshot(path=HERE / "console-sparql.png")
            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
            phone.goto(base + "/")
            _ask(phone, "compare Alphabet and Meta capex H1 2025", 1)
            _top(phone)
            phone.screenshot(path=HERE / "console-phone.png")
            browser.close()
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
