"""A heading that says what to do names no concept, but the Latin names in its Chinese are
terms, as in a sentence (`graph.extract`, `heading-latin`); not a two-letter word, a web
site's address or a program's release."""

from __future__ import annotations


def test_latin_names_in_a_task_heading_are_terms(notes):
    r = notes({"a.md": """
        # 工具

        ## 第一天

        ### 使用getrlimit和setrlimit限制资源

        ### 使用staticcheck检查代码

        ### 使用helmfile管理多个发布

        ### 使用trellis.io实现实时同步
        """})
    for name in ("getrlimit", "setrlimit", "staticcheck", "helmfile", "trellis.io"):
        assert r.concept_by_label(name) is not None, name
    assert r.concept_by_label("使用getrlimit和setrlimit限制资源") is None


def test_no_short_word_address_or_release_from_a_heading(notes):
    r = notes({"a.md": """
        # 工具

        ## 效率与UI

        ### 参考 gunicorn.org 的写法

        ### 安装mypy2.7后检查代码
        """})
    for label in ("UI", "gunicorn.org", "mypy2.7"):
        assert r.concept_by_label(label) is None, label
