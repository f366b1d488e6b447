"""Shape tests on plain text: is it a name, a sentence, a URL, a shell command, a qualifier?

These look at the text of one inline line, never at Markdown syntax.

>>> is_name("神经网络"), is_name("Retrieval-Augment Generation"), is_name("机器学习的三个核心概念")
(True, True, False)
>>> is_sentence("RAG is an AI framework for retrieving facts."), is_command("sudo apt-get update")
(True, True)
>>> is_qualifier("可选"), is_qualifier("optional"), is_qualifier("model")
(True, True, False)
"""

from __future__ import annotations

import re

from ..text import has_cjk, normalize

_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+$", re.I)
_HAS_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.I)
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[。！？!?；;]|\.\s|\.$")
_WORD = re.compile(r"[A-Za-z0-9][\w'’+#./-]*")

QUALIFIERS = {normalize(q) for q in """
可选 非必须 optional recommended 推荐 不推荐 建议 deprecated 已废弃 废弃 弃用 legacy beta
experimental 实验性 todo wip 待完善 待补充 待整理 选读 必读 重要 important new 新 旧 old
最新 最新应用 常用 必须 required 可忽略 草稿 draft
""".split()}

FUNCTION_WORDS = set("""
a an the is are was were be been being of to for in on at by with from as that this these
those it its and or but not no if then than so which who what when where how why can could
will would should may might must do does did have has had into over about your you we our
""".split())

COMMANDS = set("""
sudo apt apt-get yum dnf brew pip pip3 pipx npm npx yarn pnpm docker docker-compose kubectl
helm git cd ls cat echo export source curl wget mkdir rm cp mv chmod chown ssh scp make cmake
python python3 node go cargo rustup conda mamba uv poetry java javac mvn gradle systemctl
service tar unzip vim nano grep sed awk find ps kill top htop ping nc redis-cli psql mysql
""".split())

TASK_PREFIXES_ZH = ("如何", "怎么", "怎样", "为什么", "为何", "如果", "安装", "使用", "创建", "构建",
                    "部署", "通过", "将", "把", "解决", "关于")
TASK_WORDS_EN = set("""
how why what when where install installing use using run running create creating configure
configuring set setting add adding remove removing build building deploy deploying fix fixing
enable disable upgrade update updating migrate migrating getting write writing make making
""".split())


def is_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def has_url(text: str) -> bool:
    return bool(_HAS_URL.search(text))


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def latin_words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_qualifier(text: str) -> bool:
    return normalize(text) in QUALIFIERS


def is_command(text: str) -> bool:
    """A shell command line: a known program name followed by arguments, or shell syntax."""
    text = text.strip().lstrip("$> ").strip()
    first, _, rest = text.partition(" ")
    if first in COMMANDS and rest:
        return True
    return bool(re.search(r"(?:^|\s)(?:--?[a-z][\w-]*|\|\s*\w|&&|\$\{?\w+)", text)) and \
        not has_cjk(text) and first.islower()


def is_sentence(text: str, strict: bool = True) -> bool:
    """Prose rather than a name: sentence punctuation, function words, or length.

    `strict=False` is for names in parentheses, where `每秒完成的迭代次数` is still a name."""
    text = text.strip()
    if not text:
        return False
    if _SENTENCE_END.search(text):
        return True
    cjk = cjk_count(text)
    words = latin_words(text)
    if cjk > 20 or (cjk >= 6 and ("，" in text or "," in text)):
        return True
    if strict and cjk >= 8 and any(p in text for p in ("的", "了", "是", "和", "与", "或", "中")):
        return True
    function = sum(1 for w in words if w.lower() in FUNCTION_WORDS)
    return len(words) > 8 or (len(words) >= 4 and function >= 2)


def is_task(text: str) -> bool:
    """A heading or item that says what to do, not what something is."""
    text = text.strip()
    if text.startswith(TASK_PREFIXES_ZH):
        return len(text) > 3  # "安装" alone is a section name, "安装cuda" a task
    words = latin_words(text)
    return bool(words) and words[0].lower() in TASK_WORDS_EN and len(words) >= 2


def is_question(text: str) -> bool:
    text = text.strip()
    return text.endswith(("?", "？")) or text.startswith(("如何", "怎么", "怎样", "为什么", "为何",
                                                          "是否", "能否", "如果"))


def is_name(text: str, strict: bool = True) -> bool:
    """Could this text be the name of a concept? (`strict=False`: an alias in parentheses.)"""
    text = text.strip()
    if not text or len(text) > 80 or is_url(text) or text.startswith(("#", "!", "[", "|", ">")):
        return False
    if is_sentence(text, strict) or is_command(text) or "——" in text:
        return False
    cjk = cjk_count(text)
    if cjk > (16 if not strict else 12) or (strict and cjk > 4 and "的" in text):
        return False
    words = latin_words(text)
    if not cjk and not words:
        return False  # only punctuation or symbols
    if any(ch in text for ch in "=<>{}`\"“”()（）"):
        return False
    return len(words) <= 8
