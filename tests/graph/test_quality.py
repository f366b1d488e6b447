"""Graph quality: what users expect of real notebooks (issue 11), each behaviour on a small note.

The yardstick over whole real notes is `make eval` (tests/eval); these tests pin the rules.
"""

from __future__ import annotations

from graph.model import BROADER, MENTION, RELATED_TO
from graph.search import SearchIndex


def edges(r, cid, type_, kind=None):
    return {t.split(":", 1)[1] for _, t, d in r.graph.out_edges(f"term:{cid}", data=True)
            if d["type"] == type_ and (kind is None or d.get("kind") == kind)}


def labels(r):
    return {lbl.text for c in r.concepts.values() for lbl in c.all_labels()}


def test_everyday_words_are_not_concepts_nor_mention_targets(notes):
    r = notes({"a.md": """
        # 笔记
        ## 选择
        ## 观点
        ## 术语
        - 在开发时: 可以, 希望
        - 数据库(database): 存储数据的系统。我对数据库感兴趣，可以选择一个。
        - 兴趣(interest): 喜欢做的事。
        """})
    found = labels(r)
    assert {"选择", "观点", "可以", "希望"}.isdisjoint(found)
    assert "数据库" in found
    db = r.concept_by_label("数据库").id
    # 兴趣 is not mentioned inside 感兴趣 (word boundaries)
    assert r.concept_by_label("兴趣").id not in edges(r, db, RELATED_TO, MENTION)


def test_synonyms_only_for_other_names(notes):
    r = notes({"a.md": """
        # Infra
        - 应用镜像(redis, mysql): 启动一些服务
        - 保持到redis, etcd, vault, consul, nats
        - Docker(podman): 容器引擎
        - 大语言模型(Large Language Models, LLM)
        - Kubernetes(K8s)
        """})
    mirror = r.concept_by_label("应用镜像")
    assert not {s.text for s in mirror.synonyms} & {"redis", "mysql"}
    assert r.concept_by_label("redis") is not r.concept_by_label("mysql")
    etcd = r.concept_by_label("etcd")
    assert etcd and {s.text for s in etcd.synonyms}.isdisjoint({"vault", "consul", "nats"})
    assert r.concept_by_label("podman") is not r.concept_by_label("Docker")
    assert r.concept_by_label("LLM") is r.concept_by_label("大语言模型")
    assert r.concept_by_label("K8s") is r.concept_by_label("Kubernetes")
    # examples in parentheses are narrower, a neighbour is related
    assert mirror.id in edges(r, r.concept_by_label("redis").id, BROADER)
    docker = r.concept_by_label("Docker").id
    assert r.concept_by_label("podman").id in edges(r, docker, RELATED_TO, MENTION)


def test_a_short_ambiguous_synonym_joins_nothing(notes):
    r = notes({"a.md": "- 程序计数器(PC): 下一条指令的地址。\n",
               "b.md": "- Personal Computer(PC): a computer for one person.\n",
               "c.md": "- 持续交付(CD): 随时可发布。\n- 持续部署(CD): 自动发布到生产。\n"})
    assert r.concept_by_label("程序计数器") is not r.concept_by_label("Personal Computer")
    assert r.concept_by_label("持续交付") is not r.concept_by_label("持续部署")
    assert any(w.code == "collision" for w in r.warnings)


def test_lookup_prefers_a_preferred_label(notes):
    r = notes({"a.md": "- instance(实例, 数据库): an object\n- 数据库(database): 存数据\n"})
    assert r.concept_by_label("数据库").label == "数据库"


def test_clean_labels_and_bilingual_headings(notes):
    r = notes({"a.md": """
        # 设计模式
        ## 2.命令(Command)
        ## 核心概念-Concept
        ### 2.生成器·Builder
        ## 模块 - module
        ## ① 适配器
        ## 【3】 外观模式
        ## 观察者模式 (3.2)
        ## 什么是设计模式
        ## 设计模式怎样解决设计问题
        ## How does a facade work?
        """, "b.md": "# 模块-module\n", "c.md": "# 模块_module\n"})
    found = labels(r)
    assert {"命令", "Command", "生成器", "Builder", "适配器", "外观模式", "观察者模式"} <= found
    assert not {"2.命令", "核心概念-Concept", "核心概念", "什么是设计模式",
                "设计模式怎样解决设计问题", "How does a facade work?"} & found
    assert r.concept_by_label("模块") is r.concept_by_label("module")
    assert len({c.id for c in r.concepts.values()
                if any(lbl.text in ("模块", "module") for lbl in c.all_labels())}) == 1


