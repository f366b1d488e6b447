"""tests/eval/pairs.py: how two labelled concepts are joined, as the scorer reads it."""

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from tests.eval.pairs import edges_between


def test_edges_between_names_the_properties_both_ways_and_same_concept():
    g = Graph()
    a, b = URIRef("urn:a"), URIRef("urn:b")
    g.add((a, SKOS.prefLabel, Literal("PV")))
    g.add((a, SKOS.altLabel, Literal("持久卷")))
    g.add((b, SKOS.prefLabel, Literal("Kubernetes")))
    g.add((b, SKOS.narrower, a))
    by_label = {"pv": {a}, "持久卷": {a}, "kubernetes": {b}}
    norm = str.casefold
    assert edges_between(g, by_label, norm, "PV", "Kubernetes") == {"~narrower"}
    assert edges_between(g, by_label, norm, "Kubernetes", "PV") == {"narrower"}
    assert edges_between(g, by_label, norm, "PV", "持久卷") == {"SAME"}
    assert edges_between(g, by_label, norm, "PV", "nothing") == set()


def test_split_synonyms_says_where_each_label_sits():
    from collections import Counter
    from types import SimpleNamespace

    from tests.eval.pairs import split_synonyms

    g = Graph()
    a, b = URIRef("urn:a"), URIRef("urn:b")
    g.add((a, SKOS.prefLabel, Literal("ORM")))
    g.add((b, SKOS.prefLabel, Literal("对象关系映射")))
    by_label = {"orm": {a}, "对象关系映射": {b}}
    scorer = SimpleNamespace(norm=str.casefold)
    key = {"concepts": [{"labels": ["ORM", "对象关系映射"]}, {"labels": ["ORM", "object mapper"]},
                        {"labels": ["ORM"]}]}
    counts = Counter()
    lines = split_synonyms(g, by_label, scorer, key, counts)
    assert lines == ["    synonyms: orm @ ORM; 对象关系映射 @ 对象关系映射",
                     "    synonyms: orm @ ORM; object mapper @ -"]
    assert counts == Counter({("synonyms", "groups"): 2, ("synonyms", "all found, apart"): 1,
                              ("synonyms", "a label missing"): 1})


def test_corpus_diff_compares_label_files(tmp_path):
    from tests.eval.corpus_diff import compare, labels

    before = tmp_path / "before.tsv"
    after = tmp_path / "after.tsv"
    before.write_text("Kubernetes\theading\t0.85\ta.md:1\nPod\tterm-item\t0.90\ta.md:3\n")
    after.write_text("Kubernetes\theading\t0.85\ta.md:1\nService\tlatin-run\t0.50\tb.md:2\n")
    added, removed = compare(labels(before), labels(after))
    assert added == ["Service"] and removed == ["Pod"]
    assert labels(after)["Service"] == "latin-run\t0.50\tb.md:2"
