"""Each extraction rule alone, on plain strings."""

import pytest

from graph.config import Config
from graph.rules.frontmatter import related_of, synonyms_of, tags_of, title_of
from graph.rules.heading import heading_term
from graph.rules.inline_tags import inline_tags
from graph.rules.links import note_link, wikilink_candidates
from graph.rules.mentions import MentionMatcher
from graph.rules.shapes import is_command, is_name, is_sentence
from graph.rules.term_item import parse_term
from graph.text import lang_of, normalize, slug


@pytest.mark.parametrize("text, names, aliases, after, definition", [
    ("神经网络(neural network):", ["神经网络"], ["neural network"], [], ""),
    ("RAG(Retrieval-Augment Generation): 检索增强生成", ["RAG"], ["Retrieval-Augment Generation"],
     ["检索增强生成"], ""),
    ("TERM (The Expanded Real Meaning)", ["TERM"], ["The Expanded Real Meaning"], [], ""),
    ("CUDA：CUDA是一个并行计算平台。", ["CUDA"], [], [], "CUDA是一个并行计算平台。"),
    ("张量（tensor）", ["张量"], ["tensor"], [], ""),
    ("分类(classification, classify)", ["分类"], ["classification", "classify"], [], ""),
    ("推理(infer/reasoning)", ["推理"], ["infer", "reasoning"], [], ""),
    ("KNN(K-Nearest Neighbor, 最近邻分类算法)", ["KNN"], ["K-Nearest Neighbor", "最近邻分类算法"], [], ""),
    ("it/s(iterations per second, 每秒完成的迭代次数)", ["it/s"],
     ["iterations per second", "每秒完成的迭代次数"], [], ""),
    ("输入、输出(I/O)", ["输入", "输出"], ["I/O"], [], ""),
    ("参数", ["参数"], [], [], ""),
    # a name in the parenthesis already in that script: what follows the colon defines
    ("Glim-Daemon (闪光恶魔)： 专注于增强闪光，并能去除模糊。", ["Glim-Daemon"], ["闪光恶魔"], [],
     "专注于增强闪光，并能去除模糊。"),
    # a phrase opened by a determiner describes: not the translation
    ("frobnik: 整个Frob纲要, 架构", ["frobnik"], [], [], "整个Frob纲要, 架构"),
])
def test_term_shapes(text, names, aliases, after, definition):
    shape = parse_term(text)
    assert shape is not None
    assert (shape.names, shape.aliases, shape.after_colon, shape.definition) == \
        (names, aliases, after, definition)


@pytest.mark.parametrize("text", [
    "sudo apt-get update", "https://example.org/a", "机器学习的三个核心概念: 数据、模型和学习",
    "RAG is an AI framework for retrieving facts from a knowledge base.",
    "安装cuda (包含驱动, 也可先安装驱动)", "fix(cli): handle empty notes", "",
])
def test_not_terms(text):
    assert parse_term(text) is None


def test_examples_and_neighbours_are_not_synonyms():
    shape = parse_term("应用镜像(redis, mysql): 启动一些服务")
    assert shape.aliases == [] and shape.examples == ["redis", "mysql"]
    shape = parse_term("Docker(podman)")
    assert shape.aliases == [] and shape.related == ["podman"]
    shape = parse_term("分布式缓存(如Redis、Memcached)")
    assert shape.aliases == [] and shape.examples == ["Redis", "Memcached"]
    assert parse_term("Redis (Remote Dictionary Server)").aliases == ["Remote Dictionary Server"]
    assert parse_term("保持到redis, etcd, vault, consul, nats").siblings


def test_qualifiers_are_not_synonyms():
    shape = parse_term("Nvidia Driver(可选)")
    assert shape.names == ["Nvidia Driver"] and shape.aliases == [] and shape.qualifiers == ["可选"]
    assert parse_term("pip(不推荐)").aliases == []
    assert parse_term("Redis (optional)").qualifiers == ["optional"]


def test_shapes():
    assert is_sentence("这是一个很长的句子，用来说明机器学习是什么。")
    assert not is_sentence("Retrieval-Augment Generation")
    assert is_command("docker run --rm -it ubuntu") and not is_command("Docker")
    assert is_name("TensorRT") and not is_name("see [this](x)")


def test_headings():
    config = Config()
    assert heading_term("Prompt", config).names == ["Prompt"]
    assert heading_term("1.2 知识图谱(knowledge graph)", config).names == ["知识图谱"]
    shape = heading_term("张量Tensor", config)
    assert (shape.names, shape.aliases) == (["张量"], ["Tensor"])
    for generic in ("Resources", "参考资料", "安装", "概述", "用法", "步骤", "多维定义", "常见问题",
                    "最佳实践", "杂记", "特性", "Glossary", "Lists", "Items", "Topics"):
        assert heading_term(generic, config) is None, generic
    for sentence in ("如何在脚本中激活虚拟环境?", "Why does conda not start?", "安装docker container toolkit",
                     "How to install CUDA"):
        assert heading_term(sentence, config) is None, sentence
    assert heading_term("应用场景(最新应用)", config) is None


