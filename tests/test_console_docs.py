"""/docs and /redoc load every asset from the app itself (they work offline)."""

from __future__ import annotations

import re

import httpx
import pytest


def _asset_urls(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_use_only_local_assets(http_client: httpx.Client, page: str) -> None:
    r = http_client.get(page)
    assert r.status_code == 200
    urls = _asset_urls(r.text)
    assert urls, "the page names no scripts or styles"
    for url in urls:
        assert url.startswith("/"), f"{page} loads {url} from another host"
        asset = http_client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 500, url
    assert "cdn" not in r.text.lower()
    assert "fonts.googleapis" not in r.text


def test_vendored_scripts_name_no_cdn(http_client: httpx.Client) -> None:
    for url in ("/static/vendor/redoc/redoc.standalone.js", "/static/vendor/swagger-ui/swagger-ui-bundle.js"):
        body = http_client.get(url).text
        assert "cdn.redoc.ly" not in body and "unpkg.com" not in body


def test_vendored_packages_keep_their_licences(http_client: httpx.Client) -> None:
    for folder in ("swagger-ui", "redoc", "codemirror"):
        r = http_client.get(f"/static/vendor/{folder}/LICENSE")
        assert r.status_code == 200 and len(r.text) > 500, folder


def test_swagger_ui_sends_the_spec_to_no_validator(http_client: httpx.Client) -> None:
    assert '"validatorUrl": null' in http_client.get("/docs").text
