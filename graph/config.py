"""Settings of a build: which headings are generic, which labels never count as mentions.

A notes folder may hold `glossgraph.toml` (or `.glossgraph.toml`) to extend the lists:

    exclude = ["SOURCE.md", "drafts/**", "**/LICENSE*"]   # paths that are not notes
    follow_external_links = false       # read symlinks whose target is outside the folder?
    max_note_seconds = 10               # CPU seconds: a note that needs more is skipped
    max_note_bytes = 8388608            # a larger note is read up to this many bytes
    max_line_chars = 1000000            # longer lines are cut to this many characters
    [headings]
    generic = ["Snippets", "片段"]      # sections: their text belongs to the concept above
    containers = ["Vocabulary"]         # term lists: their terms are narrower than the concept above
    [mentions]
    stop = ["data", "数据"]
    [rdf]
    base_iri = "https://example.org/glossary/"
    title = "My glossary"

glossgraph reads the file; it never writes into the notes folder.

`exclude` holds globs matched, case-sensitively, against each path relative to the notes folder
with `/` between folders, like a .gitignore: a pattern without `/` matches a file or folder name
at any depth (`SOURCE.md`, `*.draft.md`); one with `/` is anchored at the folder
(`drafts/**`, `/todo.md`); `*` and `?` never match `/`, `**` matches any number of folders
(`**/LICENSE*`), `[abc]` a character class; a trailing `/` matches folders only. Hidden files and
folders (`.obsidian/`), `node_modules/`, `__pycache__/` and editors' temporary and swap files
are always left out. `glossgraph build -v` lists what was left out and why.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .text import normalize

def _phrases(text: str) -> frozenset[str]:
    """A comma-separated list of headings (phrases may hold spaces), normalized."""
    return frozenset(normalize(p) for p in text.split(",") if p.strip())


# Headings that hold terms: what is listed under them is narrower than the concept above.
CONTAINER_HEADINGS = _phrases("""
glossary, lists, list, items, topics, terms, terminology, lingo, vocabulary, concepts,
keywords, index, related concepts, related terms, key concepts, see also, 术语, 术语表, 词汇, 词汇表,
概念, 相关概念, 附加概念, 关键词, 名词, 名词解释, 列表, 条目, 主题, 相关术语, 核心概念
""")

# Of those, the words that say what is listed are terms, not just items or topics: a list
# item `- 概念：封装、继承` lists terms, `- topics: recipes, cooking` describes a record.
TERM_WORDS = _phrases("""
glossary, terms, terminology, lingo, vocabulary, concepts, keywords, related concepts,
related terms, key concepts, 术语, 术语表, 词汇, 词汇表, 概念, 相关概念, 附加概念, 关键词, 名词,
名词解释, 相关术语, 核心概念
""")

# Section headings that are not concepts: their content belongs to the concept above.
GENERIC_HEADINGS = _phrases("""
resources, references, reference, links, further reading, reading, readings, sources,
source, notes, note, overview, introduction, intro, summary, description, definition,
definitions, details, usage, usages, examples, example, installation, install, setup,
set up, getting started, quickstart, quick start, f&q, 概要, 大纲, 要点总结, configuration, config, settings, options,
steps, faq, faqs, troubleshooting, questions, q&a, tips, best practices, practice, todo,
to do, misc, miscellaneous, other, others, appendix, changelog, contents,
table of contents, toc, features, feature, background, motivation, what it is,
how it helps, problem it addresses, pros and cons, advantages, disadvantages, limitations,
use cases, applications, 参考, 参考资料, 参考文献, 参考文档, 资料, 其他资料, 相关资料, 相关文档, 相关链接, 链接, 文档, 官方文档,
资源, 学习资源, 安装, 安装指南, 配置, 设置, 概述, 简介, 介绍, 前言, 总结, 小结, 定义, 多维定义, 多维解释, 解释, 说明, 描述, 用法, 使用,
使用方法, 使用说明, 基本用法, 示例, 例子, 案例, 步骤, 操作步骤, 基本思路, 思路, 常见问题, 问题, 疑问, 问答, 最佳实践, 实践, 技巧, 注意事项, 注意,
杂记, 笔记, 备注, 其他, 其它, 特性, 特点, 功能, 优点, 缺点, 优缺点, 局限, 应用, 应用场景, 场景, 使用场景, 背景, 动机, 原理, 目录, 附录,
待办, 更新日志, 是什么, 解决的问题, 如何帮助,
enhancements, enhancement, bug fixes, bugfixes, fixes, improvements, breaking changes, added,
changed, deprecated, removed, fixed, security, highlights, what's new, release notes, commands,
common commands, advanced, basics, prerequisites, requirements, next steps, related, tutorial,
高级特性, 高级用法, 高级, 进阶, 基础, 基础知识, 入门, 快速上手, 快速开始, 快速入门, 学习目标, 常用命令, 命令,
核心功能, 优势, 环境, 环境准备, 示例代码, 代码示例, 实战, 练习, 总览, 知识点, 要点, 重点, 扩展, 拓展, 延伸阅读,
概览, 综述, 详解, 解析, 教程, 指南, 举例, 案例解析, 案例分析, 学习笔记, 注意点, 小技巧, 进阶篇, 高级篇, 新特性,
官网, 官方网站, 速查表, fundamentals, guide, cheat sheet, cheatsheet,
tip, important, caution, danger, hint, docs,
序言, 引言, 导言, 导读, 结语, 结论, 后记, 致谢, 杂项, 杂谈, 题外话, 写在前面, 写在最后,
preface, foreword, conclusion, conclusions, acknowledgements, acknowledgments, epilogue, afterword,
checklist, check list, pre-requisite, pre-requisites, prerequisite, 准备工作, commentary,
广义, 狭义, 提示, 附注, 别称, 危害, 方案, synopsis, see also, 参见, 另见
""")

# Generic headings whose text defines the concept above (elsewhere text is only notes).
DEFINITION_HEADINGS = _phrases("""
definition, definitions, overview, introduction, intro, summary, description, what it is,
background, 定义, 多维定义, 多维解释, 解释, 概述, 简介, 介绍, 说明, 描述, 是什么, 总结, 小结, 广义, 狭义
""")

# Generic headings whose sub-headings are questions or tasks, never concepts.
QUESTION_HEADINGS = "faq faqs f&q troubleshooting questions q&a 常见问题 问题 疑问 问答".split()

# Words too common to be a mention of a concept.
STOP_LABELS = """
the and for with from this that these those what when where which into over under about
data code file files user users time note notes type types value values list item items
name names text test tests example examples other more most some many base default new
数据 文件 用户 时间 问题 方法 模型 信息 内容 系统 功能 使用 服务 工具 代码 类型 方式 结构 过程 结果
""".split()


@dataclass
class Config:
    generic_headings: set[str] = field(default_factory=lambda: set(GENERIC_HEADINGS))
    container_headings: set[str] = field(default_factory=lambda: set(CONTAINER_HEADINGS))
    definition_headings: set[str] = field(default_factory=lambda: set(DEFINITION_HEADINGS))
    question_headings: set[str] = field(default_factory=lambda: {normalize(w) for w in QUESTION_HEADINGS})
    stop_labels: set[str] = field(default_factory=lambda: {normalize(w) for w in STOP_LABELS})
    base_iri: str = "https://glossgraph.example/"
    title: str = ""
    description: str = ""
    max_note_bytes: int = 8 * 1024 * 1024
    exclude: list[str] = field(default_factory=list)  # globs (see the module docstring)
    follow_external_links: bool = False
    max_note_seconds: float = 10.0  # CPU time per note (graph.budget); 0 turns it off
    max_line_chars: int = 1_000_000  # longer lines are cut (the parser is slow on them)

    def is_container(self, heading: str) -> bool:
        return normalize(heading) in self.container_headings

    def names_terms(self, heading: str) -> bool:
        """A container heading whose word says its items are terms (`TERM_WORDS`)."""
        key = normalize(heading)
        return key in self.container_headings and key in TERM_WORDS

    def is_generic(self, heading: str) -> bool:
        """A section heading, spelled with or without its hyphens (`Pre-requisites` is
        `prerequisites`, `Set-up` is `set up`)."""
        key = normalize(heading)
        keys = (key, key.replace("-", ""), key.replace("-", " ")) if "-" in key else (key,)
        return any(k in self.generic_headings or k in self.container_headings for k in keys)


CONFIG_NAMES = ("glossgraph.toml", ".glossgraph.toml")


def load_config(root: Path, explicit: Path | None = None) -> tuple[Config, list[str]]:
    """The default config extended by the notes folder's `glossgraph.toml`, if any.

    Returns the config and a list of problems (a broken config file must not stop a build).
    """
    config = Config()
    problems: list[str] = []
    candidates = [explicit] if explicit else [root / name for name in CONFIG_NAMES]
    for path in candidates:
        if path is None or not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"{path.name}: {exc}")
            break
        headings = data.get("headings", {})
        config.generic_headings |= {normalize(h) for h in headings.get("generic", [])}
        config.container_headings |= {normalize(h) for h in headings.get("containers", [])}
        config.stop_labels |= {normalize(w) for w in data.get("mentions", {}).get("stop", [])}
        rdf = data.get("rdf", {})
        config.base_iri = str(rdf.get("base_iri", config.base_iri))
        config.title = str(rdf.get("title", config.title))
        config.description = str(rdf.get("description", config.description))
        _top_level(config, data, path.name, problems)
        break
    return config, problems


def _top_level(config: Config, data: dict, name: str, problems: list[str]) -> None:
    """The top-level keys; a value of the wrong type is a problem and keeps the default."""
    exclude = data.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if isinstance(exclude, list) and all(isinstance(p, str) for p in exclude):
        config.exclude = [p for p in exclude if p.strip()]
    else:
        problems.append(f"{name}: exclude must be a list of glob strings")
    follow = data.get("follow_external_links", config.follow_external_links)
    if isinstance(follow, bool):
        config.follow_external_links = follow
    else:
        problems.append(f"{name}: follow_external_links must be true or false")
    for key, kind in (("max_note_seconds", float), ("max_note_bytes", int),
                      ("max_line_chars", int)):
        value = data.get(key, getattr(config, key))
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            setattr(config, key, kind(value))
        else:
            problems.append(f"{name}: {key} must be a number ≥ 0")


class Excluder:
    """Decides which paths are not notes, and says why (see `exclude` in the module docstring).

    >>> ex = Excluder(["SOURCE.md", "drafts/**", "**/LICENSE*"])
    >>> ex.reason("a/SOURCE.md"), ex.reason("drafts", folder=True), ex.reason("x/LICENSE.md")
    ('exclude: SOURCE.md in glossgraph.toml', 'exclude: drafts/** in glossgraph.toml', \
'exclude: **/LICENSE* in glossgraph.toml')
    >>> ex.reason("Source.md"), ex.reason(".obsidian", folder=True), ex.reason("~x.md")
    (None, 'hidden folder', 'editor temporary file')
    """

    def __init__(self, patterns: list[str] | tuple[str, ...] = (), source: str = "glossgraph.toml"):
        self.rules = [(p, *_glob_regex(p)) for p in patterns]
        self.source = source

    def reason(self, path: str, folder: bool = False) -> str | None:
        """Why the file or folder at `path` (relative, POSIX) is left out, or None."""
        name = path.rsplit("/", 1)[-1]
        if name.startswith("."):
            return "hidden folder" if folder else "hidden file"
        if folder and name in ("node_modules", "__pycache__"):
            return "dependency folder" if name == "node_modules" else "cache folder"
        if not folder and is_temp_name(name):
            return "editor temporary file"
        for pattern, regex, folders_only in self.rules:
            if (folder or not folders_only) and regex.fullmatch(path):
                return f"exclude: {pattern} in {self.source}"
        return None


def is_temp_name(name: str) -> bool:
    """Editors' temporary, lock and swap files (`~x.md`, `#x.md#`, `x.md~`, `.x.md.swp`)."""
    return name.startswith(("~", "#", ".#")) or name.endswith(("~", "#", ".tmp", ".swp", ".swx"))


