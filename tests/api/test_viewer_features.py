"""The viewer's issue-13 features in a real browser (headless Debian Chromium, Playwright)
against a real `glossgraph serve`: the seed data/ (topics, counts, labels, filters, the narrow
list) and a small vault written here (the note beside the graph, ghosts, folders, editor
links). Screenshots go to test-output/viewer/."""

from __future__ import annotations

import json
import os
import urllib.request
from urllib.parse import unquote

import pytest

from tests.api.browser import OUT, READY, launch, needs_chromium
from tests.conftest import DATA, running_server, write_notes

IDLE = "document.body.dataset.busy === 'false'"

pytestmark = needs_chromium

VAULT = {
    "Cards/alpha.md": """\
        ---
        tags: [greek]
        ---
        # Alpha

        Alpha is the first letter. See [[Beta]], [[Gamma]], [[Vercel]] and [[Nowhere]].

        <script>window.__pwned = 1</script>
        <img src=x onerror="window.__pwned = 2">

        ![a picture](https://images.example.com/pic.png)

        [a trap](javascript:window.__pwned=3)
        """,
    "Cards/gamma.md": "# Gamma\n\nGamma follows [[Alpha]] and [[Beta]].\n",
    "Spaces/beta.md": "# Beta\n\nBeta comes after [[Alpha]]; see [[Gamma]].\n",
}


def post(base: str, query: str, variables: dict | None = None) -> dict:
    req = urllib.request.Request(
        base + "/graphql", data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"content-type": "application/json", "accept": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        body = json.load(r)
    assert not body.get("errors"), body["errors"]
    return body["data"]


@pytest.fixture(scope="module")
def seed():
    with running_server(DATA, "--no-watch") as running:
        yield running.url


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    notes = write_notes(tmp_path_factory.mktemp("vault") / "notes", VAULT)
    old = os.environ.get("GLOSSGRAPH_EDITOR")
    os.environ["GLOSSGRAPH_EDITOR"] = "obsidian,vscode"  # the server inherits it
    try:
        with running_server(notes, "--no-watch") as running:
            yield running.url
    finally:
        if old is None:
            os.environ.pop("GLOSSGRAPH_EDITOR", None)
        else:
            os.environ["GLOSSGRAPH_EDITOR"] = old


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


class Page:
    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str = "/viewer"):
        self.page.goto(self.base + path)
        self.page.wait_for_function(READY, timeout=30_000)
        return self

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def idle(self):
        self.page.wait_for_function(IDLE, timeout=15_000)

    def query(self) -> str:
        return unquote(self.page.url.split("?", 1)[1]) if "?" in self.page.url else ""

    def shown(self, selector: str = '[kind="term"]') -> set[str]:
        return set(self.js(f"window.glossgraph.cy.nodes('{selector}')"
                           ".filter(n => !n.hasClass('hidden')).map(n => n.id())"))

    def select(self, text: str, concept_id: str):
        self.page.fill("#search", text)
        self.page.wait_for_selector(f'#search-results .sr[data-concept="{concept_id}"]')
        self.page.click(f'#search-results .sr[data-concept="{concept_id}"]')
        self.page.wait_for_selector(
            f'#panel[data-kind="concept"] article[data-concept-id="{concept_id}"]', timeout=15_000)
        self.idle()

    def assert_clean(self):
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)


def make(browser, base, width=1280, height=800):
    context = browser.new_context(viewport={"width": width, "height": height})
    return context, Page(context.new_page(), base)


@pytest.fixture
def on_seed(browser, seed):
    context, page = make(browser, seed)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def on_vault(browser, vault):
    context, page = make(browser, vault)
    try:
        yield page
    finally:
        context.close()


# ------------------------------------------------------------------------- (7) counts agree

def test_header_and_panel_agree_on_a_hub(on_seed, seed):
    """The hub has more relations than `related` lists (100): every count says the same."""
    want = post(seed, '{ concept(id: "ai人工智能基础") { degree relatedCount '
                      'related(first: 100) { kind } broader { conceptId } } }')["concept"]
    assert len(want["related"]) == 100 and want["relatedCount"] > 100  # the case of the issue
    v = on_seed.open()
    v.select("AI人工智能基础", "ai人工智能基础")
    info = v.page.inner_text("#info-selection")
    degree = v.page.inner_text("#panel-degree")
    title = v.js("[...document.querySelectorAll('#panel h3')].map(e => e.innerText)"
                 ".find(t => /related concepts/i.test(t))")
    n, related = want["degree"], want["relatedCount"]
    assert f"{n} connections" in info and degree.startswith(f"{n} connections")
    assert f"({related} related" in degree
    assert title.lower() == f"related concepts ({related})"
    assert "open the local graph" in v.page.inner_text("#panel-related-shown")
    # header: what is selected, not only "Whole graph · N nodes"
    assert "Selected AI人工智能基础" in info
    v.assert_clean()


