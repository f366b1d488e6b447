"""A definition's subject is another name of the note's concept only when it is that name as
its head word, or that name and a word of its kind (`extract._holds_name`), and no concept
when it only holds that name (a phrase on it, or a part of it); a parenthesis
holding a web address gives no names (`parens.paren_terms`)."""

from __future__ import annotations


def labels(result) -> dict[str, set[str]]:
    return {c.label: {x.text for x in (*c.labels, *c.synonyms)} for c in result.concepts.values()}


def test_a_name_qualifying_another_head_is_another_concept(notes):
    r = notes({"zephyr.md": """
        ---
        title: Zephyr
        ---
        A Zephyr is a set of rules that manages traffic from outside into a cluster.

        ## How it helps

        A Zephyr controller is a component that runs within the cluster and interprets
        the rules defined in the Zephyr resource.
        """})
    assert "Zephyr controller" not in labels(r)["Zephyr"]
    assert r.concept_by_label("Zephyr controller") in (None, *(
        c for c in r.concepts.values() if c.id != r.concept_by_label("Zephyr").id))


def test_a_phrase_on_the_owner_is_no_other_name_of_it(notes):
    r = notes({"poster.md": """
        # poster

        poster 可以说是一种张贴在墙上的大幅印刷品，用图文传达信息。
        """})
    found = {x for names in labels(r).values() for x in names}
    assert "poster 可以说" not in found, found


def test_a_name_and_a_word_of_its_kind_stay_that_name(notes):
    r = notes({"orbit.md": """
        # Orbit

        Orbit 模型是一种把目标、计划、行动和复盘分层的模型。

        ## dryRun

        The `dryRun` modifier is only configurable by passing it as an argument.
        """})
    assert r.concept_by_label("Orbit 模型").id == r.concept_by_label("Orbit").id
    assert r.concept_by_label("dryRun modifier") in (None, r.concept_by_label("dryRun"))


def test_a_web_address_in_parentheses_names_nothing(notes):
    r = notes({"gates.md": """
        # Traffic Gate

        The controller does the routing based on different URL paths
        (www.example-url.com/path) and hosts (api.example-url.com).
        """})
    found = {x for names in labels(r).values() for x in names}
    assert not {"path", "on different URL paths", "hosts"} & found, found


def test_a_product_named_after_the_owner_is_its_own_concept(notes):
    # (review: `Kafka Connect is a tool…` under Kafka was dropped as "a phrase on it")
    r = notes({"zephyr.md": """
        # Zephyr

        Zephyr Connect is a tool for streaming data between Zephyr and other systems.

        zephyr-router is the official router of Zephyr applications.
        """})
    assert r.concept_by_label("Zephyr Connect") is not None
    assert r.concept_by_label("Zephyr Connect").id != r.concept_by_label("Zephyr").id
    assert r.concept_by_label("zephyr-router") is not None


def test_names_beside_a_web_address_in_parentheses_still_count():
    from graph.rules.parens import paren_terms

    terms = paren_terms("使用前置代理（如Caddy、Envoy，参见 https://example.org/docs）来转发")
    assert any({"Caddy", "Envoy"} <= set(t.examples) for t in terms), terms
