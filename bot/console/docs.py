"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) from vendored assets, so they work offline.

FastAPI's own docs pages load their scripts from a CDN; the app is built with
``docs_url=None, redoc_url=None`` and these routes serve the same pages from ``/static``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_SWAGGER = "/static/vendor/swagger-ui"
_REDOC = "/static/vendor/redoc"


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    app = request.app
    return get_swagger_ui_html(
        openapi_url=app.openapi_url,
        title=f"{app.title} — API",
        swagger_js_url=f"{_SWAGGER}/swagger-ui-bundle.js",
        swagger_css_url=f"{_SWAGGER}/swagger-ui.css",
        swagger_favicon_url=f"{_SWAGGER}/favicon-32x32.png",
        oauth2_redirect_url="/docs/oauth2-redirect",
        # the validator badge would send the spec to validator.swagger.io
        swagger_ui_parameters={"validatorUrl": None},
    )


@router.get("/docs/oauth2-redirect")
def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    app = request.app
    return get_redoc_html(
        openapi_url=app.openapi_url,
        title=f"{app.title} — API",
        redoc_js_url=f"{_REDOC}/redoc.standalone.js",
        redoc_favicon_url=f"{_SWAGGER}/favicon-32x32.png",
        with_google_fonts=False,
    )