def test_traditional_and_simplified_are_one_concept(notes):
    r = notes({"zh-cn/cd.md": "---\ntitle: 持续交付\n---\n",
               "zh-tw/cd.md": "---\ntitle: 持續交付\n---\n"})
    assert r.concept_by_label("持续交付") is r.concept_by_label("持續交付")
    index = SearchIndex(r.concepts)
    assert index.search("持續交付")[0].concept_id == r.concept_by_label("持续交付").id


def test_definitions_in_prose(notes):
    r = notes({"a.md": """
        # 微服务课程
        - DevOps
          - 维基百科定义：DevOps（Development和Operations的组合词）是一种重视沟通合作的文化。
        - CICD
          - 持续集成（CI）是在源代码变更后自动构建和测试的过程。
        """})
    assert "维基百科定义" not in labels(r)
    assert r.concept_by_label("DevOps").definition.startswith("维基百科定义")
    ci = r.concept_by_label("CI")
    assert ci is r.concept_by_label("持续集成") and ci.definition.startswith("持续集成（CI）是")
    assert r.concept_by_label("CICD").id in edges(r, ci.id, BROADER)


def test_every_concept_says_why_it_is_here(notes):
    r = notes({"a.md": "# RAG\n\n- 向量数据库(vector database): 存向量。\n\n"
                       "后端使用**Milvus**和Docker部署。\n"})
    rules = {c.label: (c.rule, c.confidence) for c in r.concepts.values()}
    assert rules["RAG"] == ("title", 1.0)
    assert rules["向量数据库"][0] == "bilingual-pair" or rules["向量数据库"][0] == "term-item"
    assert rules["Milvus"][0] == "bold" and 0.5 <= rules["Milvus"][1] < 1
    assert rules["Docker"][0] == "latin-run"
    assert all(rel.rule for rel in r.relations if rel.kind != MENTION)


def test_one_glossary_line_does_not_make_an_outline_a_glossary(notes):
    r = notes({"a.md": """
        # 读书笔记
        ## 安排
        - 学习路线: 先看书, 再动手
        - 读书
        - 写作
        - 运动
        - 旅行
        - 休息
        ## 方法
        - 蒸馏
        - 剪枝(pruning)
        - 量化
        - 调优
        - Agent
        """})
    found = labels(r)
    # everyday words beside one glossary line are an outline, not terms
    assert {"读书", "写作", "运动", "旅行", "休息"}.isdisjoint(found)
    assert {"剪枝", "pruning"} <= found
    # an English name among Chinese items is the term's own name, even an everyday word
    assert "Agent" in found


def test_a_name_and_its_translation_on_lines_of_their_own(notes):
    r = notes({"a.md": """
        # 园艺学

        > 课堂笔记

        gardening science

        ## 土壤结构

        soil structure

        ## 园林设计

        python

        ## 使用功能

        嫁接刀: grafting knife

        修枝剪: pruning shears *brand* acme

        ### 滴灌系统(drip irrigation)

        ![img](https://example.com/drip.png)
        """})
    assert r.concept_by_label("gardening science") is r.concept_by_label("园艺学")
    assert r.concept_by_label("soil structure") is r.concept_by_label("土壤结构")
    # a single word on the line is not taken for a translation (a product name, a remark)
    assert "python" not in {x.text for x in r.concept_by_label("园林设计").all_labels()}
    assert r.concept_by_label("grafting knife") is r.concept_by_label("嫁接刀")
    # words that ran on after the translation are not a label
    assert r.concept_by_label("修枝剪") is not None
    assert "pruning shears brand acme" not in labels(r)
    # a heading with only a picture under it is still a term (a figure, not resources)
    assert r.concept_by_label("drip irrigation") is r.concept_by_label("滴灌系统")


def test_a_list_announced_as_kinds_holds_narrower_concepts(notes):
    r = notes({"茶叶分类.md": """
        按照发酵程度，茶叶分为六大类，它们分别是：

        1. 绿茶（green tea）：不发酵。
        2. 红茶（black tea）：全发酵。

        我常喝的：

        - 普洱（Pu'er）
        """})
    top = r.concept_by_label("茶叶分类").id
    assert top in edges(r, r.concept_by_label("绿茶").id, BROADER)
    assert top in edges(r, r.concept_by_label("红茶").id, BROADER)
    # a list after a colon that announces no kinds stays only listed in the note
    assert top not in edges(r, r.concept_by_label("普洱").id, BROADER)


