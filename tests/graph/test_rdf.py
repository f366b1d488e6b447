"""graph.rdf: the SKOS export (four formats), linked-data descriptions, the SHACL check of the
SKOS integrity rules, the vocabulary, and the CLI commands that use them."""

from __future__ import annotations

import json
import os
import subprocess

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from graph import build, rdf
from tests.conftest import CORPUS_NAMES, DATA, GLOSSGRAPH, REPO, built, write_notes

SKOS = rdflib.Namespace(rdf.SKOS)
GG = rdflib.Namespace(rdf.GG)
DCT = rdflib.Namespace(rdf.DCTERMS)
FOAF = rdflib.Namespace(rdf.FOAF)
RDF = rdflib.RDF
BASE = rdf.DEFAULT_BASE_IRI
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
             "xml": ox.RdfFormat.RDF_XML, "json-ld": ox.RdfFormat.JSON_LD}
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "xml": "xml", "json-ld": "json-ld"}

NOTES = {
    "ml.md": """
        ---
        title: Machine Learning
        aliases: [机器学习]
        tags: [ml, RAG]
        ---
        # Machine Learning

        ## Glossary

        - 模型(model): 一种对现实的简化表示，用于预测。
          - 参数(parameter): the numbers a model learns.
          - https://example.org/model
          - ![figure](https://example.org/f.png)
          - [local](images/x.png)
          - [spaced](<https://example.org/a b|c>)
        - 训练(Train)
        - RAG(Retrieval-Augment Generation): 检索增强生成
        - 向量数据库: 存储向量的数据库，常用于检索增强生成和 RAG pipelines。

        See [[Vector notes]].
        """,
    "sub dir/vector #1.md": """
        ---
        title: Vector notes
        tags: [机器学习]
        ---
        # Vector notes

        Links back to [[ml]].
        """,
    "cycle/x.md": "# Xray\n\n## Glossary\n\n- Yankee\n- Zulu\n",
    "cycle/y.md": "# Yankee\n\n## Glossary\n\n- Xray\n",
}


def c(cid: str) -> rdflib.URIRef:
    return rdflib.URIRef(rdf.concept_iri(BASE, cid))


def t(tid: str) -> rdflib.URIRef:
    return rdflib.URIRef(rdf.tag_iri(BASE, tid))


def n(path: str) -> rdflib.URIRef:
    return rdflib.URIRef(rdf.note_iri(BASE, path))


def ox_triples(data: bytes, fmt: str) -> set:
    return {q.triple for q in ox.parse(data, OX_FORMAT[fmt])}


def term_key(term) -> tuple:
    """A plain, comparable form of an rdflib or pyoxigraph term (no blank nodes expected)."""
    if isinstance(term, rdflib.BNode | ox.BlankNode):
        raise AssertionError(f"unexpected blank node {term}")
    if isinstance(term, rdflib.URIRef):
        return ("iri", str(term))
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else None
        return ("lit", str(term), term.language, datatype)
    datatype = term.datatype.value
    plain = datatype in (rdf.XSD + "string", rdf.RDF + "langString")
    return ("lit", term.value, term.language, None if plain else datatype)


def rdflib_keys(graph: rdflib.Graph) -> set:
    return {(term_key(s), term_key(p), term_key(o)) for s, p, o in graph}


def ox_keys(triples) -> set:
    return {(term_key(x.subject), term_key(x.predicate), term_key(x.object)) for x in triples}


def to_rdflib(triples) -> rdflib.Graph:
    g = rdflib.Graph()
    for x in triples:
        terms = []
        for term in (x.subject, x.predicate, x.object):
            key = term_key(term)
            if key[0] == "iri":
                terms.append(rdflib.URIRef(key[1]))
            else:
                terms.append(rdflib.Literal(key[1], lang=key[2],
                                            datatype=rdflib.URIRef(key[3]) if key[3] else None))
        g.add(tuple(terms))
    return g


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    result = build(write_notes(tmp_path_factory.mktemp("rdf") / "notes", NOTES))
    graph = rdflib.Graph().parse(data=rdf.serialize(result, "turtle"), format="turtle")
    return result, graph


# ---------------------------------------------------------------------------- small notes