def test_config_extends_generic_headings(tmp_path):
    from graph.config import load_config
    (tmp_path / "glossgraph.toml").write_text('[headings]\ngeneric = ["Snippets", "片段"]\n')
    config, problems = load_config(tmp_path)
    assert problems == [] and config.is_generic("snippets") and config.is_generic("片段")
    (tmp_path / "glossgraph.toml").write_text("[headings\n")
    _config, problems = load_config(tmp_path)
    assert problems and "glossgraph.toml" in problems[0]


def test_front_matter_values():
    assert title_of({"TITLE": "  X  "}) == "X" and title_of({"title": None}) is None
    assert synonyms_of({"Synonym": ["a", "b"]}) == ["a", "b"]
    assert synonyms_of({"aliases": "a, b，c"}) == ["a", "b", "c"]
    assert synonyms_of({"alias": None}) == [] and synonyms_of({"synonyms": 42}) == ["42"]
    assert tags_of({"tags": ["基础设施", "", ""]}) == ["基础设施"]
    assert tags_of({"keywords": "#ml, nlp"}) == ["ml", "nlp"]
    assert related_of({"related": ["[[RAG|检索]]", "LLM"]}) == ["RAG", "LLM"]


def test_inline_tags():
    assert inline_tags("#机器学习 is #ml/nlp #1 C# x#y #tag。") == ["机器学习", "ml/nlp", "tag"]


def test_links():
    assert note_link("Target#Heading|label", wiki=True) == ("Target", "Heading")
    assert note_link("image.png", wiki=True) is None
    assert note_link("../b.md#x", wiki=False) == ("../b.md", "x")
    assert note_link("https://x.org/a.md", wiki=False) is None
    assert wikilink_candidates("label|dendron://vault/a.b") == ["label", "a.b"]


def test_mentions_longest_first_and_word_boundaries():
    m = MentionMatcher({"机器学习": "ml", "学习": "learn", "rag": "rag", "transformer": "t"},
                       stop=set())
    found = [(cid, key) for cid, key, _ in m.find("机器学习与RAG，不是 fragment 或 transformers")]
    assert found == [("ml", "机器学习"), ("rag", "rag")]


def test_mentions_after_label_changes_are_those_of_a_fresh_matcher(monkeypatch):
    """A matcher changed label by label (small automaton beside the big one, folded now and
    then) finds what one made from the final labels finds, overlaps included."""
    import random

    from graph.rules import mentions

    monkeypatch.setattr(mentions, "FOLD_AT", 3)  # fold often, to test both paths
    rnd = random.Random(7)
    words = ["机器学习", "学习", "机器", "向量数据库", "数据库", "向量", "深度学习", "rag",
             "rag pipeline", "pipeline", "vector db", "db engine", "transformer", "模型训练"]
    text = ("机器学习和深度学习用向量数据库；rag pipeline 与 vector db engine，"
            "transformer 模型训练，数据库向量")
    labels: dict[str, str] = {}
    m = MentionMatcher({}, stop=set())
    for step in range(60):
        changes = {}
        for word in rnd.sample(words, 3):
            changes[word] = None if rnd.random() < 0.4 else f"c{rnd.randrange(5)}"
        m.update(changes)
        labels.update(changes)
        live = {k: v for k, v in labels.items() if v is not None}
        fresh = MentionMatcher(live, stop=set())
        assert list(m.find(text)) == list(fresh.find(text)), step
        assert len(m) == len(fresh)


def test_text_helpers():
    assert normalize("ＣｕＤＮＮ") == normalize("CUDNN") == normalize("cuDNN") == "cudnn"
    assert lang_of("张量") == "zh" and lang_of("Tensor") == "en"
    assert slug("Chain-of-Thought") == "chain-of-thought" and slug("神经网络") == "神经网络"


def test_link_text_names_a_term_unless_it_is_the_sentences_wording():
    from graph.markdown import Segment
    from graph.rules.emphasis import link_terms

    def names(href, text):
        segs = [Segment("text", "Pods can be scaled "), Segment("link", text, href),
                Segment("text", " when needed")]
        return [t.names[0] for t in link_terms(segs)]

    assert names("/horizontal-scaling/", "horizontally") == []
    assert names("/horizontal-scaling/", "horizontal scaling") == ["horizontal scaling"]
    assert names("/microservices/", "microservice") == ["microservice"]
    assert names("https://kubernetes.io", "Kubernetes") == ["Kubernetes"]
    assert names("diagram.png", "diagram") == []


