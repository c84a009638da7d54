"""The review web app (Starlette): the queue, the document view and the actions.

Security: it is meant to listen on 127.0.0.1 only; every request must carry the per-run token
(``?token=`` on pages, a ``token`` form field on POSTs) or gets 403; requests for another Host
get 403 (no DNS rebinding); only POST changes anything, so another web page cannot act for the
reviewer; every page forbids framing and scripts other than its own (Content-Security-Policy).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import ZhcorpusError
from . import pages
from .actions import ActionError
from .project import ReviewProject
from .store import VersionConflict

MAX_BODY = 256 * 1024


def _headers(nonce: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; "
                                    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; img-src 'self' data:"),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
    }


def _html(body: str, nonce: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=_headers(nonce))


def create_app(project: ReviewProject, token: str, allowed_hosts: set[str] | None = None) -> Any:
    """The app over *project*; *allowed_hosts* are the Host headers accepted (``127.0.0.1:PORT``…)."""

    def forbidden(why: str) -> Response:
        return Response(f"403 forbidden: {why}\n", status_code=403, media_type="text/plain",
                        headers={"Cache-Control": "no-store"})

    def host_ok(request: Request) -> bool:
        return allowed_hosts is None or request.headers.get("host", "") in allowed_hosts

    def token_ok(value: str | None) -> bool:
        return value is not None and secrets.compare_digest(value.encode(), token.encode())

    def guard(request: Request) -> Response | None:
        if not host_ok(request):
            return forbidden("unknown host")
        if not token_ok(request.query_params.get("token")):
            return forbidden("the review token is missing or wrong; use the URL `corpus review` printed")
        return None

    async def queue(request: Request) -> Response:
        if (bad := guard(request)) is not None:
            return bad
        nonce = secrets.token_urlsafe(12)
        qp = request.query_params
        doc = qp.get("doc") or None
        flag = qp.get("flag") or None
        try:
            page_no = int(qp.get("page", "1"))
        except ValueError:
            page_no = 1
        show = qp.get("reviewed") == "1"
        try:
            q = project.queue(doc, flag, page_no, show_reviewed=show)
        except ZhcorpusError as exc:
            return _html(pages.message_page("Not found", str(exc), nonce, f"/?token={token}"), nonce, 404)
        return _html(pages.queue_page(project, q, token, nonce, doc, flag, show), nonce)

    async def document(request: Request) -> Response:
        if (bad := guard(request)) is not None:
            return bad
        nonce = secrets.token_urlsafe(12)
        try:
            v = project.view(request.path_params["doc"])
        except ZhcorpusError as exc:
            return _html(pages.message_page("Not found", str(exc), nonce, f"/?token={token}"), nonce, 404)
        try:
            at = int(request.query_params.get("at", "1"))
        except ValueError:
            at = 1
        return _html(pages.doc_page(project, v, token, nonce, request.query_params.get("msg", ""), at), nonce)

    async def unit(request: Request) -> Response:
        if (bad := guard(request)) is not None:
            return bad
        nonce = secrets.token_urlsafe(12)
        try:
            doc, k = project.locate(request.path_params["unit"])
        except ZhcorpusError as exc:
            return _html(pages.message_page("Not found", str(exc), nonce, f"/?token={token}"), nonce, 404)
        return RedirectResponse(pages.doc_url(doc, token, k), status_code=303)

    async def act(request: Request) -> Response:
        if not host_ok(request):
            return forbidden("unknown host")
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response("413 request too large\n", status_code=413, media_type="text/plain")
        form: dict[str, Any] = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        if not token_ok(form.get("token")):
            return forbidden("the review token is missing or wrong")
        nonce = secrets.token_urlsafe(12)
        doc = request.path_params["doc"]
        back = f"/doc/{quote(doc)}?token={token}"
        op, _, arg = str(form.get("op", "")).partition("|")
        params: dict[str, Any] = {"bead": form.get("bead"), "zh": form.get("zh"), "en": form.get("en")}
        if op.startswith("move-"):
            params["side"] = arg
        elif op in ("omission", "edit"):
            params["sentence"] = arg
            params["text"] = form.get("text", "")
        try:
            version = int(form.get("version", ""))
        except ValueError:
            return _html(pages.message_page("Bad request", "the form has no document version", nonce, back), nonce, 400)
        try:
            project.act(doc, version, op, params)
        except VersionConflict as exc:
            return _html(pages.message_page("Conflict: this document changed in another tab or window", str(exc),
                                            nonce, back), nonce, 409)
        except ActionError as exc:
            return _html(pages.message_page("Cannot do that", str(exc), nonce, back), nonce, 400)
        except ZhcorpusError as exc:
            return _html(pages.message_page("Error", str(exc), nonce, back), nonce, 400)
        try:
            k = int(params["bead"]) if op != "undo" and params.get("bead") is not None else None
        except ValueError:
            k = None
        return RedirectResponse(pages.doc_url(doc, token, k) if k is not None else back, status_code=303)

    async def fallback(request: Request) -> Response:
        if (bad := guard(request)) is not None:
            return bad
        return Response("404 not found\n", status_code=404, media_type="text/plain")

    routes = [
        Route("/", queue, methods=["GET"]),
        Route("/doc/{doc}", document, methods=["GET"]),
        Route("/doc/{doc}/act", act, methods=["POST"]),
        Route("/unit/{unit:path}", unit, methods=["GET"]),
        Route("/{rest:path}", fallback, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]
    return _Guard(Starlette(routes=routes), host_ok, token_ok, forbidden)


class _Guard:
    """ASGI wrapper: a request other than a POST needs the token in its query (and every request
    an accepted Host) before any routing, so even unknown paths and methods answer 403."""

    def __init__(self, app: Any, host_ok: Any, token_ok: Any, forbidden: Any) -> None:
        self.app, self.host_ok, self.token_ok, self.forbidden = app, host_ok, token_ok, forbidden

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            if not self.host_ok(request):
                await self.forbidden("unknown host")(scope, receive, send)
                return
            if scope["method"] != "POST" and not self.token_ok(request.query_params.get("token")):
                await self.forbidden("the review token is missing or wrong; use the URL `corpus review` printed")(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)
