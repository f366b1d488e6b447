"""Settings of a build: which headings are generic, which labels never count as mentions.

A notes folder may hold `glossgraph.toml` (or `.glossgraph.toml`) to extend the lists:

    [headings]
    generic = ["Snippets", "片段"]      # sections: their text belongs to the concept above
    containers = ["Vocabulary"]         # term lists: their terms are narrower than the concept above
    [mentions]
    stop = ["data", "数据"]
    [rdf]
    base_iri = "https://example.org/glossary/"
    title = "My glossary"

glossgraph reads the file; it never writes into the notes folder.
"""

from __future__ import annotations

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
概念, 相关概念, 附加概念, 关键词, 名词, 名词解释, 列表, 条目, 主题, 索引, 相关术语, 核心概念
""")

# Section headings that are not concepts: their content belongs to the concept above.
GENERIC_HEADINGS = _phrases("""
resources, references, reference, links, further reading, reading, readings, sources,
source, notes, note, overview, introduction, intro, summary, description, definition,
definitions, details, usage, usages, examples, example, installation, install, setup,
set up, getting started, quickstart, quick start, configuration, config, settings, options,
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
核心功能, 优势, 环境, 环境准备, 示例代码, 代码示例, 实战, 练习, 总览, 知识点, 要点, 重点, 扩展, 拓展, 延伸阅读
""")

# Generic headings whose text defines the concept above (elsewhere text is only notes).
DEFINITION_HEADINGS = _phrases("""
definition, definitions, overview, introduction, intro, summary, description, what it is,
background, 定义, 多维定义, 多维解释, 解释, 概述, 简介, 介绍, 说明, 描述, 是什么, 总结, 小结
""")

# Generic headings whose sub-headings are questions or tasks, never concepts.
QUESTION_HEADINGS = "faq faqs troubleshooting questions q&a 常见问题 问题 疑问 问答".split()

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

    def is_container(self, heading: str) -> bool:
        return normalize(heading) in self.container_headings

    def is_generic(self, heading: str) -> bool:
        key = normalize(heading)
        return key in self.generic_headings or key in self.container_headings


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
        break
    return config, problems
