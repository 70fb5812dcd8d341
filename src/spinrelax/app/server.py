"""The local Bokeh server of ``spinrelax app``: 127.0.0.1 only, Bokeh's own assets (no CDN)."""

from __future__ import annotations

import logging
import webbrowser

from spinrelax.app.page import Page, SavePaths
from spinrelax.app.session import Session

logger = logging.getLogger(__name__)


def serve(session: Session, paths: SavePaths, port: int, open_browser: bool) -> None:
    """Serve one page per browser tab on ``http://127.0.0.1:<port>/`` until interrupted. Every
    tab works on the same session (the same choices), so a reload keeps them."""
    from bokeh.application import Application
    from bokeh.application.handlers.function import FunctionHandler
    from bokeh.server.server import Server

    def make_document(doc) -> None:
        page = Page(session, paths)
        doc.title = f"spinrelax app: {session.sample}"
        doc.add_root(page.layout)

    origins = [f"127.0.0.1:{port}", f"localhost:{port}"]
    server = Server({"/": Application(FunctionHandler(make_document))}, address="127.0.0.1",
                    port=port, allow_websocket_origin=origins)  # fmt: skip
    server.start()
    url = f"http://127.0.0.1:{server.port}/"
    print(f"spinrelax app: {url} (Ctrl-C stops it)", flush=True)
    if open_browser:
        server.io_loop.add_callback(webbrowser.open, url)
    try:
        server.io_loop.start()
    except KeyboardInterrupt:
        logger.info("stopped")