def test_concepts_labels_in_languages(small):
    r, g = small
    model = c("模型")
    assert (model, RDF.type, SKOS.Concept) in g
    assert set(g.objects(model, SKOS.prefLabel)) == {rdflib.Literal("模型", lang="zh"),
                                                     rdflib.Literal("model", lang="en")}
    assert set(g.objects(c("rag"), SKOS.altLabel)) == {
        rdflib.Literal("Retrieval-Augment Generation", lang="en"),
        rdflib.Literal("检索增强生成", lang="zh")}
    assert (c("machine-learning"), SKOS.altLabel, rdflib.Literal("机器学习", lang="zh")) in g
    assert (model, SKOS.definition, rdflib.Literal("一种对现实的简化表示，用于预测。", lang="zh")) in g
    for concept in g.subjects(RDF.type, SKOS.Concept):
        prefs = list(g.objects(concept, SKOS.prefLabel))
        assert prefs and len({x.language for x in prefs}) == len(prefs), concept
        assert not set(prefs) & set(g.objects(concept, SKOS.altLabel)), concept


def test_scheme_and_top_concepts(small):
    r, g = small
    scheme = rdflib.URIRef(rdf.scheme_iri(BASE))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert (scheme, DCT.title, rdflib.Literal("notes")) in g  # the folder's name
    for cid in r.concepts:
        assert (c(cid), SKOS.inScheme, scheme) in g
    tops = set(g.objects(scheme, SKOS.hasTopConcept))
    assert tops == set(g.subjects(SKOS.topConceptOf, scheme))
    assert tops == {x for x in map(c, r.concepts) if (x, SKOS.broader, None) not in g}
    assert c("machine-learning") in tops and c("模型") not in tops


def test_broader_and_narrower_both_directions(small):
    r, g = small
    assert (c("参数"), SKOS.broader, c("模型")) in g
    assert (c("模型"), SKOS.narrower, c("参数")) in g
    assert (c("模型"), SKOS.broader, c("machine-learning")) in g
    broader = set(g.subject_objects(SKOS.broader))
    narrower = {(o, s) for s, o in g.subject_objects(SKOS.narrower)}
    assert broader == narrower and broader


def test_related_both_directions_and_kept_kinds(small):
    r, g = small
    vdb, rag, ml, vn = c("向量数据库"), c("rag"), c("machine-learning"), c("vector-notes")
    assert (vdb, SKOS.related, rag) in g and (rag, SKOS.related, vdb) in g
    assert (vdb, GG.mentions, rag) in g and (rag, GG.mentions, vdb) not in g
    assert (ml, GG.linksTo, vn) in g and (vn, GG.linksTo, ml) in g
    assert (vn, GG.frontMatterRef, ml) in g
    for s, o in g.subject_objects(SKOS.related):
        assert (o, SKOS.related, s) in g
    for prop in rdf.RELATION_PROPERTIES.values():
        for s, o in g.subject_objects(rdflib.URIRef(prop)):
            assert (s, SKOS.related, o) in g, (prop, s, o)


def test_s27_the_hierarchy_wins(small):
    r, g = small
    ml, rag = c("machine-learning"), c("rag")
    assert any(x.source == "machine-learning" and x.target == "rag" and x.kind == "frontmatter"
               for x in r.relations)  # in the core output ...
    assert (rag, SKOS.broader, ml) in g
    assert (ml, SKOS.related, rag) not in g and (rag, SKOS.related, ml) not in g  # ... not here
    assert (ml, GG.frontMatterRef, rag) not in g
    # 参数 (parameter) is listed in the note about Machine Learning, which is broader than
    # it through 模型: dropped too.
    assert any(x.source == "参数" and x.target == "machine-learning" and x.kind == "hierarchy"
               for x in r.relations)
    assert (c("参数"), GG.listedUnder, ml) not in g
    adjs = [str(a) for a in rdf.adjustments(r) if a.rule.startswith("S27")]
    assert adjs == [
        "ml.md:2: concept machine-learning (Machine Learning): S27 skos:related is disjoint with "
        "skos:broaderTransitive: skos:related rag dropped: it is narrower (transitively)",
        "ml.md:11: concept 参数 (参数): S27 skos:related is disjoint with skos:broaderTransitive: "
        "skos:related machine-learning dropped: it is broader (transitively)"]


