"""The graph viewer (/viewer) in a real browser against a real `glossgraph serve data`.

Headless Debian Chromium (/usr/bin/chromium, installed by `make browser`) driven by Playwright;
the server is started once for the module, the browser too. Screenshots go to
test-output/viewer/ (full page at 1280×800, the side panel, a narrow 420×800 view).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from urllib.parse import unquote

import pytest

from tests.api.browser import OUT, READY, launch, needs_chromium
from tests.conftest import DATA, running_server
IDLE = "document.body.dataset.busy === 'false'"

pytestmark = needs_chromium


# ------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def server():
    """Base URL of `glossgraph serve data --no-watch` on a free port."""
    with running_server(DATA, "--no-watch") as running:
        yield running.url


def graphql(base: str, query: str, variables: dict | None = None) -> dict:
    req = urllib.request.Request(
        base + "/graphql", data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"content-type": "application/json", "accept": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        body = json.load(r)
    assert not body.get("errors"), body["errors"]
    return body["data"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


class Viewer:
    """A page of the viewer, with the console errors it logged."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def open(self, path: str = "/viewer"):
        self.page.goto(self.base + path)
        self.page.wait_for_function(READY, timeout=30_000)
        return self

    def idle(self):
        self.page.wait_for_function(IDLE, timeout=15_000)

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def visible_nodes(self) -> int:
        return self.js("window.glossgraph.cy.nodes(':visible').length")

    def selected(self) -> str | None:
        return self.js("window.glossgraph.state.concept")

    def panel_concept(self) -> str | None:
        return self.page.get_attribute("#panel", "data-concept-id")

    def wait_panel(self, concept_id: str):
        self.page.wait_for_selector(f'#panel[data-kind="concept"] article[data-concept-id="{concept_id}"]',
                                    timeout=15_000)
        self.idle()

    def query(self) -> str:
        return unquote(self.page.url.split("?", 1)[1]) if "?" in self.page.url else ""

    def assert_clean(self):
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)


