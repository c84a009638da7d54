"""Serve the review app on 127.0.0.1 (a free port unless one is given) with a per-run token."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from .project import ReviewProject

HOST = "127.0.0.1"


@dataclass
class Served:
    """Where the app listens and the token its URLs carry."""

    port: int
    token: str

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.port}"

    def url(self, path: str = "/") -> str:
        """A URL of the app with the token."""
        sep = "&" if "?" in path else "?"
        frag = ""
        if "#" in path:
            path, frag = path.split("#", 1)
            frag = "#" + frag
        return f"{self.base}{path}{sep}token={self.token}{frag}"


def bind(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 (*port* 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise InputError(None, f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
    sock.listen(64)
    return sock


def serve(project: ReviewProject, port: int = 0, token: str | None = None,
          ready: Callable[[Served], None] | None = None) -> None:
    """Run the app until interrupted; *ready* is called with the address once it listens."""
    import uvicorn

    from .app import create_app

    token = token or secrets.token_urlsafe(18)
    sock = bind(port)
    real_port = sock.getsockname()[1]
    served = Served(real_port, token)
    hosts = {f"{HOST}:{real_port}", f"localhost:{real_port}"}
    app = create_app(project, token, hosts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if ready is not None:
        ready(served)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