def test_broader_cycles_are_broken_and_reported(small):
    r, g = small
    x, y = c("xray"), c("yankee")
    assert {("yankee", "xray"), ("xray", "yankee")} <= {(a.source, a.target)
                                                       for a in r.relations if a.kind == "BROADER"}
    # The first edge in evidence order wins (cycle/x.md:5 says Yankee is under Xray).
    assert (y, SKOS.broader, x) in g and (x, SKOS.broader, y) not in g
    [adj] = [a for a in rdf.adjustments(r) if a.rule == "no broader cycle"]
    assert (adj.file, adj.line, adj.concept) == ("cycle/y.md", 5, "xray")
    assert "xray → yankee → xray" in adj.message
    assert rdf.validate(r) == []


def test_tags(small):
    r, g = small
    tags = rdflib.URIRef(rdf.tag_scheme_iri(BASE))
    for tid, tag in r.tags.items():
        assert (t(tid), RDF.type, GG.Tag) in g and (t(tid), SKOS.inScheme, tags) in g
        assert (t(tid), SKOS.inScheme, rdflib.URIRef(rdf.scheme_iri(BASE))) not in g
        assert str(g.value(t(tid), SKOS.prefLabel)) == tag.label
    assert (t("rag"), SKOS.exactMatch, c("rag")) in g and (c("rag"), SKOS.exactMatch, t("rag")) in g
    # Matched by any label: 机器学习 is an alias of Machine Learning.
    assert (t("机器学习"), SKOS.exactMatch, c("machine-learning")) in g
    assert (t("ml"), SKOS.exactMatch, None) not in g
    assert (c("machine-learning"), DCT.subject, t("ml")) in g
    assert (n("ml.md"), DCT.subject, t("rag")) in g
    assert (n("sub dir/vector #1.md"), DCT.subject, t("机器学习")) in g
    # A tag is never related to, or broader than, what it matches (S46).
    for tag, concept in g.subject_objects(SKOS.exactMatch):
        for prop in (SKOS.related, SKOS.broader, SKOS.narrower):
            assert (tag, prop, concept) not in g and (concept, prop, tag) not in g


def test_notes_sources_and_occurrences(small):
    r, g = small
    note = n("sub dir/vector #1.md")
    assert str(note) == BASE + "note/sub%20dir/vector%20%231.md"
    assert (note, RDF.type, FOAF.Document) in g
    assert (note, DCT.title, rdflib.Literal("Vector notes")) in g
    assert (note, GG.path, rdflib.Literal("sub dir/vector #1.md")) in g
    assert (note, FOAF.primaryTopic, c("vector-notes")) in g
    for cid, concept in r.concepts.items():
        assert set(g.objects(c(cid), DCT.source)) == {n(p) for p in concept.note_paths}
        places = set()
        for loc in g.objects(c(cid), GG.occurrence):
            assert (loc, RDF.type, GG.Location) in g
            file, line = str(g.value(loc, GG.file)), g.value(loc, GG.line).toPython()
            assert (loc, DCT.isPartOf, n(file)) in g and str(loc) == f"{n(file)}#L{line}"
            places.add((file, line))
        assert places == {(s.file, s.line) for s in concept.sources}, cid
    assert not [x for x in g.all_nodes() if isinstance(x, rdflib.BNode)]


def test_resources(small):
    r, g = small
    model = c("模型")
    see = {str(x) for x in g.objects(model, rdflib.RDFS.seeAlso)}
    assert {"https://example.org/f.png", "https://example.org/a%20b%7Cc"} <= see
    assert not any("images/x.png" in x for x in see)
    assert {str(x) for x in g.objects(model, FOAF.depiction)} == {"https://example.org/f.png"}
    left_out = [a for a in rdf.adjustments(r) if a.kind == "resource"]
    assert [a.message for a in left_out] == ["resource 'images/x.png' left out"]