@pytest.fixture
def viewer(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    v = Viewer(context.new_page(), server)
    try:
        yield v
    finally:
        context.close()


# ------------------------------------------------------------------------------- tests

OVERVIEW = "{ overview(limit: 400) { truncated nodes { id kind } edges { source target type kind } } }"


def test_seed_graph_renders_the_servers_overview(viewer, server):
    expected = graphql(server, OVERVIEW)["overview"]
    v = viewer.open()
    n = v.js("window.glossgraph.cy.nodes().length")
    assert n == len(expected["nodes"]) and n > 50
    assert v.visible_nodes() == n
    ids = set(v.js("window.glossgraph.cy.nodes().map(n => n.id())"))
    assert ids == {node["id"] for node in expected["nodes"]}
    assert v.js("window.glossgraph.cy.edges().length") > 50
    # size by degree, colour by kind, a legend with counts, words for the view
    assert v.js("window.glossgraph.cy.nodes('[kind=\"term\"]').max(n => n.width()).value") > \
        v.js("window.glossgraph.cy.nodes('[kind=\"term\"]').min(n => n.width()).value")
    assert v.page.inner_text('[data-count-kind="term"]') == str(
        sum(1 for node in expected["nodes"] if node["kind"] == "term"))
    assert "Whole graph" in v.page.inner_text("#graph-info")
    assert "Noto Sans CJK SC" in v.js("getComputedStyle(document.body).fontFamily")
    ms = v.js("window.glossgraph.firstRenderMs")
    assert isinstance(ms, (int, float)) and 0 < ms < 20_000
    assert v.js("window.glossgraph.isReady") is True
    print(f"\nfirst render of data/: {ms} ms ({n} nodes)")
    (OUT / "first-render-ms.txt").write_text(f"{ms}\n")
    v.page.screenshot(path=str(OUT / "viewer-1280x800.png"), full_page=True)
    v.assert_clean()


def test_search_rag_selects_it_and_shows_its_synonyms(viewer):
    v = viewer.open()
    v.page.keyboard.press("/")
    assert v.js("document.activeElement.id") == "search"
    v.page.keyboard.type("RAG")
    v.page.wait_for_selector('#search-results .sr[data-concept="rag"]')
    v.page.keyboard.press("Enter")
    v.wait_panel("rag")
    assert v.selected() == "rag"
    assert v.js("window.glossgraph.cy.$id('term:rag').selected()")
    assert "concept=rag" in v.query()
    assert "检索增强生成" in v.page.inner_text("#panel-synonyms")
    assert v.page.inner_text("#panel-title") == "RAG"
    evidence = v.page.inner_text("#panel .rel-list")
    assert "ai-basics.md:" in evidence
    v.page.locator("#panel").screenshot(path=str(OUT / "viewer-panel.png"))
    v.assert_clean()


def test_search_by_pinyin_initials_finds_machine_learning(viewer):
    v = viewer.open()
    v.page.fill("#search", "jqxx")
    hit = v.page.wait_for_selector('#search-results .sr[data-concept="机器学习"]')
    assert "机器学习" in hit.inner_text()
    hit.click()
    v.wait_panel("机器学习")
    assert v.selected() == "机器学习"
    assert v.js("window.glossgraph.cy.$id('term:机器学习').selected()")
    assert "Machine Learning" in v.page.inner_text("#panel")
    v.assert_clean()


def test_choosing_a_concept_outside_the_view_loads_its_neighbourhood(viewer):
    v = viewer.open("/viewer?concept=rag&depth=1")
    v.wait_panel("rag")
    assert not v.js("window.glossgraph.cy.$id('term:transformer').length")
    v.page.fill("#search", "transformer")
    v.page.click('#search-results .sr[data-concept="transformer"]')
    v.wait_panel("transformer")
    assert v.js("window.glossgraph.cy.$id('term:transformer').selected()")
    assert v.js("window.glossgraph.cy.$id('term:transformer').visible()")
    v.assert_clean()


def test_escape_clears_search_then_selection(viewer):
    v = viewer.open("/viewer?concept=rag")
    v.wait_panel("rag")
    v.page.keyboard.press("/")
    v.page.keyboard.type("transformer")
    v.page.wait_for_selector("#search-results .sr")
    v.page.keyboard.press("Escape")
    assert v.page.input_value("#search") == ""
    assert v.page.is_hidden("#search-results")
    v.page.keyboard.press("Escape")
    v.idle()
    assert v.selected() is None
    assert v.panel_concept() is None
    assert "concept=" not in v.query()
    assert v.js("window.glossgraph.cy.$(':selected').length") == 0
    v.assert_clean()


def test_tag_filter_reduces_visible_nodes_and_lives_in_the_url(viewer, server):
    v = viewer.open()
    total = v.visible_nodes()
    tag = graphql(server, "{ tags { tagId count } }")["tags"][0]["tagId"]
    v.page.check(f'#tag-list input[value="{tag}"]')
    v.idle()
    shown = v.visible_nodes()
    assert 0 < shown < total
    assert v.js(f"window.glossgraph.cy.$id('tag:{tag}').visible()")
    assert f"tags={tag}" in v.query()
    v.page.reload()
    v.page.wait_for_function(READY)
    assert v.visible_nodes() == shown
    assert v.page.is_checked(f'#tag-list input[value="{tag}"]')
    # node-kind and orphan filters too
    v.page.click("#btn-reset")
    v.idle()
    assert v.visible_nodes() == total
    v.page.uncheck('input[name="kind"][value="tag"]')
    v.idle()
    assert v.js("window.glossgraph.cy.nodes('[kind=\"tag\"]:visible').length") == 0
    assert "kinds=" in v.query()
    v.page.uncheck('input[name="edge"][value="hierarchy"]')
    v.page.check("#hide-orphans")
    v.idle()
    assert v.js("window.glossgraph.cy.edges('[ek=\"hierarchy\"]:visible').length") == 0
    assert v.js("window.glossgraph.cy.nodes(':visible').filter(n => n.connectedEdges(':visible').length === 0).length") == 0
    assert "orphans=hide" in v.query()
    v.assert_clean()


def test_deep_link_restores_the_local_graph(viewer, server):
    expected = graphql(server, '{ neighborhood(id: "rag", depth: 2) { nodes { id } } }')["neighborhood"]
    v = viewer.open("/viewer?concept=rag&depth=2")
    v.wait_panel("rag")
    assert v.js("window.glossgraph.state.view") == "local"
    assert v.js("window.glossgraph.state.depth") == 2
    assert v.selected() == "rag"
    assert v.js("window.glossgraph.cy.$id('term:rag').selected()")
    assert v.js("window.glossgraph.cy.nodes().length") == len(expected["nodes"])
    assert v.page.input_value("#depth") == "2"
    assert "Local graph" in v.page.inner_text("#graph-info")
    assert "检索增强生成" in v.page.inner_text("#panel-synonyms")
    # back to the whole graph, and the history goes back to the local graph
    v.page.click("#btn-overview")
    v.page.wait_for_function(READY)
    assert v.js("window.glossgraph.state.view") == "overview"
    assert "depth=" not in v.query()
    v.page.go_back()
    v.page.wait_for_function("window.glossgraph.state.view === 'local'")
    v.page.wait_for_function(READY)
    assert v.js("window.glossgraph.cy.nodes().length") == len(expected["nodes"])
    v.assert_clean()


def test_double_click_expands_a_node(viewer):
    v = viewer.open("/viewer?concept=rag&depth=1")
    v.wait_panel("rag")
    before = v.js("window.glossgraph.cy.nodes().length")
    # a neighbour of RAG whose own neighbours are not all shown yet
    target = v.js("""(() => { const cy = window.glossgraph.cy;
        const n = cy.nodes('[kind="term"]').filter(n => n.id() !== 'term:rag')
                    .max(n => n.data('degree') - n.degree(false)).ele;
        return n.id(); })()""")
    box = v.page.locator("#cy").bounding_box()
    pos = v.js(f"window.glossgraph.cy.$id({json.dumps(target)}).renderedPosition()")
    v.page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
    v.page.wait_for_function(f"window.glossgraph.cy.nodes().length > {before}", timeout=15_000)
    v.idle()
    v.assert_clean()


def test_concept_url_in_a_browser_lands_on_the_viewer(viewer):
    v = viewer.open("/concept/rag")
    assert "/viewer?" in v.page.url and "concept=rag" in v.query()
    v.wait_panel("rag")
    assert v.selected() == "rag"
    assert v.js("window.glossgraph.cy.$id('term:rag').selected()")
    v.assert_clean()


def test_tag_url_in_a_browser_shows_the_tag(viewer, server):
    tag = graphql(server, "{ tags { tagId label } }")["tags"][0]
    v = viewer.open(f"/tag/{tag['tagId']}")
    assert f"tag={tag['tagId']}" in v.query()
    v.page.wait_for_selector('#panel[data-kind="tag"] .tag-panel')
    v.idle()
    assert "#" + tag["label"] in v.page.inner_text("#panel")
    v.assert_clean()


def test_narrow_screen_puts_the_panel_below_the_graph(browser, server):
    context = browser.new_context(viewport={"width": 420, "height": 800})
    try:
        v = Viewer(context.new_page(), server).open("/viewer?concept=rag")
        v.wait_panel("rag")
        graph = v.page.locator(".graph-wrap").bounding_box()
        panel = v.page.locator("#panel").bounding_box()
        assert panel["y"] >= graph["y"] + graph["height"] - 1
        assert graph["width"] <= 420 and panel["width"] <= 420
        assert v.js("document.documentElement.scrollWidth") <= 420
        v.page.screenshot(path=str(OUT / "viewer-420x800.png"), full_page=True)
        v.assert_clean()
    finally:
        context.close()


def test_server_down_is_said_in_words(viewer):
    # POSTs and the GETs viewer.html preloads (/graphql?query=…)
    viewer.page.route(re.compile(r"/graphql(\?|$)"), lambda route: route.abort())
    viewer.page.goto(viewer.base + "/viewer")
    viewer.page.wait_for_function("document.body.dataset.state === 'error'", timeout=15_000)
    text = viewer.page.inner_text("#status")
    assert "Cannot reach the glossgraph server" in text
    assert viewer.page.is_visible("#btn-retry")
    assert not [e for e in viewer.errors if e.startswith("pageerror")]
