"""The topics a linked note's title joins are concepts (graph/rules/links.py `linked_topics`)."""

from tests.conftest import names_of


def test_a_linked_title_that_joins_topics_names_each():
    """Failed before: only the titles were concepts, not 格挡 and 投技."""
    names = names_of("# 格斗游戏\n\n- 基础\n\t- [[格挡与投技]]\n\t- [[压制、破防及择]]\n"
                     "\t- [[App Cleaner & Uninstaller]]\n\t- [[新手如何选择第一个角色与练习方法]]\n")
    assert {"格挡", "投技", "压制", "破防"} <= names
    assert not names & {"App Cleaner", "Uninstaller", "新手如何选择第一个角色"}


def test_a_joining_character_inside_a_word_joins_nothing():
    """The review of the rule above: `[[普及教育与扶贫]]` gave 扶贫 and 普 (the 及 of 普及), a
    link's label was split too."""
    names = names_of("# 政策\n\n- [[普及教育与扶贫]]\n- [[乡村振兴|振兴与发展规划]]\n")
    assert "普" not in names and "教育" not in names
    assert not names & {"振兴", "发展规划"}


def test_a_link_to_an_encyclopedia_article_in_a_sentence_names_its_concept():
    """Failed before: an external link was only a resource, whatever page it was (and
    `memory model`, everyday words, no name for the link-text rule)."""
    names = names_of("# Threads\n\nEach thread sees the [memory model](https://en.wikipedia.org/"
                     "wiki/Memory_model_(programming)) of its language, see [here]"
                     "(https://en.wikipedia.org/wiki/Thread_(computing)) for more.\n\n"
                     "- [Page table - Wikipedia](https://en.wikipedia.org/wiki/Page_table)\n")
    assert "memory model" in names
    assert not names & {"here", "Page table - Wikipedia"}