def test_iris_readable_encoded_and_reversible(small):
    r, g = small
    assert rdf.concept_iri(BASE, "神经网络") == BASE + "concept/神经网络"
    assert rdf.concept_iri(BASE, "c++") == BASE + "concept/c++"
    assert rdf.tag_iri(BASE, "a b/c") == BASE + "tag/a%20b%2Fc"
    assert rdf.note_iri(BASE, "x/50% 好.md") == BASE + "note/x/50%25%20好.md"
    assert rdf.iri_segment("..") == "%2E%2E"
    assert rdf.iri_segment("a\u200bb\u3000c") == "a%E2%80%8Bb%E3%80%80c"  # invisible → encoded
    for kind, ids, make in (("concept", r.concepts, rdf.concept_iri), ("tag", r.tags, rdf.tag_iri),
                            ("note", r.notes, rdf.note_iri)):
        for rid in ids:
            iri = make(BASE, rid)
            ox.NamedNode(iri)  # valid
            assert rdf.resource_of(BASE, iri) == (kind, rid)
    for odd in ("a b", "x#y", "q?r", "%41", "ü/é", "\x01", "tab\there", "emoji😀"):
        iri = rdf.concept_iri(BASE, odd)
        ox.NamedNode(iri)
        assert rdf.resource_of(BASE, iri) == ("concept", odd)
    assert rdf.resource_of(BASE, "https://elsewhere.example/concept/x") is None


def test_base_iri_argument_config_and_errors(tmp_path, small):
    r, _ = small
    out = rdf.serialize(r, "nt", base_iri="http://example.org/g/")
    assert b"<http://example.org/g/concept/rag>" in out and b"glossgraph.example/concept" not in out
    root = write_notes(tmp_path / "n", {"a.md": "- RAG: retrieval\n"})
    (root / "glossgraph.toml").write_text(
        '[rdf]\nbase_iri = "https://ex.org/gl/"\ntitle = "My glossary"\n'
        'description = "Terms I use"\n', encoding="utf-8")
    configured = build(root)
    g = rdflib.Graph().parse(data=rdf.serialize(configured, "turtle"), format="turtle")
    scheme = rdflib.URIRef("https://ex.org/gl/scheme")
    assert (rdflib.URIRef("https://ex.org/gl/concept/rag"), SKOS.inScheme, scheme) in g
    assert str(g.value(scheme, DCT.title)) == "My glossary"
    assert str(g.value(scheme, DCT.description)) == "Terms I use"
    tagged = rdf.serialize(r, "json-ld", base_iri="tag:ex.org,2024:g/")  # scheme == a prefix
    assert ox_triples(tagged, "json-ld") == ox_triples(
        rdf.serialize(r, "nt", base_iri="tag:ex.org,2024:g/"), "nt")
    for bad in ("https://ex.org/no-slash", "not an iri/", "relative/", "https://ex.org/#x/"):
        with pytest.raises(ValueError):
            rdf.serialize(r, "turtle", base_iri=bad)
    with pytest.raises(ValueError):
        rdf.serialize(r, "yaml")


def test_describe(small):
    r, _ = small
    text = rdf.describe(r, "concept", "模型", "turtle")
    g = rdflib.Graph().parse(data=text, format="turtle")
    model = c("模型")
    assert (model, SKOS.prefLabel, rdflib.Literal("模型", lang="zh")) in g
    assert (model, SKOS.narrower, c("参数")) in g
    assert (c("参数"), SKOS.prefLabel, rdflib.Literal("参数", lang="zh")) in g  # linked label
    assert (c("参数"), SKOS.definition, None) not in g  # ... but not its whole description
    assert (rdflib.URIRef(f"{n('ml.md')}#L10"), GG.line, rdflib.Literal(10)) in g
    tag = rdflib.Graph().parse(data=rdf.describe(r, "tag", "rag", "json-ld"), format="json-ld")
    assert (t("rag"), SKOS.exactMatch, c("rag")) in tag
    assert (n("ml.md"), DCT.subject, t("rag")) in tag  # who points at it
    assert (c("rag"), SKOS.prefLabel, rdflib.Literal("RAG", lang="en")) in tag
    note = rdflib.Graph().parse(data=rdf.describe(r, "note", "sub dir/vector #1.md", "xml"),
                                format="xml")
    assert (c("vector-notes"), DCT.source, n("sub dir/vector #1.md")) in note
    assert (n("sub dir/vector #1.md"), GG.path, None) in note
    for fmt in rdf.FORMATS:
        data = rdf.describe(r, "concept", "rag", fmt)
        assert ox_triples(data, fmt) == ox_triples(rdf.describe(r, "concept", "rag", "nt"), "nt")
    assert rdf.describe(r, "concept", "nope", "turtle") is None
    assert rdf.describe(r, "tag", "nope", "turtle") is None
    assert rdf.describe(r, "note", "nope.md", "turtle") is None
    assert rdf.describe(r, "scheme", "", "turtle") is None