def _glob_regex(pattern: str) -> tuple[re.Pattern, bool]:
    """A gitignore-like glob → (regex over the whole relative path, matches folders only)."""
    pattern = pattern.strip()
    folders_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern  # like .gitignore: a slash anchors the pattern at the notes folder
    parts = pattern.lstrip("/").split("/")
    regex = "" if anchored else "(?:.*/)?"
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**" and last:  # "a/**": the folder a and everything in it
            regex = regex[:-1] + "(?:/.*)?" if regex.endswith("/") else regex + ".*"
        elif part == "**":
            regex += "(?:.*/)?"
        else:
            regex += _component(part) + ("" if last else "/")
    return re.compile(regex, re.DOTALL), folders_only


def _component(part: str) -> str:
    """One path component of a glob: `*`, `?` and `[...]` never match `/`."""
    out, i, n = [], 0, len(part)
    while i < n:
        c = part[i]
        i += 1
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + (i < n and part[i] in "!^")
            j = part.find("]", j + (j < n and part[j] == "]"))
            if j < 0:
                out.append(re.escape(c))
                continue
            body = part[i:j]
            negate = body[:1] in ("!", "^")
            body = body[negate:].replace("\\", "\\\\").replace("[", "\\[")
            out.append(f"[^/{body}]" if negate else f"[{body}]")
            i = j + 1
        else:
            out.append(re.escape(c))
    return "".join(out)