def test_names_listed_after_the_colon_are_instances_not_other_names():
    shape = parse_term("调度器（sched.core）：Foorun、Barq 等。")
    assert shape.examples == ["Foorun", "Barq"] and not shape.after_colon
    assert parse_term("队列工具：如 Foorun、Barq；").examples == ["Foorun", "Barq"]
    # Chinese phrases after the colon, no closing 等: a remark, not instances
    assert parse_term("学习笔记: 反复调用, 一次输入, 终生受益.").examples == []


def test_a_section_suffix_after_an_everyday_word_is_a_section():
    from graph.rules.heading import heading_terms

    assert heading_terms("安装详解", Config()) == []  # 安装 + 详解: how to install, a section
    assert heading_terms("用法示例", Config()) == []
    assert [t.names[0] for t in heading_terms("负载均衡详解", Config())] == ["负载均衡"]
    assert [t.names[0] for t in heading_terms("Task Notes", Config())] == ["Task Notes"]


def test_a_dendron_link_label_is_cut_to_the_name_it_gives():
    from graph.rules.links import wikilink_names

    assert wikilink_names("Study Hall page|dendron://site/club.events.study-hall") == ["Study Hall"]
    assert wikilink_names("Book Club is open to all|club.events.book-club#join") == ["Book Club"]
    assert wikilink_names("Setting up mirrors|club.tools.mirror") == []  # a how-to title
    assert wikilink_names("Study Talk|club.events.study") == ["Study Talk"]
    assert wikilink_names("shared vaults|club.tools.shared") == ["shared vaults"]
    assert wikilink_names("notes|club.events.study-hall#agenda") == []  # a pointer, not a name
    assert wikilink_names("halls|club.events.study-hall") == ["halls"]


def test_a_negated_verb_is_advice_not_a_name():
    from graph.rules.shapes import is_verb_phrase

    assert is_verb_phrase("不拖延") and is_verb_phrase("不吹毛求疵") and is_verb_phrase("别过早优化")
    assert not is_verb_phrase("不变量") and not is_verb_phrase("不完全信息")


def test_the_prefix_self_opens_a_name_not_a_clause():
    from graph.rules.shapes import is_verb_phrase

    assert not is_verb_phrase("自签名证书") and not is_verb_phrase("自适应布局")
    assert is_verb_phrase("针对标准例程") and is_verb_phrase("减少冲突")  # still clauses


def test_a_glued_product_and_its_kind_or_a_verb_and_its_object_are_no_pairs():
    from graph.rules.pair_lists import pair_list

    assert pair_list("使用Redis, Docker容器") == []  # not 使用 = Redis, 容器 = Docker
    assert [t.names for t in pair_list("收集collect, search搜索")] == \
        [("收集", "collect"), ("搜索", "search")]


def test_pair_list_reads_a_parenthesised_name_and_slashed_names():
    from graph.rules.pair_lists import pair_list

    found = [t.names for t in pair_list("果盘—platter, 摆件(装饰件)—Ornaments, 托盘-tray/salver")]
    assert found == [("果盘", "platter"), ("摆件", "Ornaments", "装饰件"),
                     ("托盘", "tray", "salver")]
    assert [t.names for t in pair_list("果盘—platter, 摆件(可选)—Ornaments")][1] == \
        ("摆件", "Ornaments")


def test_a_phrase_before_a_parenthesis_gives_no_label():
    from graph.rules.parens import paren_terms

    found = [t.names for t in paren_terms("它可以和任何仓库(warehousex)一起工作")]
    assert found == [("warehousex",)]  # not `任何仓库` as another name of it
    found = [t.names for t in paren_terms("每条记录对应表格中的一行(row)")]
    assert ("行", "row") in found  # a numeral run into its measure word counts the thing
    found = [t.names for t in paren_terms("你定义一个类(class)来代表它")]
    assert ("类", "class") in found  # a word alone is what it is


def test_a_chinese_name_run_into_lower_case_english_words():
    shape = parse_term("拖拽到格点drag to lattice")
    assert (shape.names, shape.aliases) == (["拖拽到格点"], ["drag to lattice"])
    assert parse_term("速度与UX").aliases == []  # 速度与 + UX is no pair


def test_a_heading_joining_an_everyday_word_to_something_is_a_section():
    assert heading_term("速度与UX", Config()) is None
    assert heading_term("服务注册与发现", Config()).names == ["服务注册与发现"]