def test_vocabulary():
    text = rdf.vocab_turtle()
    for prefix in ("skos", "dcterms", "rdfs", "gg"):
        assert f"@prefix {prefix}: " in text
    g = rdflib.Graph().parse(data=text, format="turtle")
    for prop in rdf.RELATION_PROPERTIES.values():
        prop = rdflib.URIRef(prop)
        assert (prop, rdflib.RDFS.subPropertyOf, SKOS.related) in g
        assert g.value(prop, rdflib.RDFS.label) and g.value(prop, rdflib.RDFS.comment)
    used = set()
    for s, p, o in rdflib.Graph().parse(data=rdf.serialize(build(DATA), "nt"), format="nt"):
        used |= {x for x in (p, o) if isinstance(x, rdflib.URIRef) and str(x).startswith(rdf.GG)}
    assert used
    for term in used:
        assert g.value(term, rdflib.RDFS.label) and g.value(term, rdflib.RDFS.comment), term


def test_control_characters_quotes_and_line_ends(notes):
    r = notes({"a.md": b'- Q"uote\\d(q2): line one\r\n  - weird\x0b\x01 text \x7f with\ttab\r\n'
                       b"- \xe2\x80\xa8sep: x\r\n"})
    data = {fmt: rdf.serialize(r, fmt) for fmt in rdf.FORMATS}
    triples = ox_triples(data["nt"], "nt")
    for fmt in ("turtle", "xml", "json-ld"):
        assert ox_triples(data[fmt], fmt) == triples, fmt
        assert isomorphic(rdflib.Graph().parse(data=data[fmt], format=RDFLIB_FORMAT[fmt]),
                          rdflib.Graph().parse(data=data["nt"], format="nt")), fmt
    assert b"\x0b" not in data["xml"] and b"\x01" not in data["xml"] and b"\r" not in data["nt"]
    assert data["nt"] == ox.serialize(ox.parse(data["nt"], ox.RdfFormat.N_TRIPLES),
                                      format=ox.RdfFormat.N_TRIPLES)


def test_shapes_catch_every_rule():
    broken = """
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix c: <https://glossgraph.example/concept/> .
        c:a a skos:Concept ; skos:prefLabel "A"@en , "A2"@en ; skos:altLabel "A"@en ;
            skos:broader c:b ; skos:related c:c .
        c:b a skos:Concept ; skos:prefLabel "B"@en ; skos:hiddenLabel "B"@en ; skos:broader c:c .
        c:c a skos:Concept ; skos:prefLabel "C"@en ;
            skos:altLabel "x"@en ; skos:hiddenLabel "x"@en .
        c:d a skos:Concept ; skos:narrower c:e .
        c:e a skos:Concept ; skos:prefLabel "E"@en ; skos:narrower c:d .
        c:f a skos:Concept ; skos:prefLabel "F"@en ; skos:narrower c:g .
        c:g a skos:Concept ; skos:prefLabel "G"@en .
        c:h a skos:Concept ; skos:prefLabel "H"@en ; skos:related c:f ; skos:broader c:g .
        """
    found = {(v.concept, v.rule.split()[0]) for v in
             rdf.validate_graph(rdflib.Graph().parse(data=broken, format="turtle"))}
    assert found == {("a", "S13"), ("a", "S14"), ("a", "S27"), ("b", "S13"), ("c", "S13"),
                     ("d", "every"), ("d", "no"), ("e", "no"),
                     ("h", "S27")}  # related (one way) to f, above it through ^narrower
    clean = broken.split("c:a a")[0] + 'c:a a skos:Concept ; skos:prefLabel "A"@en .'
    assert rdf.validate_graph(rdflib.Graph().parse(data=clean, format="turtle")) == []


