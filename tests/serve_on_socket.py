"""`python -m tests.serve_on_socket serve ...`: mkdocs' command line, but the preview server
listens on the socket the test bound (port 0) and handed over, whose number is in
KB_TEST_SERVE_FD. The test knows the port before the server starts, and no other process can
take it in between (the race of finding a free port and binding it later)."""

from __future__ import annotations

import os
import socket

from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer


def _adopt_socket(server: LiveReloadServer) -> None:
    """LiveReloadServer.server_bind, taking the inherited, already bound socket."""
    server.socket.close()
    server.socket = socket.socket(fileno=int(os.environ["KB_TEST_SERVE_FD"]))
    server.server_address = server.socket.getsockname()
    host, port = server.server_address[:2]
    server.server_name = host
    server.server_port = port
    server.setup_environ()


if __name__ == "__main__":
    LiveReloadServer.server_bind = _adopt_socket  # type: ignore[method-assign]
    cli()