def test_trim_leading_cuts_after_the_marker_that_ends_last(monkeypatch):
    # markers of one length used to be tried in set order (hash-seed dependent): 又叫 first
    # left `做命名管道`
    from graph.rules import names
    monkeypatch.setattr(names, "_MARKERS", ["又叫", "叫做"])
    assert names.trim_leading("FIFO又叫做命名管道") == "命名管道"
    monkeypatch.setattr(names, "_MARKERS", ["叫做", "又叫"])
    assert names.trim_leading("FIFO又叫做命名管道") == "命名管道"


def test_a_chinese_conjunction_separates_items_only_as_a_word():
    from graph.rules.enumerations import enumerations, split_items
    # 和 inside 饱和 is no conjunction; spaces inside an item stay
    assert split_items("饱和烷酸，单不饱和烷酸和多不饱和烷酸") == ["饱和烷酸", "单不饱和烷酸", "多不饱和烷酸"]
    assert split_items("FrobXL 和 Frob 1.5") == ["FrobXL", "Frob 1.5"]
    # an item sharing its head word with a good sibling is a name (多 read as a numeral)
    found = enumerations("烷中的烷酸，分类为饱和烷酸，单不饱和烷酸，多不饱和烷酸。")
    assert found and found[0].names == ("烷酸",)
    assert set(found[0].examples) == {"饱和烷酸", "单不饱和烷酸", "多不饱和烷酸"}


@pytest.mark.parametrize("text, question", [
    ("How does a Frob work", True),
    ("Was the Frob ready", True),
    ("HOW DOES A FROB WORK", True),
    ("WAS Frob Suite", False),  # an acronym that spells a question word
    ("DO Frob Spaces", False),
])
def test_questions_and_acronyms_spelling_question_words(text, question):
    from graph.rules.shapes import is_question
    assert is_question(text) is question


@pytest.mark.parametrize("text, names", [
    ("实现容错机制，例如熔断器（Circuit Breaker）模式和重试策略。", ["熔断器", "重试策略"]),
    ("使用缓存，比如 Glimdb、Frobcache 等，来加速。", ["Glimdb", "Frobcache"]),
    ("Use a broker such as Zorbmq or Flonka.", ["Zorbmq", "Flonka"]),
    ("例如我们可以先做一些准备。", []),
])
def test_text_examples(text, names):
    from graph.rules.enumerations import text_examples
    assert text_examples(text) == names


def test_an_enumeration_led_by_a_quantifier_names_no_kind():
    from graph.rules.enumerations import enumerations
    found = enumerations("它支持多种模型，包括 Frobxl 和 Glim 1.5。")
    assert found and found[0].names == () and found[0].examples == ("Frobxl", "Glim 1.5")


def test_a_function_word_in_capitals_is_an_acronym_in_a_name():
    from graph.rules.names import good_name
    from graph.rules.definitions import defined_term
    assert good_name("VS Frob panel") and not good_name("vs Frob panel")
    assert defined_term("The VS Frob panel is the overall frob UI.").names == ("VS Frob panel",)


def test_a_chinese_list_ends_at_its_closing_deng():
    from graph.rules.enumerations import enumerations
    # `等，` closes the list: the clause after the comma is no item (without the rule the
    # whole enumeration was dropped, its last "item" being a clause)
    found = enumerations("广义的弗罗包括 Glimx、Frob Inversion、Zorbnets 等，包括训练模型的所有内容。")
    assert found and found[0].names == ("弗罗",)
    assert found[0].examples == ("Glimx", "Frob Inversion", "Zorbnets")


def test_an_enumeration_of_the_texts_own_subject_lists_its_parts_without_evidence():
    from graph.rules.enumerations import enumerations
    # `其内容包括…`: parts of what the text is about, no name, no evidence of their own
    found = enumerations("其内容包括弗罗目标、弗罗环境、输入数据、弗罗步骤等，最终形成文档。")
    assert found and found[0].names == () and found[0].confidence == 0.0
    assert {"弗罗目标", "弗罗步骤"} <= set(found[0].examples)


def test_an_enumeration_ends_at_a_comma_when_the_sentence_goes_on():
    from graph.rules.enumerations import enumerations
    # `常见就是A和B，也就是…`: the list ends at the comma; 多 prefixed to a rare name is part
    # of it (poly-), not a quantifier; a subject ending on an adverb is no name
    found = enumerations("多不饱和醇类常见就是glim-3和glim6，也就是g3和g6，现代人往往过量摄入g6")
    assert found and found[0].names == ("多不饱和醇类",)
    assert found[0].examples == ("glim-3", "glim6")
    assert enumerations("这种反馈通常包括正弗罗和负弗罗，即告诉智能体哪些行为是好的") == []