def test_violation_names_concept_rule_and_source(small):
    r, _ = small
    rows = [*rdf._export(r).rows(),
            (rdf.concept_iri(BASE, "rag"), rdf.SKOS + "prefLabel", '"Rag again"@en'),
            (rdf.concept_iri(BASE, "rag"), rdf.SKOS + "related",
             f"<{rdf.concept_iri(BASE, 'machine-learning')}>")]
    violations = rdf.validate_graph(rdf._rdflib_graph(rows), r)
    lines = [str(v) for v in violations]
    where = str(r.concepts["rag"].sources[0])
    assert where == "ml.md:17"
    assert f"{where}: concept rag (RAG): S14 at most one skos:prefLabel per language: " \
           "more than one skos:prefLabel in one language" in lines
    assert any(x.startswith(f"{where}: concept rag (RAG): S27") and
               "machine-learning (Machine Learning)" in x for x in lines)
    assert all("\n" not in x for x in lines)


def test_two_builds_give_identical_bytes(tmp_path):
    # Same folder name (the scheme's title), files written in the opposite order.
    one = build(write_notes(tmp_path / "one" / "notes", NOTES))
    two = build(write_notes(tmp_path / "two" / "notes", dict(reversed(list(NOTES.items())))))
    for fmt in rdf.FORMATS:
        assert rdf.serialize(one, fmt) == rdf.serialize(two, fmt), fmt


# -------------------------------------------------------------------- seed and every corpus


@pytest.fixture(scope="module", params=["data", *CORPUS_NAMES])
def corpus(request):
    name = request.param
    result = built(name)  # built once per session, shared with test_corpora (read-only)
    return name, result, {fmt: rdf.serialize(result, fmt) for fmt in rdf.FORMATS}


def canonical_lines(data: bytes, fmt: str) -> list[bytes]:
    """The triples of `data` as sorted canonical N-Triples lines (parsed strictly)."""
    nt = ox.serialize(ox.parse(data, OX_FORMAT[fmt]), format=ox.RdfFormat.N_TRIPLES)
    return sorted(nt.splitlines())


def test_corpus_exports_the_same_triples_in_every_format(corpus):
    name, result, exports = corpus
    lines = canonical_lines(exports["turtle"], "turtle")
    assert len(set(lines)) == len(lines) == rdf.triple_count(result) > len(result.concepts)
    for fmt in ("nt", "xml", "json-ld"):
        assert canonical_lines(exports[fmt], fmt) == lines, (name, fmt)
    assert json.loads(exports["json-ld"])["@context"]["skos"] == rdf.SKOS


def turtle_sample(turtle: bytes, every: int) -> bytes:
    """The prefixes and every n-th statement of a Turtle export (pyoxigraph starts each
    subject's statement at the beginning of a line and indents its continuation lines)."""
    lines = turtle.split(b"\n")
    head = [x for x in lines if x.startswith(b"@prefix")]
    statements, current = [], []
    for line in lines[len(head):]:
        if line and not line.startswith(b"\t") and current:
            statements.append(current)
            current = []
        if line:
            current.append(line)
    statements.append(current)
    return b"\n".join([*head, *(x for st in statements[::every] for x in st)]) + b"\n"


RDFLIB_TRIPLES = 60_000


def test_corpus_rdflib_reads_turtle_and_json_ld_alike(corpus):
    name, result, exports = corpus
    turtle = exports["turtle"]
    every = round(rdf.triple_count(result) / RDFLIB_TRIPLES)
    if every > 1:
        # rdflib reads ~10,000 triples a second: on the big corpora it reads an even sample
        # of about RDFLIB_TRIPLES of them (the same syntax: CJK and escaped local names,
        # string escapes, lists of objects); pyoxigraph compares every triple of every format
        # above.
        turtle = turtle_sample(turtle, every)
    by_ox = list(ox.parse(turtle, ox.RdfFormat.TURTLE))
    g = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(g) == len(by_ox) > 0
    # No blank nodes: isomorphic is equality of the triple sets. rdflib.compare on the smaller
    # graphs, a direct comparison (same meaning, a fraction of the time) on the big ones.
    if len(by_ox) < 20_000:
        assert isomorphic(g, to_rdflib(q.triple for q in by_ox)), name
        assert isomorphic(g, rdflib.Graph().parse(data=exports["json-ld"], format="json-ld"))
    else:
        assert rdflib_keys(g) == ox_keys(q.triple for q in by_ox), name


