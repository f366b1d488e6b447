"""A definition's subject is another name of the note's concept only when it is that name as
its head word, or that name and a word of its kind (`extract._holds_name`), and no concept
when it only holds that name (a phrase on it, or a part of it); a parenthesis
holding a web address gives no names (`parens.paren_terms`)."""

from __future__ import annotations


def labels(result) -> dict[str, set[str]]:
    return {c.label: {x.text for x in (*c.labels, *c.synonyms)} for c in result.concepts.values()}


def test_a_name_qualifying_another_head_is_another_concept(notes):
    r = notes({"ingress.md": """
        ---
        title: Ingress
        ---
        An Ingress is a set of rules that manages traffic from outside into a cluster.

        ## How it helps

        An Ingress controller is a component that runs within the cluster and interprets
        the rules defined in the Ingress resource.
        """})
    assert "Ingress controller" not in labels(r)["Ingress"]
    assert r.concept_by_label("Ingress controller") in (None, *(
        c for c in r.concepts.values() if c.id != r.concept_by_label("Ingress").id))


def test_a_phrase_on_the_owner_is_no_other_name_of_it(notes):
    r = notes({"markdown.md": """
        # markdown

        markdown 可以说是一种轻量级标记语言，它用纯文本写带格式的文档。
        """})
    found = {x for names in labels(r).values() for x in names}
    assert "markdown 可以说" not in found, found


def test_a_name_and_a_word_of_its_kind_stay_that_name(notes):
    r = notes({"dikw.md": """
        # DIKW

        DIKW 模型是一种把数据、信息、知识和智慧分层的模型。

        ## noConfirm

        The `noConfirm` modifier is only configurable by passing it as an argument.
        """})
    assert r.concept_by_label("DIKW 模型").id == r.concept_by_label("DIKW").id
    assert r.concept_by_label("noConfirm modifier") in (None, r.concept_by_label("noConfirm"))


def test_a_web_address_in_parentheses_names_nothing(notes):
    r = notes({"routing.md": """
        # Routing

        The controller does the routing based on different URL paths
        (www.example-url.com/path) and hosts (api.example-url.com).
        """})
    found = {x for names in labels(r).values() for x in names}
    assert not {"path", "on different URL paths", "hosts"} & found, found
