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
from functools import lru_cache

from .. import lexicon
from ..text import fold_chinese, has_cjk, normalize

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

FUNCTION_WORDS = lexicon.FUNCTION_WORDS_EN

COMMANDS = set("""
sudo apt apt-get yum dnf brew pip pip3 pipx npm npx yarn pnpm docker docker-compose kubectl
helm git cd ls cat echo export source curl wget mkdir rm cp mv chmod chown ssh scp make cmake
python python3 node go cargo rustup conda mamba uv poetry java javac mvn gradle systemctl
service tar unzip vim nano grep sed awk find ps kill top htop ping nc redis-cli psql mysql
""".split())

TASK_PREFIXES_ZH = ("如何", "怎么", "怎样", "为什么", "为何", "如果", "安装", "使用", "创建", "构建",
                    "部署", "通过", "将", "把", "解决", "关于", "查看")
TASK_WORDS_EN = set("""
how why what when where install installing use using run running create creating configure
configuring set setting add adding remove removing build building deploy deploying fix fixing
enable disable upgrade update updating migrate migrating getting write writing make making
contribute share join visit read learn check see try get meet hang hangout follow download
register sign watch explore discover browse support help start stop keep let find open close
click choose select configure generate import export convert compare avoid switch
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


def is_key_press(text: str) -> bool:
    """`Fn`, `Esc`, `Shift-Command`, `Ctrl+Alt`: keys pressed, not a name (one of two in
    `Fn-退格`, `可视模式（Esc）`); a key that is a word too (`Delete`, `Command`) only with
    another.

    >>> is_key_press("Esc"), is_key_press("Shift-Command"), is_key_press("Delete")
    (True, True, False)
    >>> is_key_press("cmd"), is_key_press("CMD")
    (True, False)
    """
    keys = [k for k in re.split(r"\s*[-+]\s*", text.strip().lower()) if k]
    if len(keys) == 1:  # in capitals it may be an acronym (CMD, Common Module Definition)
        return keys[0] in lexicon.LONE_KEYS and not (len(text) > 2 and text.isupper())
    return bool(keys) and all(k in lexicon.KEYBOARD_KEYS for k in keys)


def is_key_combination(text: str) -> bool:
    """`Fn-退格`, `Command-左箭头`, `Option-Shift-下箭头`: modifier keys held, glued by `-` or
    `+`, and the key pressed with them: a shortcut, no name.

    >>> is_key_combination("Command-左箭头"), is_key_combination("选项-Option")
    (True, False)
    >>> is_key_combination("Ctrl+C"), is_key_combination("Control-flow"), is_key_combination("Hyper-V")
    (True, False, False)
    >>> is_key_combination("Ctrl + L"), is_key_combination("Super + Up"), is_key_combination("C++")
    (True, True, False)
    """
    parts = re.split(r"\s*\+\s*|-", text.strip())  # `Ctrl + L` too
    if len(parts) < 2 or not all(parts) or any(p != p.strip() for p in parts) \
            or not all(p.lower() in lexicon.MODIFIER_KEYS for p in parts[:-1]):
        return False
    key = parts[-1]  # a key: one character, F1…F12, a key's name, or a short Chinese one
    return len(key) == 1 or bool(re.fullmatch(r"[Ff]\d{1,2}", key)) \
        or key.lower() in lexicon.KEYBOARD_KEYS or key.lower() in _ARROWS \
        or has_cjk(key) and len(key) <= 4


_ARROWS = frozenset("up down left right pgup pgdn".split())


def opens_with_shortcut(text: str) -> bool:
    """`Ctrl+U 向上翻页`, `^Y 向上滚屏`: a shortcut (caret notation too) and what it does, a
    line of a list of keys, no name.

    >>> opens_with_shortcut("^Y 向上滚屏"), opens_with_shortcut("Ctrl+U 向上翻页")
    (True, True)
    >>> opens_with_shortcut("Ctrl 键"), opens_with_shortcut("C++ 语言")
    (False, False)
    """
    first, _, rest = text.strip().partition(" ")
    return bool(rest.strip()) and (is_key_combination(first)
                                   or bool(re.fullmatch(r"\^[A-Z@\[\]\\^_]", first)))


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


# A setting switched or chosen (`开启 snap to grid`, `启用自动保存`, `勾选 xxx`): an instruction.
SETTING_VERBS_ZH = ("开启", "启用", "禁用", "勾选", "取消勾选", "打开", "关闭", "设置为", "设为", "切换到")


_TASK_VERBS_ZH = ("安装", "使用", "创建", "构建", "部署", "配置", "升级", "卸载", "编译")
_ON_PLATFORM = re.compile(r"^[A-Za-z][A-Za-z0-9.+\-]*\s*(" + "|".join(_TASK_VERBS_ZH) + r")\s*(\S.*)$")


def _task_on_platform(text: str) -> bool:
    """`ubuntu22安装python3.11`, `Mac 部署 Docker`: a Latin name (the system it is done on),
    a task verb, then a Latin name (what is installed, deployed, configured there): what to
    do, like `安装cuda`. `Docker部署` has no object; in `deb 安装包`, `subsystem 配置参数`
    the verb opens a Chinese noun (安装包, 配置参数): names.

    >>> _task_on_platform("ubuntu22安装python3.11"), _task_on_platform("Mac 部署 Docker")
    (True, True)
    >>> _task_on_platform("Docker部署"), _task_on_platform("deb 安装包")
    (False, False)
    """
    found = _ON_PLATFORM.match(text.strip())
    return bool(found) and found.group(2).strip()[:1].isascii() \
        and found.group(2).strip()[:1].isalpha()


def is_task(text: str) -> bool:
    """A heading or item that says what to do, not what something is.

    >>> is_task("安装cuda"), is_task("开启 snap to grid"), is_task("安装")
    (True, True, False)
    """
    text = text.strip()
    if text.startswith(TASK_PREFIXES_ZH):
        return len(text) > 3  # "安装" alone is a section name, "安装cuda" a task
    if _task_on_platform(text):
        return True
    for verb in SETTING_VERBS_ZH:
        if text.startswith(verb) and len(text) > len(verb) + 1:
            return True
    words = latin_words(text)
    if len(words) >= 2 and len(words[0]) >= 7 and words[0].lower().endswith("ize") \
            and not has_cjk(text):
        return True  # `Visualize Links`, `Customize the Sidebar`: an -ize verb first, a task
    return bool(words) and len(words) >= 2 and (_task_word(words[0].lower())
                                                  or _english_instruction(words))


# Words that open what a verb acts on (`Navigate a link`, `Convert existing vaults`).
_DETERMINERS = frozenset("a an the your my our their its this that these those all every each "
                         "existing multiple everything some any".split())
_PLACE_WORDS = frozenset("between across to from into onto with within without through via "
                         "in on for by".split())


def _english_instruction(words: list[str]) -> bool:
    """An English heading that tells what to do with something: a verb, as the dictionary's
    glosses know verbs (`tables.is_english_verb`), before a determiner (`Navigate a link`,
    `Querying a note`), or its -ing form before a phrase of place (`Moving Notes Between
    Vaults`). A verb's -ing form before a noun alone names a thing (`Rolling Update`), as a
    verb that is also a noun does before one (`Design Patterns`).

    >>> _english_instruction(["Navigate", "a", "link"]), _english_instruction(["Querying", "a", "note"])
    (True, True)
    >>> _english_instruction(["Moving", "Notes", "Between", "Vaults"])
    True
    >>> _english_instruction(["Rolling", "Update"]), _english_instruction(["Design", "Patterns"])
    (False, False)
    """
    from ..tables import is_english_verb

    first, second = words[0].lower(), words[1].lower()
    if not first.isalpha() or words[0].isupper():
        return False
    if first.endswith("ing") and len(first) > 5 and first not in _ING_NOUNS:
        stem = first[:-3]
        verb = any(is_english_verb(base) for base in (stem, stem + "e", stem[:-1]))
        return verb and (second in _DETERMINERS
                         or len(words) >= 3 and any(w.lower() in _PLACE_WORDS for w in words[2:]))
    return second in _DETERMINERS and is_english_verb(first)


# -ing forms of task verbs that name things (`Meeting Notes`, `Findings`, `Opening Hours`).
_ING_NOUNS = frozenset("meeting finding opening reading training learning listing mapping "
                       "ending heading warning string".split())


def _task_word(word: str) -> bool:
    """A verb of `TASK_WORDS_EN`, or its -ing form (`Enabling`, `Exporting`, `Selecting`).

    >>> [_task_word(w) for w in ("enabling", "exporting", "stopping", "rolling", "meeting")]
    [True, True, True, False, False]
    """
    if word in TASK_WORDS_EN:
        return True
    if not word.endswith("ing") or len(word) < 6 or word in _ING_NOUNS:
        return False
    stem = word[:-3]
    return any(base in TASK_WORDS_EN for base in (stem, stem + "e", stem[:-1] if len(stem) > 2
                                                   and stem[-1] == stem[-2] else stem))


_EXAMPLE_LEADS = frozenset(m.replace(".", "").replace(" ", "") for m in
                           (*lexicon.EXAMPLE_MARKERS_ZH, *lexicon.EXAMPLE_MARKERS_EN))


def is_example_marker(text: str) -> bool:
    """`eg`, `e.g.`, `例如`, `for example`: the word that opens an example, written as the head
    of an item (`- eg：当前 元宇宙？`); it names nothing.

    >>> [is_example_marker(t) for t in ("eg", "E.g.", "例如", "for example", "Example", "EGL")]
    [True, True, True, True, False, False]
    """
    return text.strip().lower().replace(".", "").replace(" ", "") in _EXAMPLE_LEADS


def is_question(text: str) -> bool:
    """`什么是RAG`, `RAG是什么？`, `设计模式怎样解决设计问题`, `How does X work`, `Is X …`."""
    text = text.strip().rstrip("。.:：")
    if text.endswith(("?", "？")) or text.startswith(lexicon.QUESTION_PREFIXES_ZH + ("如果",)):
        return True
    if has_cjk(text):
        return text.endswith(lexicon.QUESTION_SUFFIXES_ZH) or \
            any(w in text for w in lexicon.QUESTION_WORDS_ZH) or \
            re.search(r"(?<!任)何时", text) is not None or \
            _INTERROGATIVE.search(text) is not None
    words = latin_words(text)
    if len(words) < 2 or words[0].lower() not in lexicon.QUESTION_WORDS_EN:
        return False
    # `WAS Node Suite`, `DO Spaces`: an all-capital first word in mixed-case text is an
    # acronym, not the verb (`HOW DOES X WORK` is still a question)
    return not (len(words[0]) >= 2 and words[0].isupper() and not text.isupper())


# Interrogative pronouns inside a clause (`学会哪些技能`, `去哪里旅游`, `看多少本书`): a question
# asked without its question mark. Not 哪 alone (哪吒), not 多少 ending a name.
_INTERROGATIVE = re.compile(r"[\u3400-\u9fff](?:哪些|哪里|哪儿|哪个|哪种|哪一|多少|几种|几个)"
                            r"|(?:哪些|哪里|哪儿|哪个|哪种|多少|几种|几个)[\u3400-\u9fff]")

_TAGS: dict[str, str] | None = None


def _pos(text: str) -> tuple[tuple[str, str], ...]:
    """Words (by the segmenter) with their part-of-speech tag in jieba's dictionary
    (`x` when it has none): a look-up, not jieba's slow tagger."""
    global _TAGS
    if _TAGS is None:
        from ..tables import pos_tags

        _TAGS = pos_tags()
    from ..segment import words

    return tuple((w, _TAGS.get(w) or _TAGS.get(fold_chinese(w), "x")) for w in words(text))


def is_verb_phrase(text: str) -> bool:
    """A Chinese phrase that does something rather than names something: it opens with a
    verb and an object (`减少冲突`, `提高开发速度`, `熟悉框架`), a preposition (`针对标准例程`,
    `到生产环境`), an adverb (`最优`) or a negated verb (`不拖延`). Part-of-speech tags by
    jieba."""
    text = text.strip()
    if not has_cjk(text) or len(text) < 2 or not has_cjk(text[0]):
        return False
    tags = _pos(text)
    if len(tags) < 2:
        return False
    if tags[0][0] == "自":
        return False  # 自回归, 自注意力机制: the prefix "self-", not the preposition "from"
    if tags[1][1] == "k" or tags[1][0] in ("型", "式") or \
            tags[1][1] == "x" and tags[1][0][:1] == "型":
        return False  # 创建型模式, 行为型对象模式: a suffix makes the verb a kind (creational)
    first = tags[0][1]
    if first in ("p", "c", "u", "r"):
        return True
    if tags[0][0] in ("不", "别") and tags[1][1] in ("v", "i", "l"):
        return True  # 不吹毛求疵, 别过早优化: advice, not a name (不变量 is one)
    if len(tags) == 2 and len(tags[0][0]) == 1 and first == "v" and len(tags[1][0]) >= 2 \
            and tags[1][1].startswith("n"):
        return True  # 读论文, 写代码, 逛博物馆: a one-character verb and its object, an activity
    from ..termhood import zipf

    if len(tags[-1][0]) == 1 and has_cjk(tags[-1][0]) and len(tags[0][0]) >= 2:
        return False  # 支持向量机, 学习率: a compound closed by a one-character suffix is a name
    # Only a common verb opens a clause (减少, 提高, 保证); 并发编程, 负载均衡 are names.
    # Its object may be a Latin name (熟悉Python, 掌握sql/nosql).
    return first == "v" and len(tags) >= 2 and len(tags[0][0]) >= 2 and \
        zipf(tags[0][0]) >= 4.6 and any(flag.startswith(("n", "v", "a", "i"))
                                        or not has_cjk(word) and word[:1].isalpha()
                                        for word, flag in tags[1:])


def is_claim(text: str) -> bool:
    """A statement about something rather than a name: `灵活性高`, `部署工作量大`,
    `线上发布变慢` (a Chinese subject followed by an evaluative predicate)."""
    text = text.strip()
    if not has_cjk(text) or len(text) < 3:
        return False
    for ending in lexicon.CLAIM_ENDINGS_ZH:
        # a one-character predicate needs a subject of 3 (灵活性高), so that 3-character
        # names ending in such a character are not read as claims
        if text.endswith(ending) and len(text) - len(ending) >= (3 if len(ending) == 1 else 2):
            head = text[: -len(ending)]
            # 高可用, 低代码 start with the adjective; 高并发 is a name, 并发高 a claim.
            return has_cjk(head[-1])
    return False


def _pipe_parts(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[|｜]", text)]


def _scripts(parts: list[str]) -> set[bool]:
    return {bool(_CJK_CHAR.search(p)) for p in parts}


def piped_names(text: str) -> list[str] | None:
    """`消息队列 | Message Queue | MQ`, `Kubernetes | K8s`: other names of one thing that pipes
    separate (names in two scripts, or a name and a short form with its first letter); None
    for items or a table's row (`Chemistry | Geology | Plants`, `付款|付款方式`).

    >>> piped_names("Kubernetes | K8s"), piped_names("付款|付款方式"), piped_names("Film & TV |")
    (['Kubernetes', 'K8s'], None, None)
    """
    parts = _pipe_parts(text)
    if not 2 <= len(parts) <= 3 or not all(parts):
        return None
    if len(_scripts(parts)) == 2:
        return parts
    short, long_ = sorted(parts, key=len)[0], sorted(parts, key=len)[-1]
    abbreviated = len(parts) == 2 and len(short) <= 5 and " " not in short and \
        short[:1].lower() == long_[:1].lower() and len(long_) > len(short) + 2
    return parts if abbreviated else None


def is_name(text: str, strict: bool = True) -> bool:
    """Could this text be the name of a concept? (`strict=False`: an alias in parentheses.)"""
    text = text.strip()
    if not text or len(text) > 80 or is_url(text) or text.startswith(("#", "!", "[", "|", ">")):
        return False
    if is_sentence(text, strict) or is_command(text) or "——" in text:
        return False
    if "|" in text or "｜" in text:
        # `Chemistry | Geology | Plants`, `Film & TV |`: items a pipe separates, a table's row;
        # a pipe between a name and its translation parts them (`Web Framework | Web框架`)
        parts = _pipe_parts(text)
        if len(parts) != 2 or not all(parts) or len(_scripts(parts)) != 2:
            return False  # (split as a name and its translation: term_item.split_bilingual)
    if text.endswith(("/", "／")) or text.startswith(("/", "／")) and " " in text:
        return False  # `TOC 入口/daily 入口/`: a list cut off, not a name (`/etc` is a path)
    cjk = cjk_count(text)
    if cjk > (16 if not strict else 12) or (strict and cjk > 4 and "的" in text):
        return False
    words = latin_words(text)
    if not cjk and not words:
        return False  # only punctuation or symbols
    if any(ch in text for ch in "=<>{}`\"“”()（）@") or _HANDLE.search(text) or _EMOJI.search(text):
        return False  # code, quotes, user handles (seadude#7058), emoji
    if is_date_or_version(text) or strict and is_advice(text):
        return False  # (`红茶（100%发酵）`: a remark in parentheses may say how much)
    if strict and (_placeholder_or_lead(text) or _pronoun_or_count(text)
                   or _clause_shaped(text)):
        return False
    if not cjk and re.search(r"\w['’]s\b", text):
        return False  # `Kevin's digital garden`: a title, not a term
    if strict and len(words) >= 3 and not cjk and \
            any(w.lower() in _TITLE_PREPOSITIONS for w in words[1:-1]):
        return False  # `Dendron on Mastodon`, `Contribute to Open Source`: a title
    return len(words) <= 8


# Chinese words that point at something named elsewhere (其, 该, 这些) or say which of many
# (任何, 各种, 其他): a phrase they open refers, it names nothing (`其包含的database`).
_POINTING = frozenset("其 该 此 这 这个 这些 这种 那 那个 那些 那种 它 它们 我 我们 你 你们 他 他们 "
                      "她 各种 任何 某 某个 某些 某种 其他 其它".split())
# What a number counts (`三种方法`, `两大类`, `两个方面`).
COUNT_WORDS = "大类|个|种|类|项|条|步|件|层|部分|方面"
_COUNTED = re.compile(r"^(?:\d+|[一二两三四五六七八九十几]+)\s*(?:" + COUNT_WORDS + r")"
                      r"[\u3400-\u9fff]")


def _pronoun_or_count(text: str) -> bool:
    """`其包含的database`, `这些工具`: a pronoun or determiner first; `4个主要文件夹`, `三种方法`: a
    number of things. (自我修复, 本地存储, 每日追踪 and 一致性 are names.)

    >>> [_pronoun_or_count(t) for t in ("其包含的database", "4个主要文件夹", "三种方法")]
    [True, True, True]
    >>> [_pronoun_or_count(t) for t in ("自我修复", "本地存储", "一致性", "一次性密码", "其")]
    [False, False, False, False, False]
    """
    if not has_cjk(text[:1]) and not text[:1].isdigit():
        return False
    if _COUNTED.match(text):
        return True
    from ..segment import words

    parts = words(text)
    return len(parts) > 1 and parts[0] in _POINTING


# Inside a Chinese phrase, words that make it a clause rather than a name: a modal verb
# (系统必须支持…), a counted determiner (下载一个桌面版客户端), a disjunction (属性或者方法);
# at its end, an adverbial particle (更多地) or a predicate of relation (namespace无关); and a
# colon between two words (部署工具:docker).
_CLAUSE_INSIDE = re.compile(r"(?<=[\w\u3400-\u9fff])(?:必须|需要|应该|应当|能够|一直|或者|或是|还是|"
                            r"一个|一种|一些|一套|一款|一份)(?=[\w\u3400-\u9fff])")
_CLAUSE_END = re.compile(r"(?<=[\w\u3400-\u9fff]{2})\s*(?:地|无关|有关)$")
_INNER_COLON = re.compile(r"\S[:：]\S")


def _clause_shaped(text: str) -> bool:
    """A Chinese phrase shaped as a clause, not a name (see `_CLAUSE_INSIDE`).

    >>> [_clause_shaped(t) for t in ("系统必须支持有多入口", "属性或者方法", "社交更多地",
    ...                              "namespace无关", "部署工具:docker、kubernetes")]
    [True, True, True, True, True]
    >>> [_clause_shaped(t) for t in ("需要", "一致性", "一个", "相关性", "C++", "心得")]
    [False, False, False, False, False, False]
    """
    if not has_cjk(text):
        return False
    if _INNER_COLON.search(text) and not _URL.match(text):
        return True
    return bool(_CLAUSE_INSIDE.search(text) or _CLAUSE_END.search(text))


# Advice (`充电不要高于…`, `尽量少`, `避免全表扫描`) and shares (`90%`, `碳水占比50%`): what to do
# or how much, never the name of a thing. A name of a principle keeps its verb (`避免重复原则`).
_ADVICE = re.compile(r"不要|不能|不应(?!期)|切勿|尽量|务必|千万(?!级)|避免(?=[\u3400-\u9fff])"
                     r"|\d\s*[%％]")  # (不应期 is a refractory period, 千万级 ten-million-scale)
_NAMED_PRINCIPLE = ("原则", "法则", "定律", "定理", "理论", "模式", "算法", "策略")


def is_advice(text: str) -> bool:
    """A piece of advice or a share, not a name.

    >>> [is_advice(t) for t in ("放电不要低于 20% 电量", "尽量少", "避免全局变量", "65%合适")]
    [True, True, True, True]
    >>> [is_advice(t) for t in ("死锁避免", "拥塞避免", "避免重复原则", "不应期", "千万级并发")]
    [False, False, False, False, False]
    """
    return bool(_ADVICE.search(text)) and not text.endswith(_NAMED_PRINCIPLE)


# Words that stand in for a value not written yet (`Subject: _TBD_`).
_PLACEHOLDER_WORDS = frozenset("tbd tba tbc todo wip n/a 待定 待补充 待完善".split())


def is_placeholder(text: str) -> bool:
    """`TBD`, `TODO`, `N/A`, `待定`: a word that stands in for a value, never a name.

    >>> is_placeholder("TBD"), is_placeholder("tbd"), is_placeholder("TBB")
    (True, True, False)
    """
    return text.strip().lower() in _PLACEHOLDER_WORDS
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:xx+|XX+)(?![A-Za-z])|某某|\.\.\.|…")
# Words that open an explanation or a restatement (即 …, 也就是 …), never a name.
_RESTATING = ("即", "也就是", "就是", "亦即", "换句话说", "比如", "例如", "譬如")


def _placeholder_or_lead(text: str) -> bool:
    """`隐藏xx文件`, `某某模块`, `generate ...`: a template with a blank to fill, not a name;
    `即wikilink的形式`: a restatement; `可选 obsidian Dark`: a qualifier before a value (an
    option, with a space after the Chinese qualifier word).

    >>> [_placeholder_or_lead(t) for t in ("隐藏xx文件", "即wikilink的形式", "可选 obsidian Dark")]
    [True, True, True]
    >>> [_placeholder_or_lead(t) for t in ("当前 区块链", "14 年左右 VR/AR", "2015年 大数据", "TBD")]
    [True, True, True, True]
    >>> [_placeholder_or_lead(t) for t in ("当前页", "2015年", "目前")]
    [False, False, False]
    >>> [_placeholder_or_lead(t) for t in ("XXL-Job", "即时通讯", "推荐系统", "Box")]
    [False, False, False, False]
    """
    if _PLACEHOLDER.search(text) or is_placeholder(text):
        return True
    if has_cjk(text[:1]) and any(text.startswith(w) and len(text) > len(w) + 1
                                 and not has_cjk(text[len(w)]) for w in _RESTATING[:1]):
        return True  # 即 + Latin (`即wikilink的形式`); 即时 is a word
    if any(text.startswith(w) for w in _RESTATING[1:]) and len(text) > 4:
        return True
    if _DATED_LEAD.match(text):
        return True
    head, _, rest = text.partition(" ")
    return bool(rest) and has_cjk(head) and normalize(head) in QUALIFIERS


# A time the writer puts before a name, then a space (`当前 区块链`, `14 年左右 VR/AR`, `2015年
# 大数据`): a dated remark about the name, as in a timeline, not a name itself.
_DATED_LEAD = re.compile(r"^(?:(?:19|20)?\d{2}\s*年(?:代|左右|前后|前|后|初|底|末)?"
                         r"|当前|目前|现在|如今|今年|去年|明年|近年|近期|最近|当下|现阶段)\s+\S")


# Prepositions that make a Title Case phrase a title rather than a term (`of`, `as` and
# `and` stay: Separation of Concerns, Infrastructure as Code, Launch and Debug).
_TITLE_PREPOSITIONS = {"on", "to", "with", "for", "from", "about", "into", "at", "by", "in",
                       "the", "your", "my", "our", "this", "that", "is", "are"}
_DATE_OR_VERSION = re.compile(
    r"^(?:v?\d+(?:\.\d+)+(?:[-+.]\w+)?"                       # 0.84, v1.2.3-beta
    r"|\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?"                # 2022-03-01, 2023年5月
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"                         # 03/01/2022
    # Fri, Mar 25 (day and month names only: `JUnit 5`, `Octave 6`, `Sun Java 8` are names)
    r"|(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?,?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}.*"
    r"|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:,?\s*\d{4})?"
    r"|\d{1,2}:\d{2}(?:\s*[ap]m)?.*"                             # 09:00 AM
    r"|[0-9a-f]{7,40})$", re.I)                                  # commit hashes


def is_date_or_version(text: str) -> bool:
    """Dates, times, version numbers and commit hashes are never names.

    >>> [is_date_or_version(t) for t in ("2022-03-01", "Fri, Mar 25", "v1.2.3", "e56k4ih", "a3f9c21", "K8s")]
    [True, True, True, False, True, False]
    >>> [is_date_or_version(t) for t in ("September 3, 2021", "Tuesday, May 4", "JUnit 5", "Octave 6")]
    [True, True, False, False]
    """
    text = text.strip()
    if re.fullmatch(r"[0-9a-f]{7,40}", text, re.I) and not re.search(r"\d", text):
        return False  # a word of hex letters (`deadbeef` is rare; `facade` is a word)
    return bool(_DATE_OR_VERSION.match(text))


_HANDLE = re.compile(r"\w#\d{3,}")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