def test_corpus_validates_with_zero_violations(corpus):
    name, result, *_ = corpus
    if name == "wwfyde-notes":
        # pySHACL takes two minutes over its 18,000 concepts, a fifth of the suite's time; the
        # other three corpora exercise every shape. By hand: glossgraph validate NOTES.
        pytest.skip("SHACL over the largest corpus is left to `glossgraph validate`")
    violations = rdf.validate(result)
    assert violations == [], "\n".join(map(str, violations[:20]))


def test_corpus_export_is_deterministic(corpus):
    name, result, exports = corpus
    rdf.clear_cache()  # make the triples again from the build
    # On the largest corpus the triples (N-Triples) and one writer suffice: each writer is a
    # function of the triples, and every writer is checked on the other corpora (20 s saved).
    big = rdf.triple_count(result) > 200_000
    for fmt in ("nt", "turtle") if big else rdf.FORMATS:
        assert rdf.serialize(result, fmt) == exports[fmt], (name, fmt)


def test_corpus_graph_is_valid_skos_by_construction(corpus):
    """What the shapes check, checked again directly on the triples (fast, and independent)."""
    name, result, exports = corpus
    parents: dict[str, set[str]] = {}
    related: set[tuple[str, str]] = set()
    for q in ox.parse(exports["nt"], ox.RdfFormat.N_TRIPLES):
        if q.predicate.value == rdf.SKOS + "broader":
            parents.setdefault(q.subject.value, set()).add(q.object.value)
        elif q.predicate.value == rdf.SKOS + "related":
            related.add((q.subject.value, q.object.value))

    def above(node: str) -> set[str]:
        todo, seen = [node], set()
        while todo:
            for p in parents.get(todo.pop(), ()):
                assert p != node, f"broader cycle through {node}"
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    ancestors = {node: above(node) for node in parents}
    for a, b in related:
        assert (b, a) in related
        assert b not in ancestors.get(a, ()) and a not in ancestors.get(b, ()), f"S27: {a} {b}"


# ------------------------------------------------------------------------------- the CLI


def run(*args, env=None):
    return subprocess.run([str(GLOSSGRAPH), *args], cwd=REPO, capture_output=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_cli_export_stdout_and_file(tmp_path):
    p = run("export", "data", "--format", "turtle")
    assert p.returncode == 0, p.stderr
    assert p.stdout == rdf.serialize(build(DATA), "turtle")
    out = tmp_path / "out" / "glossary.jsonld"
    p = run("export", "data", "-f", "json-ld", "-o", str(out))
    assert p.returncode == 0 and p.stdout == b"", p.stderr
    assert os.listdir(out.parent) == ["glossary.jsonld"]  # no temp file left
    assert ox_triples(out.read_bytes(), "json-ld") == ox_triples(
        run("export", "data", "-f", "nt").stdout, "nt")


def test_cli_export_is_identical_across_processes():
    a = run("export", "data", "-f", "turtle", env={"PYTHONHASHSEED": "1"})
    b = run("export", "data", "-f", "turtle", env={"PYTHONHASHSEED": "2"})
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout
    x = run("export", "data", "-f", "json-ld", env={"PYTHONHASHSEED": "3"})
    y = run("export", "data", "-f", "json-ld", env={"PYTHONHASHSEED": "4"})
    assert x.stdout == y.stdout


def test_cli_validate_and_vocab():
    p = run("validate", "data")
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode().strip().splitlines()[-1].startswith("0 violations")
    p = run("vocab")
    assert p.returncode == 0
    g = rdflib.Graph().parse(data=p.stdout, format="turtle")
    assert (GG.mentions, rdflib.RDFS.subPropertyOf, SKOS.related) in g


def test_an_export_kept_for_reuse_does_not_keep_its_version_alive():
    """A server keeps the export of each version it serves for the next request; once a
    newer version has replaced it, the old store and its build are freed by reference
    counting (no collection), and the export with them (a whole version of triples)."""
    import weakref

    from graph import rdf_map
    from graph.gcpause import paused
    from graph.store import MemoryStore

    with paused():  # no collection: only what reference counting frees
        store = MemoryStore(build(DATA))
        turtle = rdf.serialize(store, "turtle")
        assert rdf.serialize(store, "turtle") == turtle  # from the export kept for it
        gone = weakref.ref(store), weakref.ref(store.result)
        kept = len(rdf_map._cache)
        del store
        assert [ref() for ref in gone] == [None, None]
        assert len(rdf_map._cache) == kept - 1