def test_a_definition_names_the_kind_of_its_subject(notes):
    from graph.rules.definitions import definition_genus

    assert definition_genus("Zebu 是一个轻量的消息队列系统，用 Rust 编写。") == "消息队列系统"
    assert definition_genus("Zebu 是一个工具。") is None  # too general a kind
    assert definition_genus("Zebu 指的是一种消息队列系统。") is None  # 指 describes
    assert definition_genus("Zebu 是一种综合解决方案。") is None  # no head noun of a kind
    r = notes({"a.md": """
        # 中间件

        ## Zebu

        Zebu 是一个轻量的消息队列系统，用 Rust 编写。
        """})
    kind = r.concept_by_label("消息队列系统")
    assert kind is not None
    assert kind.id in edges(r, r.concept_by_label("Zebu").id, BROADER)


def test_names_introduced_together_in_one_sentence_are_related(notes):
    r = notes({"a.md": """
        # 仓储

        这里讨论 Kappaservice（通常简称为 K10e）中的货架单元（Shelf Unit，SU）和拣货路径（Pick Path，PP）的关系。去重器（deduplicator）与索引器（indexer）也常见。
        """})
    su = r.concept_by_label("货架单元")
    assert su is r.concept_by_label("Shelf Unit") is r.concept_by_label("SU")
    assert r.concept_by_label("K10e") is r.concept_by_label("Kappaservice")
    assert "通常简称为 K10e" not in labels(r)
    pp = r.concept_by_label("拣货路径").id
    assert pp in edges(r, su.id, RELATED_TO) or su.id in edges(r, pp, RELATED_TO)
    enc = r.concept_by_label("去重器").id  # another sentence: not introduced together
    assert enc not in edges(r, su.id, RELATED_TO) | edges(r, pp, RELATED_TO)


def test_answers_and_listed_benefits_are_claims_not_terms(notes):
    r = notes({"a.md": """
        # 货架

        **为什么货架要分区？**

        1. **拣货提速：** 同类货物放在一起，拣货员走的路更短。
        2. **盘点简化：** 每个分区单独盘点。

        **分区编码**

        这种编码的好处包括：

        - **出错减少：** 编码唯一，不会拿错。

        常见的分区类型：

        - 冷藏区（cold zone）：温度低于四度。
        """})
    found = labels(r)
    assert {"拣货提速", "盘点简化", "出错减少"}.isdisjoint(found)
    assert "冷藏区" in found


def test_links_to_one_term_page_name_one_concept_in_every_language(notes):
    r = notes({
        "site/en/shelving.md": """
            # Shelving

            Shelving keeps [reliable](/reliability/) stock near the [pick face](/pick-face/).
            Scaled [horizontally](/horizontal-scaling/) it grows.

            ## Related terms

            * [Cross Docking](/cross-docking/)
            * [Notes on it](notes.md)
            """,
        "site/zh-cn/shelving.md": """
            # 货架

            货架让[可靠](/zh-cn/reliability/)的库存靠近[拣货面](/zh-cn/pick-face/)。

            ## 相关术语

            * [越库配送](/zh-cn/cross-docking/)
            """})
    assert r.concept_by_label("pick face") is r.concept_by_label("拣货面") is not None
    assert r.concept_by_label("reliable") is r.concept_by_label("可靠") is not None
    assert r.concept_by_label("Cross Docking") is r.concept_by_label("越库配送") is not None
    found = labels(r)
    assert "horizontally" not in found and "Notes on it" not in found
    # amounts are not names: `4 x 4GB RAM`
    from graph.rules.name_runs import latin_terms
    assert latin_terms("添加 4 x 4GB RAM 而不是换机器") == []


def test_an_opening_quote_gives_the_titles_other_names(notes):
    r = notes({
        "a.md": """
            # QMS

            > 质量管理体系(Quality Management System, QMS)
            >
            > ISO

            正文。
            """,
        "b.md": """
            # Zorblax框架

            > [!note]
            >
            > Web Toolkit | Web工具包

            正文。
            """})
    qms = r.concept_by_label("QMS")
    assert qms is r.concept_by_label("质量管理体系") is r.concept_by_label("Quality Management System")
    assert r.concept_by_label("ISO") is not qms  # a name beside it is not the title's
    toolkit = r.concept_by_label("Web工具包")
    assert toolkit is not None and toolkit is r.concept_by_label("Web Toolkit")
    assert toolkit is not r.concept_by_label("Zorblax框架")
    assert "Web" not in labels(r)  # `Web工具包` is a kind of toolkit, not something named Web