def test_counts_agree_on_an_ordinary_concept(on_seed):
    v = on_seed.open()
    v.select("RAG", "rag")
    degree = v.js("window.glossgraph.cy.$id('term:rag').data('degree')")
    assert f"{degree} connection" in v.page.inner_text("#info-selection")
    assert v.page.inner_text("#panel-degree").startswith(f"{degree} connection")
    rows = v.js("document.querySelectorAll('#panel .rel-list > li.rel').length")
    assert f"Related concepts ({rows})".lower() in v.page.inner_text("#panel").lower()
    v.assert_clean()


# --------------------------------------------------------------------- (1) topics and legend

def test_topics_colour_the_graph_and_the_legend_filters(on_seed, seed):
    groups = post(seed, "{ communities(first: 1000) { id label size } }")["communities"]
    assert len(groups) >= 3
    v = on_seed.open()
    assert v.js("window.glossgraph.state.color") == "community"
    legend = v.js("[...document.querySelectorAll('#legend-groups .legend-item')].map(l => "
                  "[l.querySelector('input').value, l.querySelector('.legend-label').innerText])")
    assert [label for _, label in legend[:3]] == [g["label"] for g in groups[:3]]
    colours = v.js("window.glossgraph.colors()")
    assert len({colours[str(g["id"])] for g in groups[:3]}) == 3  # three topics, three colours
    # every concept is drawn in its topic's colour
    wrong = v.js("""window.glossgraph.cy.nodes('[kind="term"]').filter(n =>
        n.data('community') !== null && window.glossgraph.colors()[String(n.data('community'))]
        && n.style('background-color') === '').length""")
    assert wrong == 0
    first = str(groups[0]["id"])
    members = set(v.js(f"window.glossgraph.cy.nodes('[kind=\"term\"]').filter(n => "
                       f"String(n.data('community')) === '{first}').map(n => n.id())"))
    assert len(members) == groups[0]["size"]
    before = v.shown()
    v.page.uncheck(f'#legend-groups input[value="{first}"]')
    v.idle()
    after = v.shown()
    assert after == before - members and f"hide={first}" in v.query()
    v.page.check(f'#legend-groups input[value="{first}"]')
    v.idle()
    assert v.shown() == before and "hide=" not in v.query()
    v.page.screenshot(path=str(OUT / "viewer-topics.png"))
    v.assert_clean()


def test_colour_by_tag_or_folder(on_vault):
    v = on_vault.open()
    v.page.select_option("#color-mode", "folder")
    v.idle()
    labels = v.js("[...document.querySelectorAll('#legend-groups .legend-label')].map(e => e.innerText)")
    assert {"Cards/", "Spaces/"} <= set(labels) and "color=folder" in v.query()
    col = v.js("window.glossgraph.colors()")
    node_colour = v.js("window.glossgraph.cy.$id('term:beta').data('color')")
    assert node_colour == col["Spaces"] != col["Cards"]
    v.page.select_option("#color-mode", "tag")
    v.idle()
    labels = v.js("[...document.querySelectorAll('#legend-groups .legend-label')].map(e => e.innerText)")
    assert any("greek" in x for x in labels) and "color=tag" in v.query()
    v.assert_clean()


# --------------------------------------------------------------------- (2) the note beside it

def test_the_note_beside_the_graph_is_safe_and_marked(on_vault):
    v = on_vault.open()
    v.select("Alpha", "alpha")
    v.page.wait_for_selector("#panel-note:not([hidden]) .note-html")
    note = v.page.inner_text("#panel-note")
    assert "Cards/alpha.md:" in note
    html = v.js("document.querySelector('#panel-note .note-html').innerHTML")
    assert "<mark>Alpha</mark>" in html
    # raw HTML is text, never run; the javascript: link is not a link
    assert "<script>window.__pwned = 1</script>" in v.page.inner_text("#panel-note .note-html")
    assert v.js("document.querySelectorAll('#panel-note script, #panel-note [onerror]').length") == 0
    assert v.js("document.querySelectorAll('#panel-note a[href^=\"javascript\"]').length") == 0
    assert v.js("window.__pwned === undefined")
    # a remote image is a placeholder until asked for; nothing was fetched from its host
    assert v.js("document.querySelectorAll('#panel-note img').length") == 0
    assert v.js("document.querySelectorAll('#panel-note .md-image.remote').length") == 1
    assert not [u for u in v.requests if "images.example.com" in u]
    # editor links, as configured (GLOSSGRAPH_EDITOR)
    links = v.js("[...document.querySelectorAll('#panel-note a.editor-link')].map(a => a.href)")
    assert any(x.startswith("obsidian://open?vault=") and "file=Cards%2Falpha" in x for x in links)
    assert any(x.startswith("vscode://file/") and x.endswith("Cards/alpha.md:" + note.split(
        "Cards/alpha.md:")[1].split()[0]) for x in links)
    # wikilinks in the note select their concept
    v.page.click('#panel-note a.wikilink[data-concept="beta"]')
    v.page.wait_for_selector('#panel[data-kind="concept"] article[data-concept-id="beta"]')
    v.idle()
    assert "concept=beta" in v.query()
    v.assert_clean()


