"""GraphiQL at /graphql, offline: every request to another host than the server is blocked.

A real uvicorn serves `data/` on 127.0.0.1 (in a thread); headless Debian Chromium opens
/graphql, types a query, runs it, reads the answer, and opens the schema docs. GraphiQL, React
and ReactDOM come from node_modules through /vendor/ (package-lock.json pins them).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from tests.api.browser import OUT, launch, needs_chromium
from tests.conftest import DATA, REPO, http

pytestmark = needs_chromium


@contextlib.contextmanager
def serve(app):
    """`app` on a real uvicorn, 127.0.0.1 and a free port, in a thread: yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def server():
    from api.app import create_app
    from api.holder import StoreHolder
    from graph import build

    with serve(create_app(StoreHolder(build(DATA)), allowed_hosts=[])) as url:
        yield url


def test_graphiql_libraries_come_from_node_modules(server):
    page = http().get(f"{server}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "unpkg.com" not in page.text and "cdn" not in page.text.lower()
    for name, media in (("graphiql.js", "text/javascript"), ("graphiql.css", "text/css"),
                        ("react.js", "text/javascript"), ("react-dom.js", "text/javascript")):
        assert f"/vendor/{name}" in page.text
        r = http().get(f"{server}/vendor/{name}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(media), name
        assert len(r.content) > 5000
    lock = (REPO / "package-lock.json").read_text()
    for package in ("node_modules/graphiql", "node_modules/react", "node_modules/react-dom"):
        assert f'"{package}"' in lock


def test_graphiql_runs_a_query_and_shows_the_docs_offline(server):
    from playwright.sync_api import sync_playwright

    origin = urlsplit(server).netloc
    blocked: list[str] = []
    errors: list[str] = []

    def only_the_server(route):
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", only_the_server)
            page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
            page.on("console", lambda m: errors.append(f"console: {m.text}")
                    if m.type == "error" else None)
            page.goto(f"{server}/graphql", wait_until="load")
            editor = page.locator(".graphiql-query-editor .CodeMirror").first
            editor.wait_for(timeout=30_000)
            # Replace the default query (insert_text: no key events, so no auto-closed braces).
            editor.click()
            page.keyboard.press("Control+A")
            page.keyboard.press("Delete")
            page.keyboard.insert_text('{ concept(id: "rag") { conceptId label synonyms '
                                      '{ value } } }')
            page.locator("button.graphiql-execute-button").click()
            response = page.locator(".graphiql-response")
            response.get_by_text('"label": "RAG"').wait_for(timeout=20_000)
            text = response.inner_text()
            assert '"conceptId": "rag"' in text and "检索增强生成" in text
            page.screenshot(path=str(OUT / "graphiql-query.png"))
            # The schema docs: the book button opens the explorer at the root types.
            page.locator('button[aria-label="Show Documentation Explorer"]').click()
            docs = page.locator(".graphiql-doc-explorer")
            docs.wait_for(timeout=10_000)
            docs.get_by_text("Query", exact=True).first.click()
            docs.get_by_text("neighborhood", exact=True).first.wait_for(timeout=10_000)
            assert "concept" in docs.inner_text()
            page.screenshot(path=str(OUT / "graphiql-docs.png"))
        finally:
            browser.close()
    assert blocked == [], f"GraphiQL asked other hosts: {blocked}"
    assert not errors, "\n".join(errors)