def test_a_link_to_the_wrong_page_or_an_acronym_link_does_not_chain_two_concepts(notes):
    r = notes({
        "site/en/zorp-delivery.md": """
            # Zorp Delivery (ZD)

            Zorp delivery ships code. See [ZD](/zorp-delivery/) and
            [Zorp Deployment](/zorp-deployment/).
            """,
        "site/en/zorp-deployment.md": """
            # Zorp Deployment (ZD)

            Zorp deployment goes further than [zorp delivery](/zorp-deployment/).
            """,
        "site/zh-tw/zorp-deployment.md": """
            # 佐普部署 (ZD)

            見[佐普部署](/zh-tw/zorp-deployment/)和[佐普交付](/zh-tw/zorp-delivery/)。
            """})
    assert r.concept_by_label("Zorp Delivery") is not r.concept_by_label("Zorp Deployment")
    assert r.concept_by_label("佐普部署") is r.concept_by_label("Zorp Deployment")


def test_a_lead_in_repeated_item_after_item_is_a_field_not_a_term(notes):
    r = notes({"a.md": """
        # 岗位
        ## 前端工程师
        - 职责：开发页面组件。
        - 要求：熟悉浏览器渲染。
        ## 后端工程师
        - 要求：熟悉消息队列。
        ## 运维工程师
        - 要求：熟悉容器编排。
        - 灰度发布：按比例把新版本放给部分用户。
        """})
    found = labels(r)
    assert "要求" not in found
    assert "灰度发布" in found


def test_terms_named_in_one_sentence_are_related(notes):
    r = notes({"a.md": """
        # Zorbit

        - glimmer: 闪烁器
        - flonk: 弗隆克
        - wuzzle: 乌兹

        The glimmer sends frobs to the flonk. The wuzzle stays apart.
        """})
    glimmer = r.concept_by_label("glimmer").id
    flonk = r.concept_by_label("flonk").id
    wuzzle = r.concept_by_label("wuzzle").id
    assert flonk in edges(r, glimmer, RELATED_TO) or glimmer in edges(r, flonk, RELATED_TO)
    assert wuzzle not in edges(r, glimmer, RELATED_TO) | edges(r, flonk, RELATED_TO)


def test_the_title_spelled_out_on_the_first_line_is_its_other_name(notes):
    r = notes({"a.md": """
        ---
        title: QZV
        ---

        Quick Zone Vector

        A QZV is written as three numbers.
        """})
    assert r.concept_by_label("Quick Zone Vector") is r.concept_by_label("QZV")


def test_a_regular_plural_names_the_same_concept(notes):
    r = notes({"a.md": """
        # Zorbit

        ## Frob Widgets
        A frob widget holds frobs.

        - frob widget: 小部件
        - GLKs: 格利克
        - GLK(Grand Lumen Key): 大流明键
        - window: 窗口
        - Windows: 操作系统
        - status: 状态
        - statu: 未知
        - ZQV: 泽库
        - zqvs: 商店
        """})
    assert r.concept_by_label("Frob Widgets") is r.concept_by_label("frob widget")
    assert r.concept_by_label("GLKs") is r.concept_by_label("GLK")
    # a lone everyday word's -s form is a name of its own; -us is no plural
    assert r.concept_by_label("Windows") is not r.concept_by_label("window")
    assert r.concept_by_label("status") is not r.concept_by_label("statu")
    # an acronym's plural keeps its capitals: `zqvs` is a name of its own
    assert r.concept_by_label("zqvs") is not r.concept_by_label("ZQV")


def test_a_definition_subject_with_a_synonym_marker_gives_both_names(notes):
    r = notes({"a.md": """
        # 编排

        Zorbitron也称为Z7n，是一个开源的容器编排系统。

        The flimflam engine, also known as FFE, is a system that moves frobs.
        """})
    assert r.concept_by_label("Z7n") is r.concept_by_label("Zorbitron")
    assert r.concept_by_label("FFE") is r.concept_by_label("flimflam engine")
    assert not any("也称为" in label or "known" in label for label in labels(r))


def test_everyday_words_a_note_glosses_are_co_mentioned(notes):
    r = notes({"a.md": """
        # Zorbit

        - producer: 生产者
        - channel: 通道
        - market

        The producer writes to the channel. The market ignores the channel.
        """})
    producer = r.concept_by_label("producer").id
    channel = r.concept_by_label("channel").id
    assert channel in edges(r, producer, RELATED_TO) or producer in edges(r, channel, RELATED_TO)
    market = r.concept_by_label("market")
    # an everyday word without the note's gloss is no co-mention
    assert market is None or market.id not in edges(r, channel, RELATED_TO)