def test_remote_images_load_only_when_allowed(on_vault):
    v = on_vault.open()
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c63000100000005000173e2cdb10000000049454e44ae426082")
    v.page.route("https://images.example.com/**",
                 lambda route: route.fulfill(status=200, body=png, content_type="image/png"))
    v.select("Alpha", "alpha")
    v.page.wait_for_selector("#note-images")
    assert not [u for u in v.requests if "images.example.com" in u]
    v.page.click("#note-images")
    v.page.wait_for_selector("#panel-note .note-html img")
    assert v.js("document.querySelector('#panel-note img').getAttribute('referrerpolicy')") == \
        "no-referrer"
    v.page.wait_for_function("document.querySelector('#panel-note img').complete")
    assert [u for u in v.requests if "images.example.com" in u]
    v.assert_clean()


# ----------------------------------------------------------------------------- (3) ghosts

def test_ghost_nodes_are_off_by_default(on_vault, vault):
    """[[Vercel]] made a concept known only from the link (a ghost concept); [[Nowhere]] made
    none (the viewer draws a ghost node for it): both hidden until asked for."""
    ghosts = post(vault, "{ unresolvedLinks { target concept { conceptId ghost } } }")
    assert {g["target"]: g["concept"] for g in ghosts["unresolvedLinks"]} == {
        "[[Vercel]]": {"conceptId": "vercel", "ghost": True}, "[[Nowhere]]": None}
    v = on_vault.open()
    assert "term:vercel" in v.js("window.glossgraph.cy.nodes().map(n => n.id())")
    assert not v.page.is_checked("#show-ghosts")
    assert {"term:vercel", "ghost:nowhere"}.isdisjoint(v.shown("*"))
    v.page.check("#show-ghosts")
    v.page.wait_for_function("location.search.includes('ghosts=show')")
    v.idle()
    assert {"term:vercel", "ghost:nowhere"} <= v.shown("*")
    assert v.js("window.glossgraph.cy.edges().some(e => e.source().id() === 'term:alpha' "
                "&& e.target().id() === 'ghost:nowhere')")
    # drawn apart: hollow, dashed (as Obsidian draws them)
    for node in ("term:vercel", "ghost:nowhere"):
        assert v.js(f"window.glossgraph.cy.$id('{node}').style('border-style')") == "dashed"
    assert v.js("window.glossgraph.cy.$id('term:alpha').style('border-style')") != "dashed"
    v.page.uncheck("#show-ghosts")
    v.page.wait_for_function("!location.search.includes('ghosts')")
    v.idle()
    assert {"term:vercel", "ghost:nowhere"}.isdisjoint(v.shown("*"))
    v.assert_clean()


# ---------------------------------------------------------- (4) readable: labels, filters, narrow

def label_boxes(v):
    return v.js("""window.glossgraph.cy.nodes('.lbl').filter(n => !n.hasClass('hidden')).map(n => {
        const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false,
                                          includeLabels: true });
        return [n.id(), b.x1, b.y1, b.x2, b.y2, n.data('degree')]; })""")


def test_labels_never_overlap_and_follow_importance(on_seed):
    v = on_seed.open()
    v.page.wait_for_timeout(400)  # labels are placed after the first frame
    boxes = label_boxes(v)
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1
            assert not overlap, (a, b)
    # the most connected concept is labelled; zooming out shows fewer labels
    top = v.js("window.glossgraph.cy.nodes('[kind=\"term\"]').max(n => n.data('degree')).ele.id()")
    assert top in {b[0] for b in boxes}
    # `void`: cy.zoom() returns the whole Cytoscape instance, which Playwright would copy back
    # (seconds of serialising, not of zooming)
    v.js("void window.glossgraph.cy.zoom({ level: window.glossgraph.cy.zoom() / 3, "
         "renderedPosition: { x: 400, y: 300 } })")
    v.page.wait_for_timeout(600)
    assert len(label_boxes(v)) < len(boxes)
    v.assert_clean()