def test_a_common_word_heading_over_a_bare_list_of_names_is_a_section(notes):
    r = notes({"a.md": """
        # 笔记

        ## 框架

        - zorbix
        - flimtool

        ## 缓存

        缓存是存放常用数据的地方。

        - glimcache
        - frobstore
        """})
    assert r.concept_by_label("框架") is None
    assert r.concept_by_label("zorbix") is not None
    assert r.concept_by_label("缓存") is not None  # defined below: a concept


def test_names_listed_under_a_claims_heading_are_still_terms(notes):
    r = notes({"a.md": """
        # Zorbit

        ## features

        - Glimmer Loop
        - 帧同步
        - ZQP
        - frobnicator

        ## 优点

        - 灵活性高
        - 部署简单
        - ZQX
        """})
    assert r.concept_by_label("Glimmer Loop") is not None
    assert r.concept_by_label("帧同步") is not None
    assert r.concept_by_label("ZQP") is not None
    # claims stay claims
    assert r.concept_by_label("灵活性高") is None and r.concept_by_label("部署简单") is None


def test_a_lower_cased_abbreviation_is_no_everyday_word(notes):
    # mention targets are matched on normalized (lower-case) labels: `https` must not be
    # taken for an everyday word because the web writes it so often
    r = notes({"a.md": """
        # 安全

        - 数据加密: 保护敏感数据的传输，使用HTTPS和加密算法。
        - HTTPS: 加密的 HTTP
        """})
    https = r.concept_by_label("HTTPS").id
    assert https in edges(r, r.concept_by_label("数据加密").id, RELATED_TO)


def test_terms_of_other_notes_named_in_one_sentence_are_related(notes):
    r = notes({
        "a.md": """
            # 组件

            - Glimmerdb: 一个闪烁数据库
            - Flonkq: 一个消息队列
            - Wuzzlex: 一个调度器
            """,
        "b.md": """
            # Practice

            We use Glimmerdb to store the messages of Flonkq. Wuzzlex runs apart.
            Then Blorptool reads Snarfix.
            """})
    glimmer = r.concept_by_label("Glimmerdb").id
    flonk = r.concept_by_label("Flonkq").id
    wuzzle = r.concept_by_label("Wuzzlex").id
    assert flonk in edges(r, glimmer, RELATED_TO) or glimmer in edges(r, flonk, RELATED_TO)
    assert wuzzle not in edges(r, glimmer, RELATED_TO) | edges(r, flonk, RELATED_TO)
    assert glimmer not in edges(r, wuzzle, RELATED_TO)
    # names of no concept make none by being named together
    assert r.concept_by_label("Blorptool") is None and r.concept_by_label("Snarfix") is None


def test_every_kind_an_enumeration_lists_is_a_concept(notes):
    r = notes({"a.md": """
        # 烷

        烷中的烷酸，分类为饱和烷酸，单不饱和烷酸，多不饱和烷酸。
        """})
    assert {"饱和烷酸", "单不饱和烷酸", "多不饱和烷酸"} <= labels(r)


def test_examples_an_entrys_definition_gives_are_narrower(notes):
    r = notes({"a.md": """
        # 系统

        - 故障容错: 实现容错机制，例如熔断器（Circuit Breaker）模式和重试队列。
        - 熔断器: 断开故障服务的组件
        - 缓冲层: 例如我们可以先做一些准备。
        """})
    tolerance = r.concept_by_label("故障容错").id
    breaker = r.concept_by_label("熔断器").id
    assert tolerance in edges(r, breaker, BROADER)
    # two names given as examples are terms (rules.enumerations.example_list), narrower too;
    # a clause after 例如 gives none
    retry = r.concept_by_label("重试队列")
    assert retry is not None and tolerance in edges(r, retry.id, BROADER)
    assert r.concept_by_label("准备") is None


def test_a_quoted_name_with_its_translation_is_one_term(notes):
    r = notes({"a.md": """
        # 编辑器

        只需要将当前文件进行『钉住/pinning』操作即可。他说「好/不好」。
        """})
    assert r.concept_by_label("钉住") is not None
    assert r.concept_by_label("钉住") is r.concept_by_label("pinning")
    assert r.concept_by_label("不好") is None