def test_min_connections_slider(on_seed):
    v = on_seed.open()
    total = v.shown()
    v.page.eval_on_selector("#min-degree", "(el) => { el.value = '5'; "
                            "el.dispatchEvent(new Event('input', { bubbles: true })); }")
    v.page.wait_for_function("location.search.includes('min=5')")
    v.idle()
    shown = v.shown()
    degrees = v.js("Object.fromEntries(window.glossgraph.cy.nodes('[kind=\"term\"]')"
                   ".map(n => [n.id(), n.data('degree')]))")
    assert shown == {n for n in total if degrees[n] >= 5} and 0 < len(shown) < len(total)
    assert "≥ 5" in v.page.inner_text("#min-degree-value")
    v.assert_clean()


def test_folder_filter(on_vault):
    v = on_vault.open()
    assert {"term:alpha", "term:beta", "term:gamma"} <= v.shown()
    v.page.fill("#folder", "Spaces/")
    v.page.press("#folder", "Enter")
    v.page.wait_for_function("location.search.includes('folder=')")
    v.idle()
    assert v.shown() == {"term:beta"} and "folder=Spaces" in v.query()
    v.page.fill("#folder", "")
    v.page.press("#folder", "Enter")
    v.page.wait_for_function("!location.search.includes('folder=')")
    v.idle()
    assert {"term:alpha", "term:beta", "term:gamma"} <= v.shown()
    v.assert_clean()


def test_narrow_screen_opens_a_list_first(browser, seed):
    context, v = make(browser, seed, 420, 800)
    try:
        v.open()
        assert v.js("document.body.dataset.mode") == "list"
        assert v.page.is_visible("#list-view")
        groups = v.js("[...document.querySelectorAll('#list-view .lv-group .lv-name')]"
                      ".map(e => e.innerText)")
        top = post(seed, "{ communities(first: 3) { label } }")["communities"]
        assert groups[:3] == [g["label"] for g in top]
        v.page.screenshot(path=str(OUT / "viewer-narrow-list.png"))
        first = v.page.locator("#list-view .lv-group li [data-concept]").first
        cid = first.get_attribute("data-concept")
        first.click()
        v.page.wait_for_selector(f'#panel[data-kind="concept"] article[data-concept-id="{cid}"]')
        v.idle()
        v.page.click("#btn-graph")
        assert v.js("document.body.dataset.mode") == "graph" and v.page.is_visible("#cy")
        v.assert_clean()
    finally:
        context.close()


# ------------------------------------------------------------------ (6) kinds from the registry

def test_edge_kinds_and_colours_come_from_the_registry(on_seed, seed):
    with urllib.request.urlopen(seed + "/registry", timeout=20) as r:
        registry = json.load(r)
    v = on_seed.open()
    legend = v.js("[...document.querySelectorAll('#legend-edges input[name=\"edge\"]')]"
                  ".map(e => e.value)")
    assert {k["key"] for k in registry["kinds"]} <= set(legend)
    colour = {k["key"]: k["color"] for k in registry["kinds"]}
    edges = v.js("window.glossgraph.cy.edges().map(e => [e.data('ek'), e.style('line-color')])")
    assert edges

    def rgb(hexa: str) -> str:
        return "rgb({},{},{})".format(*(int(hexa[i:i + 2], 16) for i in (1, 3, 5)))

    for ek, line in edges:
        assert line == rgb(colour[ek]), (ek, line)
    v.assert_clean()


# ---------------------------------------------------------------------- (5) the first picture

@pytest.mark.parametrize("path", ["/viewer", "/viewer?concept=rag&depth=2"])
def test_the_first_view_is_asked_for_once_and_no_preload_is_wasted(browser, seed, path):
    context, v = make(browser, seed)
    warnings: list[str] = []
    v.page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    try:
        v.open(path)
        v.page.wait_for_timeout(3500)  # Chromium warns of an unused preload after ~3 s
        asks = [u for u in v.requests if "/graphql" in u]
        overview = [u for u in asks if "query%20Overview" in u]
        if path == "/viewer":
            # the preloaded GET, handed to the page's fetch: one request, not two
            assert len(overview) == 1 and len([u for u in v.requests if "/registry" in u]) == 1
            assert v.js("document.body.dataset.layout") == "server"
        else:
            assert overview == [] and v.js("window.glossgraph.state.view") == "local"
        assert not [w for w in warnings if "preload" in w.lower()], warnings
        v.assert_clean()
    finally:
        context.close()
