"""The extraction walk and the merge, on small inline notes built end to end."""

from graph.model import BROADER, RELATED_TO


def related(result, cid, kind=None):
    g = result.graph
    return {t.split(":", 1)[1] for _, t, d in g.out_edges(f"term:{cid}", data=True)
            if d["type"] == RELATED_TO and (kind is None or d["kind"] == kind)}


def broader(result, cid):
    return {t.split(":", 1)[1] for _, t, d in result.graph.out_edges(f"term:{cid}", data=True)
            if d["type"] == BROADER}


def test_front_matter_title_synonyms_tags(notes):
    r = notes({"a.md": """
        ---
        title: AI人工智能基础
        synonym: [人工智能, 人工智慧]
        Tags: ml, 深度学习
        ---
        Text with #inline/tag here.
        """})
    c = r.concept_by_label("人工智慧")
    assert c.label == "AI人工智能基础"
    assert [s.text for s in c.synonyms] == ["人工智能", "人工智慧"]
    assert {r.tags[t].label for t in c.tags} == {"ml", "深度学习", "inline/tag"}


def test_title_falls_back_to_h1_then_file_name(notes):
    r = notes({"x/first.md": "# Heading Title\n\ntext\n", "x/second-note.md": "just text\n"})
    assert r.notes["x/first.md"].title == "Heading Title"
    assert r.notes["x/second-note.md"].title == "second-note"
    assert r.concept_by_label("second-note") is not None


def test_a_title_listing_names_is_one_concept_per_name(notes):
    r = notes({"Kubelet、Kube-proxy、etcd集群.md": "对比三者的职责。\n"})
    parts = [r.concept_by_label(x) for x in ("Kubelet", "Kube-proxy", "etcd集群")]
    assert all(parts) and len({c.id for c in parts}) == 3  # never one concept, three names
    title = r.concept_by_label("Kubelet、Kube-proxy、etcd集群")
    assert title is not None and title.id not in {c.id for c in parts}


def test_a_heading_listing_names_is_one_concept_per_name(notes):
    r = notes({"tools.md": "# 工具\n\n## 编译器、解释器、汇编器\n\n三者都把程序变成机器能执行的形式。\n"})
    parts = [r.concept_by_label(x) for x in ("编译器", "解释器", "汇编器")]
    assert all(parts) and len({c.id for c in parts}) == 3  # never one concept, three names


def test_code_html_and_front_matter_are_not_read(notes):
    r = notes({"a.md": """
        ---
        title: Shell
        ---
        ```sh
        # not a heading
        - not(an item)
        ```

            # indented code
        <div>
        - html(item)
        </div>

        ```
        # unbalanced fence
        """})
    labels = {c.label for c in r.concepts.values()}
    assert labels == {"Shell"}


def test_list_items_hierarchy_and_definitions(notes):
    r = notes({"g.md": """
        # Machine Learning

        ## Glossary

        - 模型(model): 一种对现实的简化表示，用于预测。
          - 参数(parameter)
          - https://example.org/model
          - ![figure](https://example.org/f.png)
        - 训练(Train)
        - 推理
        - 数据集: dataset
        """})
    ml = r.concept_by_label("Machine Learning")
    model = r.concept_by_label("model")
    assert model.label == "模型" and model.label_in("en") == "model"
    assert model.definition.startswith("一种对现实的简化表示")
    assert {x.url for x in model.resources} == {"https://example.org/model",
                                               "https://example.org/f.png"}
    assert broader(r, model.id) == {ml.id}  # listed under a concept heading via Glossary
    assert broader(r, r.concept_by_label("parameter").id) == {model.id}
    assert r.concept_by_label("推理") is not None  # bare item among term siblings
    assert [s.text for s in r.concept_by_label("数据集").synonyms] == ["dataset"]


def test_bare_items_without_term_siblings_are_text(notes):
    r = notes({"a.md": "# AWS\n\n- ssh 登录\n- sudo apt-get update\n- 准备环境\n"})
    assert set(c.label for c in r.concepts.values()) == {"AWS"}


def test_sentences_urls_links_commands_are_never_terms(notes):
    r = notes({"a.md": """
        # Docker

        - https://docs.docker.com
        - [Docker docs](https://docs.docker.com/get-started/)
        - docker run --rm hello-world
        - Docker is a platform for developing, shipping, and running applications.
        - Image(镜像)
        """})
    docker = r.concept_by_label("docker")
    assert {c.label for c in r.concepts.values()} == {"Docker", "Image"}
    assert docker.definition.startswith("Docker is a platform")
    assert any("docker run" in n.text for n in docker.notes)
    assert {x.url for x in docker.resources} >= {"https://docs.docker.com",
                                                "https://docs.docker.com/get-started/"}


def test_merging_by_normalized_labels(notes):
    r = notes({
        "a.md": "# NVidia\n\n- CUDNN(cuda dnn)\n- 提示(Prompt): 提示词\n",
        "b.md": "# Nvidia\n\n## CuDNN\n\n## Prompt\n\nA prompt is the input text.\n",
        "c.md": "- ＣｕＤＮＮ: 全角\n- cuDNN: 库\n",
    })
    cudnn = r.concept_by_label("cudnn")
    assert len({c.id for c in r.concepts.values() if c.label.lower() == "cudnn"}) == 1
    assert {s.file for s in cudnn.sources} == {"a.md", "b.md", "c.md"}
    prompt = r.concept_by_label("提示")
    assert prompt is r.concept_by_label("Prompt") is r.concept_by_label("提示词")
    assert prompt.label_in("zh") == "提示" and prompt.label_in("en") == "Prompt"
    assert r.concept_by_label("NVidia") is r.concept_by_label("nvidia")


def test_synonym_collision_is_reported_not_merged(notes):
    r = notes({
        "a.md": "- Continuous Delivery(CD)\n",
        "b.md": "- Continuous Deployment(CD)\n",
    })
    assert r.concept_by_label("Continuous Delivery") is not r.concept_by_label(
        "Continuous Deployment")
    assert any(w.code == "collision" and "'cd'" in w.message for w in r.warnings)


def test_one_preferred_label_per_language(notes):
    r = notes({"a.md": "- 思维链(Chain-of-Thought, CoT)\n- 思维链(思路链)\n"})
    c = r.concept_by_label("CoT")
    langs = [x.lang for x in c.labels]
    assert sorted(langs) == ["en", "zh"] and len(set(langs)) == len(langs)
    assert {s.text for s in c.synonyms} == {"CoT", "思路链"}


def test_wikilinks_and_relative_links(notes):
    r = notes({
        "a.md": "---\naliases: [Alpha]\n---\n# A\n\nSee [[b]], [[B note|shown]], [[b#Part]],"
                " [c](sub/c.md) and [[missing]].\n",
        "b.md": "---\ntitle: B note\n---\nLinks back to [[Alpha]].\n",
        "sub/c.md": "# C\n\n[up](../a.md)\n",
    })
    a, b, c = (r.concept_by_label(x).id for x in ("A", "B note", "C"))
    assert related(r, a, "link") == {b, c}
    assert related(r, b, "link") == {a}
    assert related(r, c, "link") == {a}
    assert [w for w in r.warnings if w.code == "link"][0].message == "unresolved link: [[missing]]"
    assert [(u.target, u.file, u.line) for u in r.unresolved] == [("[[missing]]", "a.md", 6)]


def test_dendron_label_first_wikilinks(notes):
    r = notes({"dendron.topic.x.md": "---\ntitle: X\n---\nsee [[the y note|dendron.topic.y]]\n",
               "dendron.topic.y.md": "---\ntitle: Y\n---\n"})
    assert related(r, "x", "link") == {"y"}


def test_mentions(notes):
    r = notes({"a.md": """
        - RAG(Retrieval-Augment Generation): 检索增强生成
        - 向量数据库: 存储向量的数据库，常用于检索增强生成和 RAG pipelines。
        - LLM: large language model
        - fragment: a piece that mentions no ragtime
        """})
    vdb = r.concept_by_label("向量数据库")
    # 检索增强生成 names RAG; `RAG pipelines` is a name of its own (Latin in Chinese text)
    assert related(r, vdb.id, "mention") == {"rag", "rag-pipelines"}
    assert related(r, "fragment", "mention") == set()
    edge = next(d for _, t, d in r.graph.out_edges(f"term:{vdb.id}", data=True)
                if d.get("kind") == "mention")
    assert edge["file"] == "a.md" and edge["line"] == 2 and "检索增强生成" in edge["text"]


def test_ids_are_stable_and_independent_of_file_order(tmp_path):
    from graph import build
    from tests.conftest import write_notes

    files = {"a.md": "- 神经网络(neural network)\n- RAG\n", "b.md": "# 神经网络\n\n- CNN\n"}
    first = build(write_notes(tmp_path / "one", files))
    second = build(write_notes(tmp_path / "two", dict(reversed(list(files.items())))))
    assert sorted(first.concepts) == sorted(second.concepts)
    assert "神经网络" in first.concepts and "rag" in first.concepts


def test_every_node_and_edge_has_a_source(notes):
    r = notes({"a.md": "---\ntags: [x]\n---\n# T\n\n- A(α): B\n  - C\n"})
    for node, data in r.graph.nodes(data=True):
        assert data.get("file") is not None, node
    for *_, data in r.graph.edges(data=True):
        assert data.get("file") and data.get("line"), data


def test_unresolved_links_are_one_warning(notes):
    r = notes({"a.md": "see [[Zotero Sync]], [[gone]] and [[b]]\n", "b.md": "# B\n"})
    warnings = [w for w in r.warnings if w.code == "link"]
    assert len(warnings) == 1 and "and 1 more" in warnings[0].message
    assert [u.target for u in r.unresolved] == ["[[Zotero Sync]]", "[[gone]]"]
    # a link to no note still names a concept (a ghost), unless the name is an everyday word
    ghost = r.concept_by_label("Zotero Sync")
    assert ghost is not None and ghost.rule == "wikilink"
    assert r.concept_by_label("gone") is None


def test_dendron_file_names_are_the_hierarchy(notes):
    r = notes({"dendron.md": "---\ntitle: Dendron\n---\n",
               "dendron.topic.md": "---\ntitle: Topic\ndesc: The topics of Dendron.\n---\n",
               "dendron.topic.pod.md": "---\ntitle: Pod\n---\n"})
    assert broader(r, "pod") == {"topic"} and broader(r, "topic") == {"dendron"}
    assert r.concept_by_label("Topic").definition == "The topics of Dendron."


def test_a_describing_section_keeps_terms_narrower_than_the_concept_above(notes):
    # `## Features` is a section, not a concept: the terms under it are narrower than the
    # note's concept when the title names one (`Frobs`), only listed under a topic's title
    r = notes({"frobs.md": """
        ---
        title: Frobs
        ---
        ## Features

        ### Plain Frobs

        Frobs written as plain text.

        ### Frob Panels

        Notes that stand for one frob.

        ## Resources

        ### Frob Gallery

        A gallery.
        """, "topic.md": """
        # 弗罗布的使用心得和配置

        ## 特性

        ### 弗罗布面板

        一种笔记。
        """})
    frobs = r.concept_by_label("Frobs").id
    assert broader(r, r.concept_by_label("Frob Panels").id) == {frobs}
    assert broader(r, r.concept_by_label("Plain Frobs").id) == {frobs}
    assert broader(r, r.concept_by_label("Frob Gallery").id) == set()  # an aside section
    assert broader(r, r.concept_by_label("弗罗布面板").id) == set()  # a topic's title


def test_title_names_concept():
    from graph.config import Config
    from graph.rules.heading import describes_owner, title_names_concept
    c = Config()
    assert title_names_concept("Frob Panels", c) and title_names_concept("弗罗布理论", c)
    assert title_names_concept("FRB - Frob Rendering Bus", c)
    for title in ("弗罗布原理", "frob和glim", "弗罗布的定义，目的和应用场景", "0.84", "弗罗术语",
                  "Glossary", "本库frob基本配置及原因", "2023-08-13整理的弗罗布", "Frob参考文档",
                  "弗罗布手册"):
        assert not title_names_concept(title, c), title
    assert describes_owner("Features") and describes_owner("## 组成：".strip("# "))
    assert not describes_owner("安装") and not describes_owner("References")


def test_a_title_listing_things_of_a_topic_makes_them_narrower_than_it(notes):
    # `X的三条军规`: the rules listed are X's; X is a concept and they are narrower than it
    r = notes({"r.md": """
        ---
        title: 弗罗布思维的三条军规
        ---
        - 假设驱动
          - 先给出答案。
        - 分而治之
        - 界定问题
        """})
    topic = r.concept_by_label("弗罗布思维")
    assert topic is not None
    for rule in ("假设驱动", "分而治之", "界定问题"):
        assert broader(r, r.concept_by_label(rule).id) == {topic.id}, rule


def test_a_wikilink_reaches_the_concept_its_own_name_made(notes):
    # `[[🔡FROBZ]]` names FROBZ (the emoji is markup); the link relates the item to it
    r = notes({"a.md": """
        # 弗罗布
        - 界定弗罗
          - [[🔡FROBZ]]
        - 分而治之
        """})
    assert r.concept_by_label("FROBZ").id in related(r, r.concept_by_label("界定弗罗").id)


def test_bare_items_under_a_section_that_describes_the_owner_are_not_terms(notes):
    # `## 解释` › `- 弗罗撰写`: what the owner is or does; a `X(Y)` entry there is still a term
    r = notes({"a.md": """
        # 弗罗布

        ## 多维解释

        - 弗罗撰写
        - 全语种弗罗润色
        - 弗罗检索

        ## 定义

        - 格罗姆(Glomb)

        ## 术语

        - 弗罗引擎
        - 弗罗框架
        """})
    assert r.concept_by_label("弗罗撰写") is None
    assert r.concept_by_label("全语种弗罗润色") is None
    assert r.concept_by_label("Glomb") is not None
    assert r.concept_by_label("弗罗引擎") is not None


def test_topics_a_heading_joins_are_related(notes):
    r = notes({"a.md": """
        # 弗罗设计

        ## 高弗罗和弗罗优化

        - 连接池：复用连接。
        """})
    a, b = r.concept_by_label("高弗罗"), r.concept_by_label("弗罗优化")
    assert a is not None and b is not None
    assert b.id in related(r, a.id) or a.id in related(r, b.id)


def test_a_bold_term_line_over_a_list_owns_the_list(notes):
    # `**弗罗工程师（Frob Engineer）**` then bullets: a heading in all but name
    r = notes({"a.md": """
        # 岗位

        **弗罗工程师（Frob Engineer）**

        - 专注于模型的推理速度。
        - 需求：了解弗罗量化、弗罗剪枝等优化方法。

        **格罗工程师（Glom Engineer）**

        - 设计系统架构。
        """})
    engineer = r.concept_by_label("弗罗工程师")
    assert any("推理速度" in n.text for n in engineer.definitions + engineer.notes)


def test_neighbours_in_a_list_are_related(notes):
    # bare names one after the other are neighbours; glossary entries with their own
    # definitions are not (tests/graph/test_quality.py)
    r = notes({"a.md": """
        # Frob tools

        - Frobnik
        - Glimmerdb
        - Zorbix
        """})
    a, b, c = (r.concept_by_label(x).id for x in ("Frobnik", "Glimmerdb", "Zorbix"))
    assert b in related(r, a) and c in related(r, b)


def test_instances_named_together_are_related(notes):
    r = notes({"a.md": """
        # 弗罗存储

        ## 弗罗缓存

        使用分布式缓存（如Frobdis、Glimcached、Zorbcache、Wuzzdb和Flonkkv）来提高性能。
        """})
    # five names in one sentence are too many for a co-mention; as instances of one kind
    # they are neighbours
    a, b = r.concept_by_label("Frobdis"), r.concept_by_label("Glimcached")
    assert b.id in related(r, a.id) or a.id in related(r, b.id)


def test_an_item_whose_first_child_is_a_list_on_its_line(notes):
    # `- - X: …`: the outer item has no text, the inner one is on the same line
    r = notes({"a.md": """
        # Frobs

        - Frob one
        - - Glim Panel: a panel of glims
        - Frob two
        """})
    assert not [w for w in r.warnings if w.code == "internal"]
    assert r.concept_by_label("Glim Panel") is not None


def test_a_definition_puts_its_subject_under_a_kind_that_is_a_concept(notes):
    # `X是一种Y` where Y is a concept anyway (a heading here): X is narrower than Y; a kind
    # that is no concept makes none
    r = notes({"a.md": """
        # 弗罗部署

        ## 弗罗策略

        选择上线方式。

        ## 金丝雀弗罗

        金丝雀弗罗是一种弗罗策略，开始时有两个环境。

        ## 蓝绿弗罗

        蓝绿弗罗是一种格罗姆方案，两个环境轮换。
        """})
    assert r.concept_by_label("弗罗策略").id in broader(r, r.concept_by_label("金丝雀弗罗").id)
    assert r.concept_by_label("格罗姆方案") is None


def test_a_grouping_section_keeps_terms_narrower_than_the_concept_above(notes):
    # `## 视频相关` under `# Glimnode`: a group of the concept's things, not a concept
    r = notes({"a.md": """
        # 弗罗工具

        # Glimnode

        ## 视频相关

        - Glim-Video-Evolved
        - Glim-Frame-Tools
        """})
    node = r.concept_by_label("Glimnode").id
    assert node in broader(r, r.concept_by_label("Glim-Video-Evolved").id)


def test_an_opening_line_naming_the_kind_of_the_title_is_broader(notes):
    # `# Frobby框架` / `> Web Framework | Web框架`: the title is a 框架 of that kind
    r = notes({"a.md": """
        # Frobby框架

        > Glob Framework | Glob框架

        Frobby is fast.
        """})
    kind = r.concept_by_label("Glob框架")
    assert kind is not None
    assert kind.id in broader(r, r.concept_by_label("Frobby框架").id)
    assert broader(r, kind.id) == set()


def test_breadcrumb_fields_up_and_down_are_hierarchy(notes):
    # Obsidian's inline fields of the Breadcrumbs / Dataview convention: `up:: [[X]]` puts the
    # note under X, `down:: [[Y]], [[Z]]` puts Y and Z under it; other fields stay links.
    r = notes({
        "LYT.md": "# LYT\n\nup:: [[Index]]\ndown:: [[ACCESS]], [[MOC]]\nsame:: [[PARA]]\n",
        "Index.md": "# Index\n", "ACCESS.md": "# ACCESS\n", "MOC.md": "# MOC\n",
        "PARA.md": "# PARA\n",
    })
    lyt, index, access, moc, para = (r.concept_by_label(x).id
                                     for x in ("LYT", "Index", "ACCESS", "MOC", "PARA"))
    assert broader(r, lyt) == {index}
    assert broader(r, access) == {lyt} and broader(r, moc) == {lyt}
    assert related(r, lyt, "link") == {para}


def test_an_opening_also_called_sentence_names_the_title(notes):
    r = notes({"反向链接.md": """
        up:: [[双向链接]]

        也叫入链。反向链接是指向本页面的链接。
        """})
    c = r.concept_by_label("入链")
    assert c is not None and c.label == "反向链接"


def test_a_compound_is_narrower_than_the_plural_that_names_its_kind(notes):
    # `### Local Vault` in the note `Vaults`: an English compound's head word, made plural,
    # names the kind (head_relation reads `_plural_forms`).
    r = notes({"vaults.md": """
        ---
        title: Vaults
        ---
        ## Vault Sources

        ### Local Vault

        A vault on the file system.

        ## Regular Vault

        A vault of notes.
        """})
    vaults = r.concept_by_label("Vaults").id
    assert vaults in broader(r, r.concept_by_label("Local Vault").id)
    assert vaults in broader(r, r.concept_by_label("Regular Vault").id)


def test_a_heading_counting_kinds_keeps_what_it_lists_narrower_than_the_concept(notes):
    # `## 几个时期` (a number or 几, a classifier of kinds, a noun) names no concept: what it
    # lists is narrower than the note's concept; `## 几个案例试着分析` is a task, an aside.
    r = notes({"curve.md": """
        ---
        title: 弗罗布曲线
        ---
        ## 几个时期

        - 萌芽期 innovation trigger
        - 复苏期 slope of enlightenment

        ## 几个案例试着分析其曲线

        - 共享单车
        - 外卖
        """})
    curve = r.concept_by_label("弗罗布曲线").id
    assert broader(r, r.concept_by_label("萌芽期").id) == {curve}
    assert broader(r, r.concept_by_label("复苏期").id) == {curve}
    assert r.concept_by_label("几个时期") is None
    single = r.concept_by_label("共享单车")
    assert single is None or broader(r, single.id) == set()


def test_announces_kinds():
    from graph.rules.heading import announces_kinds
    for heading in ("几个时期", "三种工作模式", "八大思维工具", "2. 三种状态："):
        assert announces_kinds(heading), heading
    for heading in ("几个案例试着分析其成熟度曲线", "两点说明", "三层架构", "二项式定理", "时期"):
        assert not announces_kinds(heading), heading


def test_a_link_opening_an_entry_of_a_list_of_parts_is_a_narrower_concept(notes):
    # `包含若干个部分：` then `- 各个[[MOC]]页面。…`: the entry is about what it links to, a part
    # of the owner (read as `down:: [[MOC]]`); `- 使用[[X]]` (a verb first) is not.
    r = notes({"frame.md": """
        ---
        title: 弗罗布框架
        ---
        这个框架包含若干个部分：

        - [[主页]]。即主页笔记。
        - 各个[[MOC]]页面。一堆链接。
        - 使用[[ACCESS 笔记组织法]]。
        """, "moc.md": "---\ntitle: MOC\n---\n地图笔记。\n"})
    frame = r.concept_by_label("弗罗布框架").id
    assert frame in broader(r, r.concept_by_label("主页").id)
    assert frame in broader(r, r.concept_by_label("MOC").id)
    assert frame not in broader(r, r.concept_by_label("ACCESS 笔记组织法").id)


def test_leading_link():
    from graph.markdown import Segment
    from graph.rules.links import leading_link
    link = Segment("wikilink", "X", "X")
    assert leading_link([link, Segment("text", "。即主页")]) is link
    assert leading_link([Segment("text", "其他的"), link]) is link
    for before in ("使用", "通过做笔记 note-making 而不是", "see "):
        assert leading_link([Segment("text", before), link]) is None, before
    assert leading_link([Segment("text", "各个"), Segment("break", "\n"), link]) is None


def test_a_version_is_narrower_than_what_it_versions(notes):
    # `GPT-4o` is a version of `GPT-4`, `GPT-4` of `GPT` (head_relation reads `_versioned`);
    # `Limit 0` is a word and a count.
    r = notes({"GPT.md": "# GPT\n\nA family of models.\n",
               "GPT-4.md": "# GPT-4\n\nA model.\n",
               "GPT-4o.md": "# GPT-4o\n\nIts optimized variant.\n",
               "Limit.md": "# Limit\n\nA setting.\n",
               "Limit 0.md": "# Limit 0\n\nNo limit.\n"})
    gpt, gpt4 = r.concept_by_label("GPT").id, r.concept_by_label("GPT-4").id
    assert broader(r, gpt4) == {gpt}
    assert broader(r, r.concept_by_label("GPT-4o").id) == {gpt4}
    zero = r.concept_by_label("Limit 0")  # (the note may make no concept of it)
    assert zero is None or broader(r, zero.id) == set()


def test_a_table_naming_things_in_two_scripts_is_a_glossary_anywhere(notes):
    r = notes({"en.md": """
        # 英文

        ## 词类·Parts of Speech

        | 名称 | Name | 作用 |
        | :--: | :--: | ---- |
        | 名词 | Noun(n.) | 人或事物的名称 |
        | 动词 | Verb(v.) | 表示动作或状态 |
        | 冠词 | Article(art.) | 用在名词前 |
        | 连词 | | 连接词与词 |

        ## 命令

        | 命令 | 作用 |
        | ---- | ---- |
        | ls | 列出文件 |
        | cd | 进入目录 |
        | rm | 删除文件 |

        | 功能 | command |
        | ---- | ------- |
        | 新建形状 | double click canvas |
        | 多形状 | alt-shift-cursor |
        | 自由连接点 | alt |
        """})
    noun = r.concept_by_label("Noun")
    assert noun is not None and noun.label == "名词"
    assert [s.text for s in noun.synonyms] == ["n."]
    assert noun.sources[0].line == 7  # its row, not the table's first line (5)
    assert r.concept_by_label("art.") is r.concept_by_label("冠词")
    assert r.concept_by_label("连词") is not None  # a row with its other name left empty
    assert "词类" in broader(r, noun.id)
    # a command and what it does, a feature and its shortcut: no glossary
    for label in ("ls", "列出文件", "新建形状", "多形状", "自由连接点"):
        assert r.concept_by_label(label) is None, label


def test_a_question_heading_that_asks_what_something_is_names_it(notes):
    r = notes({"面试.md": """
        # MySQL面试题

        ## 什么是聚簇索引？何时使用聚簇索引与非聚簇索引？

        聚簇索引将数据存储与索引放到了一块，找到索引也就找到了数据。

        ## 联合索引是什么？为什么需要注意联合索引中的顺序？

        MySQL可以使用多个字段同时建立一个索引。

        ## ZooKeeper在Kafka中的作用是什么？

        协调。

        ### What are database isolation levels? What are they used for?

        They isolate transactions.
        """})
    assert r.concept_by_label("聚簇索引") is not None
    assert r.concept_by_label("联合索引") is not None
    assert r.concept_by_label("database isolation levels") is not None
    labels = {c.label for c in r.concepts.values()}
    assert not any("什么" in label or "作用" in label or "used for" in label for label in labels)
    assert r.concept_by_label("ZooKeeper在Kafka中的作用") is None


def test_a_link_text_that_starts_like_a_resource_word_is_still_a_name(notes):
    r = notes({"a.md": """
        # 组成原理

        具有一条独立的[地址总线](https://baike.baidu.com/item/地址总线)，用[Docker](https://www.docker.com)部署，
        参见[官方文档](https://docs.example.org)。
        """})
    assert r.concept_by_label("地址总线") is not None
    assert r.concept_by_label("Docker") is not None
    assert r.concept_by_label("官方文档") is None


def test_italics_add_evidence_but_name_nothing_alone(notes):
    r = notes({"a.md": "# 一\n\n计算机由*运算器*组成。\n\nIt brings *guilt* to the reader.\n",
               "b.md": "# 二\n\n数据送到*运算器*处理。\n", "c.md": "# 三\n\n结果来自*运算器*。\n"})
    assert r.concept_by_label("运算器") is not None  # in italics in three notes
    assert r.concept_by_label("guilt") is None  # once: stress, not a name


def test_a_marker_before_a_title_is_not_part_of_its_name(notes):
    r = notes({"a.md": "# ψ-概率论与数理统计\n\n文本。\n", "b.md": "# 🌐面试-个人问题\n\n文本。\n",
               "c.md": "# α-β剪枝\n\n文本。\n"})
    assert r.concept_by_label("概率论与数理统计") is not None
    assert r.concept_by_label("α-β剪枝") is not None
    assert not any(c.label.startswith(("ψ", "🌐")) for c in r.concepts.values())


def test_a_list_item_that_is_a_field_of_terms_lists_terms(notes):
    r = notes({"a.md": """
        # 程序原理

        #### 面向对象编程（OOP）

        - **概念**：封装、继承、多态、抽象。
        - **概念**：排序算法（快速排序、归并排序）、动态规划。
        - **概念**：分离横切关注点，如日志、事务管理。
        - **应用**：设计模块化、可维护的软件。

        ## Showcase

        - topics: recipes, cooking
        """})
    oop = r.concept_by_label("面向对象编程")
    for label in ("封装", "继承", "多态", "抽象", "排序算法", "动态规划"):
        c = r.concept_by_label(label)
        assert c is not None, label
    encapsulation = r.concept_by_label("封装").id
    assert encapsulation in related(r, oop.id) or oop.id in related(r, encapsulation)
    assert "排序算法" in {r.concepts[b].label for b in broader(r, r.concept_by_label("归并排序").id)}
    for label in ("如日志", "日志", "recipes", "cooking"):
        assert r.concept_by_label(label) is None, label


def test_entries_that_each_give_their_own_acronym_never_merge_through_a_shared_name(notes):
    r = notes({"java.md": """
        # Java

        - Java标准版(Java 2 Platform, Standard Edition, J2SE)
        - Java企业版(Java 2 Platform, Enterprise Edition, J2EE)
        - Java移动版(Java 2 Platform, Micro Edition, J2ME)
        """})
    editions = {r.concept_by_label(a).id for a in ("J2SE", "J2EE", "J2ME")}
    assert len(editions) == 3
    j2se = r.concept_by_label("J2SE")
    assert j2se.label == "Java标准版"
    assert "Java 2 Platform, Standard Edition" in [x.text for x in (*j2se.labels, *j2se.synonyms)]


def test_what_the_review_of_the_new_rules_found(notes):
    """Each case went wrong in the first version of this round's rules (review, 2026-12-07)."""
    r = notes({"tools.md": """
        # 工具

        | Name | 描述 |
        | ---- | ---- |
        | Redis | 内存数据库 |
        | Kafka | 消息队列 |
        | Nginx | 反向代理 |
        | RabbitMQ | 消息队列 |
        """, "q.md": """
        # 面试

        ## 什么叫做依赖注入？

        一种设计。

        ## 什么是死锁，如何避免？

        互相等待。

        ## 问题 4：什么是消费者组？

        一组消费者。
        """, "f.md": """
        # 图像

        相关概念：像素、分辨率、色深

        - 名词：noun
        """, "api.md": """
        # 接口

        - 应用程序接口(Application Programming Interface, API)：接口。
        - 应用编程接口(Application Programming Interface, APIs)：接口。
        """, "links.md": """
        # Kafka

        See the [Tutorials](https://kafka.apache.org/tutorials) and the
        [Docs home](https://kafka.apache.org/docs) for Kafka.
        """, "bio.md": """
        # 蛋白质

        ## α-螺旋

        一种二级结构。
        """})
    # a description column (and a value met twice) pairs nothing: Kafka is not RabbitMQ
    assert r.concept_by_label("Kafka") is None or r.concept_by_label("Kafka") is not \
        r.concept_by_label("RabbitMQ")
    assert r.concept_by_label("消息队列") is None
    assert r.concept_by_label("依赖注入") is not None and r.concept_by_label("死锁") is not None
    assert r.concept_by_label("消费者组") is not None
    labels = {c.label for c in r.concepts.values()}
    assert not labels & {"做依赖注入", "如何避免", "noun"}
    for label in ("像素", "分辨率", "色深"):  # 像 starts 像素, it is no example marker here
        assert r.concept_by_label(label) is not None, label
    assert r.concept_by_label("APIs") is r.concept_by_label("API")
    assert r.concept_by_label("Tutorials") is None and r.concept_by_label("Docs home") is None
    assert r.concept_by_label("α-螺旋") is not None and r.concept_by_label("螺旋") is None


def test_acronyms_written_beside_their_names(notes):
    """An acronym after a comma (`中文-English, ACR`), between a Chinese name and its
    expansion (`指令寄存器IR（Instruction Register）`), in the plural (`CRDs (Custom Resource
    Definition)`): all the names of one term."""
    r = notes({"cpu.md": """
        # 计算机组成

        - 运算器
            - 算术逻辑部件-Arithmetic Logic Unit, ALU: 执行算术和逻辑运算
            - 寄存器: 存放数据

        控制单元由指令寄存器*IR*（Instruction Register）和操作控制器*OC*（Operation Controller）组成。

        Operators provide new resources, known as CRDs (Custom Resource Definition).
        """})
    alu = r.concept_by_label("ALU")
    assert alu is not None and alu is r.concept_by_label("算术逻辑部件") \
        is r.concept_by_label("Arithmetic Logic Unit")
    assert r.concept_by_label("算术逻辑部件-Arithmetic Logic Unit") is None
    for zh, en, short in (("指令寄存器", "Instruction Register", "IR"),
                          ("操作控制器", "Operation Controller", "OC")):
        concept = r.concept_by_label(zh)
        assert concept is not None and concept is r.concept_by_label(en) \
            is r.concept_by_label(short), zh
    assert r.concept_by_label("CRDs") is r.concept_by_label("Custom Resource Definition")


def test_an_acronym_before_a_category_noun_names_a_kind_not_itself(notes):
    """`CSS 框架` lists frameworks for CSS: CSS is another concept (`FastAPI框架` is FastAPI,
    `HTTP协议` is HTTP: what an acronym itself is)."""
    r = notes({"web.md": """
        # 前端

        - HTML、CSS和JavaScript
            - [[CSS]]
        - CSS 框架
            - [[Tailwind]]
            - [[Bootstrap]]
        - HTTP协议: 超文本传输协议
        """})
    assert r.concept_by_label("CSS") is not r.concept_by_label("CSS 框架")
    assert r.concept_by_label("HTTP") is r.concept_by_label("HTTP协议")


def test_a_link_to_a_note_named_by_two_names(notes):
    """A name and its spelling out, a Chinese name and its translation in plain words; not a
    topic and its subtopic (`Redis - 持久化` is no other name of Redis)."""
    r = notes({"index.md": """
        # 索引

        - [[PWA - Progressive Web Apps]]
        - [[辩论 - debate]]
        - [[Redis - 持久化]]
        - [[Redis - 主从复制]]
        """})
    assert r.concept_by_label("PWA") is r.concept_by_label("Progressive Web Apps") is not None
    assert r.concept_by_label("辩论") is r.concept_by_label("debate") is not None
    assert r.concept_by_label("PWA - Progressive Web Apps") is None
    assert r.concept_by_label("持久化") is None and r.concept_by_label("主从复制") is None


def test_a_long_list_closed_by_deng_names_its_everyday_items_too(notes):
    """`日志、认证鉴权、缓存、事务、监控、…等`: most items are good names, so the list is one of
    names, 事务 and 监控 included; a short list of everyday verbs is not (`开发、测试、上线`)."""
    r = notes({"infra.md": """
        # 基础设施

        - 日志、认证鉴权、缓存、事务、监控、限流、路由、版本控制、负载均衡、配置管理等。

        - 流程：开发、测试、上线。
        """})
    for label in ("日志", "认证鉴权", "事务", "监控", "负载均衡", "配置管理"):
        assert r.concept_by_label(label) is not None, label
    assert r.concept_by_label("上线") is None and r.concept_by_label("开发") is None


def test_kinds_a_definition_lists_and_instances_after_a_colon(notes):
    """`- **并发编程**：包括多线程、多进程和异步编程` lists kinds of 并发编程; three names after a
    colon are instances, not translations (`操作系统: Windows, Linux, UNIX`); 多进程 (multi-)
    is a name though the tagger reads 多 as a numeral."""
    r = notes({"p.md": """
        # 编程原理

        - **并发编程（Concurrent Programming）**：包括多线程、多进程和异步编程，强调并发执行任务。
        - 操作系统: Windows, Linux, UNIX
        - 分类(classification, classify): 把东西分组
        """})
    concurrent = r.concept_by_label("并发编程")
    for kind in ("多线程", "多进程", "异步编程"):
        concept = r.concept_by_label(kind)
        assert concept is not None, kind
        assert concurrent.id in broader(r, concept.id), kind
    os_ = r.concept_by_label("操作系统")
    assert os_ is not None and "Linux" not in {x.text for x in os_.all_labels()}
    assert r.concept_by_label("Linux") is not None and r.concept_by_label("UNIX") is not None
    assert r.concept_by_label("classification") is r.concept_by_label("分类")


def test_what_the_review_of_the_acronym_and_list_rules_found(notes):
    """Each case went wrong in the first version of the acronym and closed-list rules
    (review, 2026-12-07)."""
    r = notes({"cloud.md": """
        # 云

        阿里云ECS（Elastic Compute Service）是云服务器。阿里云SLB（Server Load Balancer）提供负载均衡。

        统一资源定位符URL（Uniform Resource Locator）指向资源。

        SQL连接包括内连接、外连接和等值连接。

        API网关负责认证、限流、日志、监控等。

        工具有Docker、Kubernetes、Helm、时间等。
        """, "drf.md": """
        # DRF框架

        基于 Django 的 REST 框架。
        """, "web.md": """
        # Web

        - 请看 [[DRF]]
        """})
    ecs, slb = r.concept_by_label("ECS"), r.concept_by_label("SLB")
    assert ecs is not None and slb is not None and ecs is not slb
    assert r.concept_by_label("阿里云") is None or r.concept_by_label("阿里云") is not ecs
    assert r.concept_by_label("统一资源定位符") is r.concept_by_label("URL") is not None
    assert r.concept_by_label("等值连接") is not None
    assert r.concept_by_label("API网关负责认证") is None and r.concept_by_label("时间") is None
    assert r.concept_by_label("DRF") is r.concept_by_label("DRF框架") is not None


def test_names_after_a_plural_kind_and_like(notes):
    """`calendars like Google Calendar`: Title Case names after a plural and `like` are
    instances (the kind itself unnamed); `looks like`, `I like` and lower-case words are not."""
    r = notes({"pod.md": """
        # Calendar Pod

        Support integrating calendars like Google Calendar with the app.

        It looks like Apple Notes. We use tools like docker.
        """})
    assert r.concept_by_label("Google Calendar") is not None
    assert r.concept_by_label("Apple Notes") is None and r.concept_by_label("docker") is None
    assert r.concept_by_label("calendars") is None


def test_an_enumeration_counted_at_its_end_and_a_subject_cut_in_a_verb(notes):
    """`分为A和B两种`: the count closes the list; `X具有A、B` / `库文件可分为…`: a run cut in a
    one-character verb (具, 可) is no subject."""
    r = notes({"n.md": """
        # 网络

        常用的电平有功率电平和电压电平两类。

        库文件可分为静态库和动态库两种。

        虚拟化具有隔离性和可移植性。
        """})
    for label in ("电压电平", "功率电平", "静态库", "动态库"):
        assert r.concept_by_label(label) is not None, label
    assert r.concept_by_label("库文件可") is None and r.concept_by_label("虚拟化具") is None


def test_code_and_data_in_chinese_prose_are_no_names_and_chinese_numerals_number(notes):
    r = notes({"n.md": """
        # 笔记

        把图片icon4.jpg放到目录，颜色用FD9426，变量userName保存名字，再用Docker部署。

        ## 五 计算机网络体系结构

        分层的结构。
        """})
    for label in ("icon4.jpg", "FD9426", "userName"):
        assert r.concept_by_label(label) is None, label
    assert r.concept_by_label("计算机网络体系结构") is not None
    assert r.concept_by_label("五 计算机网络体系结构") is None


def test_words_in_capitals_and_when_clauses_are_no_names():
    """`DUPLICATE`, `CURRENT` in English prose are keywords or emphasis, not acronyms (REST
    still is one); a phrase closed by 时 ("when …") is a clause, however often it comes back
    (运行时, a verb and 时, is a term)."""
    from graph.rules.name_runs import english_names
    from graph.rules.repeated import repeated_phrases

    names = {t.names[0] for t in english_names(
        "Use ON DUPLICATE KEY UPDATE with the CURRENT timestamp; a REST API reads it.")}
    assert "REST API" in names or "REST" in names
    assert not names & {"DUPLICATE", "CURRENT", "DUPLICATE KEY UPDATE"}
    phrases = dict(repeated_phrases(["访问临界资源时要加锁。释放临界资源时要通知。"
                                     "占用临界资源时要记录。"]))
    assert "临界资源时" not in phrases


def test_a_list_of_english_terms_each_with_its_chinese_name(notes):
    """`- walkthrough走查: …`, `- software requirement 软件需求: …`: a run of English terms
    each followed by a different Chinese name is a bilingual glossary; one such item among
    others (`Python安装`) or a repeated Chinese word (`Python基础`, `Java基础`) is not."""
    r = notes({"rup.md": """
        # 术语表

        - **walkthrough走查**: 一种非正式的同级评审。
        - **software requirement 软件需求**: 有关系统外部可见行为的规约。
        - **state 状态**: 对象生命周期中的状况。
        - **SQL**: 结构化查询语言
        """, "topics.md": """
        # 学习

        - Python基础: 变量与函数
        - Java基础: 类与对象
        - Rust基础: 所有权
        """})
    assert r.concept_by_label("walkthrough") is r.concept_by_label("走查") is not None
    assert r.concept_by_label("software requirement") is r.concept_by_label("软件需求")
    assert r.concept_by_label("state") is r.concept_by_label("状态") is not None
    assert r.concept_by_label("Python") is None or r.concept_by_label("Python") is not \
        r.concept_by_label("基础")


def test_what_the_review_of_the_second_round_found():
    """Each case went wrong in the first version of this round's second batch of rules
    (review, 2026-12-07)."""
    from graph.rules.enumerations import enumerations, such_as
    from graph.rules.heading import strip_numbering
    from graph.rules.name_runs import english_names, latin_terms

    def named(text):
        return [t.names for t in enumerations(text)]

    # a subject ending in a character jieba tags a verb (锁, 树, 表) is still a name
    assert named("MySQL锁分为共享锁和排他锁。") == [("MySQL锁",)]
    assert named("B树包括B+树和B*树。") in ([("B树",)], [])  # (B+树 is no listable name)
    assert named("虚拟化具有隔离性和可移植性。") == [()]
    assert named("MySQL 8.0版本包括窗口函数和公用表表达式。") != [("0版本",)]
    assert named("设计模式分为创建型和结构型两大类") == [("设计模式",)]
    # a chip is no colour; a colour is where the text speaks of colours
    assert ("AD7606",) in [t.names for t in latin_terms("用AD7606采样，AD7606是16位ADC")]
    assert not latin_terms("颜色用FD9426做背景")
    # keywords in capitals give no fragment; acronyms that are words stay
    names = {t.names[0] for t in english_names(
        "Columns marked NOT NULL must have a value. We follow the SOLID principles.")}
    assert "NULL" not in names and "SOLID" in names
    # one Title Case item after `such as` stays unread; `like` needs a plural kind
    assert not such_as("The team handles tasks such as Data Entry.")
    assert not such_as("I always like Google Calendar")
    assert strip_numbering("六 FTP") == "FTP" and strip_numbering("一致性哈希") == "一致性哈希"


def test_lettered_points_number_headings(notes):
    """`A.分区表`: a capital letter and a dot number a heading (not `c.罗纳尔多` in lower case);
    a question title that is a name stays one (`Will Smith`, `毛呢`); a bracketed
    translation in a question title is another name (`什么是协议(protocol)？`)."""
    r = notes({"mysql.md": """
        # MySQL

        ## A.分区表

        按范围分区。
        """, "smith.md": """
        # Will Smith

        Will Smith is an American actor.
        """, "maoni.md": """
        # 毛呢

        毛呢是一种用羊毛纺织的面料。
        """, "protocol.md": """
        # 什么是协议(protocol)？

        协议是通信双方约定的规则。
        """})
    assert r.concept_by_label("分区表") is not None and r.concept_by_label("A.分区表") is None
    assert r.concept_by_label("Will Smith") is not None and r.concept_by_label("毛呢") is not None
    assert r.concept_by_label("协议") is r.concept_by_label("protocol") is not None


def test_a_question_as_a_title_names_what_it_asks_about_or_nothing(notes):
    r = notes({"a.md": """
        ---
        title: What Is a Second Brain？ - 第二大脑是什么？
        ---

        - PARA: 一种整理方法
        """, "b.md": """
        # 为什么要做笔记

        - 卡片笔记: 一种笔记
        """})
    assert r.concept_by_label("Second Brain") is r.concept_by_label("第二大脑") is not None
    assert r.concept_by_label("为什么要做笔记") is None
    assert r.concept_by_label("卡片笔记") is not None


def test_an_adverb_beside_a_defined_subject_is_no_part_of_it(notes):
    r = notes({"a.md": """
        # 软件

        软件系统通常是由多个组件构成的系统。

        所谓倒序索引是从词到文档的索引。
        """})
    assert r.concept_by_label("软件系统") is not None
    assert r.concept_by_label("软件系统通常") is None and r.concept_by_label("所谓倒序索引") is None


def test_a_name_and_its_english_name_in_other_words(notes):
    """`↔` between two names, a heading's English name on its own line or opening a quote,
    and `X在英文中是 Y` give one concept with both names."""
    r = notes({"a.md": """
        # 算法

        ### 1. (Round Robin)↔轮询

        依次把请求分给每台服务器。

        ## 编程范式

        > Programming paradigm

        编程的风格。

        ## 设计原则

        > Keep It Simple

        ## Service Mesh

        暂无内容

        ## Event Sourcing

        暂无内容

        ## Architectural Patterns

        服务器

        客户端

        事务在英文中是 transaction，它有四个特性。

        ## Zotero Sync

        同步文献库。
        """})
    assert r.concept_by_label("Round Robin") is r.concept_by_label("轮询") is not None
    assert r.concept_by_label("编程范式") is r.concept_by_label("Programming paradigm") is not None
    assert r.concept_by_label("Keep It Simple") is not r.concept_by_label("设计原则")  # a motto
    # a Chinese line under an English heading is no translation: it says something
    assert r.concept_by_label("Service Mesh") is not r.concept_by_label("Event Sourcing")
    # a Chinese line that is not all the section says is no translation of the heading
    assert r.concept_by_label("服务器") is not r.concept_by_label("Architectural Patterns")
    assert r.concept_by_label("事务") is r.concept_by_label("transaction") is not None
    assert r.concept_by_label("同步文献库") is None  # a sentence, however short


def test_names_on_lines_of_their_own_in_a_row_are_terms(notes):
    """Names written one per line without bullets are terms; one such line alone, or lines
    that say or ask something, are not."""
    r = notes({"a.md": """
        # 概率论

        条形图

        扇形图

        贝叶斯方程

        ## 用法

        用法示例

        ```python
        print(1)
        ```

        勤能补拙

        打好基础
        """})
    assert all(r.concept_by_label(x) is not None for x in ("条形图", "扇形图", "贝叶斯方程"))
    assert all(r.concept_by_label(x) is None for x in ("用法示例", "勤能补拙", "打好基础"))


def test_what_the_review_of_this_stops_rules_found(notes):
    """Arrows between a name and a single word convert, not translate; a number glued to a
    heading's name is numbering only where the note numbers its headings so; a pronoun has
    no English name; navigation lines of a post are no terms."""
    r = notes({"a.md": """
        # 笔记

        ## 字符串 ↔ bytes

        转换。

        ## 16进制

        数制。

        ## 8皇后问题

        回溯。

        在 MySQL 中它的英文是 InnoDB。

        上一篇

        下一篇
        """, "b.md": """
        # 汉语

        ## 1汉字理论

        ## 2字法

        ## 3虚词

        虚词没有实在意义。
        """})
    assert r.concept_by_label("bytes") is not r.concept_by_label("字符串")
    assert r.concept_by_label("16进制") is not None and r.concept_by_label("进制") is None
    assert r.concept_by_label("8皇后问题") is not None
    assert r.concept_by_label("它") is None
    assert r.concept_by_label("上一篇") is None and r.concept_by_label("下一篇") is None
    assert r.concept_by_label("虚词") is not None and r.concept_by_label("3虚词") is None


def test_everyday_words_glossed_in_passing_do_not_chain_concepts(notes):
    """`正则变量.test(数据)`, `正则.test(字符串)`: weak pairs join by their first name only, so
    字符串 and 数据 stay two concepts however the text glosses them in passing."""
    r = notes({"a.md": """
        # JS

        - 字符串(String): 文本
        - 数据(data): 信息
        - 状态(status): 情况

        使用: 正则变量.test(数据) -- 验证数据是否合法

        用法：正则.test(字符串) 匹配成功，就返回真
        """})
    a, b, c = (r.concept_by_label(x) for x in ("字符串", "数据", "状态"))
    assert a is not None and b is not None and c is not None
    assert a is not b and b is not c and a is not c


def test_an_everyday_english_word_translating_two_names_joins_neither(notes):
    """`object` is 对象 in one note and 宾语 in another: the English word joins neither to the
    other (it stays a label of each)."""
    r = notes({"a.md": """
        # 面向对象

        - 对象(object): 类的实例
        - 类(class): 对象的模板
        """, "b.md": """
        # 语法

        ## 宾语(object)

        动作的承受者。

        ## 定语 - class

        修饰名词。
        """})
    a, b = r.concept_by_label("对象"), r.concept_by_label("宾语")
    assert a is not None and b is not None and a is not b
    assert r.concept_by_label("类") is not r.concept_by_label("定语")


def test_a_part_of_a_product_is_not_the_product(notes):
    """`Docker容器` is a container and `Redis集群` a cluster, not Docker or Redis: they stay
    apart from the product (while `FastAPI框架` is FastAPI)."""
    r = notes({"a.md": """
        # Docker

        ## Docker容器

        运行中的镜像。

        ## Redis集群

        多个节点。

        ## FastAPI框架

        Web 框架。
        """})
    assert r.concept_by_label("Docker容器") is not r.concept_by_label("Docker")
    assert r.concept_by_label("Redis集群") is not None and r.concept_by_label("Redis") is None
    assert r.concept_by_label("FastAPI框架") is r.concept_by_label("FastAPI") is not None


def test_a_paragraph_that_opens_with_a_bold_name_and_a_colon_is_an_entry(notes):
    """`**跳表**: 一种…` outside a list is a glossary entry like `- **跳表**: …`; a point of the
    text (`**提醒**：`, `**第二步**：`, `**其次**：`) or what something does (`**封装请求参数**：`) is
    not."""
    r = notes({"a.md": """
        # 数据结构笔记

        **跳表**: 一种有序的多层链式结构，查找的平均复杂度是对数级。

        **提醒**：层数过高会浪费内存。

        **第二步**：随机决定新节点的层数。

        **其次**：删除时要更新每一层。

        **封装请求参数**：服务层对外暴露的职责。
        """})
    skip = r.concept_by_label("跳表")
    assert skip is not None and "对数级" in skip.definition
    for point in ("提醒", "第二步", "其次", "封装请求参数"):
        assert r.concept_by_label(point) is None, point


def test_python_special_names_keep_their_underscores(notes):
    """`__enter__` outside code is no bold `enter` (CommonMark reads the underscores so), a
    heading `__len__()` names `__len__`, and neither is the word it spells (`enter`); a
    capitalised word in underscores is bold (`__Widget__`)."""
    r = notes({"a.md": """
        # Python 协议

        ## __len__()

        返回容器的长度。

        - __enter__: 进入上下文时调用
        - __Widget__: the smallest part of a window

        ## enter

        回车键。
        """})
    assert r.concept_by_label("__len__") is not None
    assert r.concept_by_label("__enter__") is not None
    assert r.concept_by_label("__enter__") is not r.concept_by_label("enter")
    labels = {x.text for c in r.concepts.values() for x in c.all_labels()}
    assert "len" not in labels and "__Widget__" not in labels and "Widget" in labels


def test_a_chinese_name_and_its_translation_written_apart_are_one_concept(notes):
    """`## 死锁` and later `## Deadlock` in one note: the dictionary gives deadlock for 死锁.
    Not when the match is ambiguous (僵局 is a deadlock too)."""
    r = notes({"a.md": """
        # 并发

        ## 死锁

        两个线程互相等待对方释放锁。

        ## Deadlock

        Each thread waits for a lock the other holds.
        """, "b.md": """
        # 谈判

        ## 死锁

        互相等待。

        ## 僵局

        谈判无法推进。

        ## Deadlock

        No side can move.
        """})
    a = r.concept_by_label("死锁")
    assert a is not None and "Deadlock" in [x.text for x in a.all_labels()]
    assert r.concept_by_label("僵局") is not a


def test_bold_words_that_qualify_name_nothing(notes):
    """Bold in running text marks stress as often as a term: `**最便宜**`, `**更灵活**`,
    `**轻便耐用**`, `**安装完成之后**` qualify; `**同步阻塞**`, `**直接寻址**`, `**最小生成树**`,
    and after 最 or 再 a noun (`**最左前缀**`, `**再哈希**`) name."""
    r = notes({"a.md": """
        # 选购

        这款**最便宜**，也**更灵活**，而且**轻便耐用**，在**安装完成之后**再配置。

        内核用**同步阻塞**的读法，配合**直接寻址**，算出**最小生成树**。

        索引按**最左前缀**匹配，冲突时用**再哈希**。
        """})
    for qualifier in ("最便宜", "更灵活", "轻便耐用", "安装完成之后"):
        assert r.concept_by_label(qualifier) is None, qualifier
    for name in ("同步阻塞", "直接寻址", "最小生成树", "最左前缀", "再哈希"):
        assert r.concept_by_label(name) is not None, name


def test_a_name_glossed_word_for_word_in_english(notes):
    """`游戏学习 : Learning by playing` (two verbs in Chinese: the English says it is a
    name); a bar between two things (`读|写`) or table cells (`作用 | foo.Bar`) joins none."""
    r = notes({"a.md": """
        # 外语

        游戏学习 : Learning by playing

        - 读|写: 两种访问方式

        作用 | foo.Bar | foo.Baz
        """})
    learning = r.concept_by_label("游戏学习")
    assert learning is not None
    assert "Learning by playing" in [x.text for x in learning.all_labels()]
    for c in r.concepts.values():
        texts = {x.text for x in c.all_labels()}
        assert not {"foo.Bar", "foo.Baz"} <= texts and not {"读", "写"} <= texts


def test_examples_in_parentheses_are_names_not_clauses(notes):
    """`（如磁带、光盘）` lists names; `（如gdb一律单步调试、valgrind）` is a clause."""
    r = notes({"a.md": """
        # 计算机

        存储介质（如磁带、光盘）连接到总线。

        调试工具（如gdb一律单步调试、valgrind）各有用途。
        """})
    assert r.concept_by_label("磁带") is not None
    assert r.concept_by_label("gdb一律单步调试") is None


def test_a_key_to_press_is_no_translation(notes):
    """`Fn-退格` is a key combination and `可视模式（Esc）` gives the key that leaves the mode:
    neither pairs a Chinese name with an English one (such pairs made every key of a
    shortcut list one concept through `Fn` and `Esc`); `删除 - Delete` is a translation."""
    r = notes({"a.md": """
        # 按键

        - **Fn-退格**：向前删除一个字符。
        - **Fn-回车**：换行而不发送。
        - 可视模式（Esc）
            - 按 Esc 回到普通模式

        ## 删除 - Delete

        移除一条记录。
        """})
    for c in r.concepts.values():
        texts = {x.text for x in c.all_labels()}
        assert "Fn" not in texts and not {"可视模式", "Esc"} <= texts, texts
    assert r.concept_by_label("删除") is r.concept_by_label("Delete") is not None


def test_the_notes_subject_before_a_dash_is_a_topic_not_a_translation(notes):
    """`### Caddy - 自动证书` in the note about Caddy names 自动证书 (a part of the subject),
    not Caddy by another name; `### ACME - 自动证书管理环境` still pairs an acronym with its
    name."""
    r = notes({"Caddy入门.md": """
        # Caddy入门

        ### Caddy - 自动证书

        启动时自动申请并续期证书。

        ### ACME - 自动证书管理环境

        签发证书的协议。
        """})
    cert = r.concept_by_label("自动证书")
    assert cert is not None
    assert "Caddy" not in [x.text for x in cert.all_labels()]
    assert r.concept_by_label("ACME") is r.concept_by_label("自动证书管理环境") is not None


def test_a_key_named_in_a_sentence_and_stacked_section_words(notes):
    """`按住cmd点击` names a key, not a term (but `ALT` in capitals may be an acronym);
    `## Caddy使用技巧` is a section about Caddy."""
    r = notes({"a.md": """
        # 编辑器

        按住cmd点击链接会在新标签页打开，ALT 规范另说。

        ## Caddy使用技巧

        自动续期证书。
        """})
    labels = {x.text for c in r.concepts.values() for x in c.all_labels()}
    assert "cmd" not in labels and "ALT" in labels
    assert r.concept_by_label("Caddy使用技巧") is None
    assert r.concept_by_label("Caddy") is not None


def test_a_number_an_item_or_a_bold_point_is_written_with_is_no_part_of_its_name(notes):
    """`- 2.Percona Toolkit`, `**4．绪论**`: the number is the list's; `- 5 Whys` and
    `- 1.5倍速` keep theirs."""
    r = notes({"a.md": """
        # 工具

        - 2.Percona Toolkit
        - 5 Whys
        - 1.5倍速播放

        见**4．绪论**一章。
        """})
    labels = {x.text for c in r.concepts.values() for x in c.all_labels()}
    assert "Percona Toolkit" in labels and "5 Whys" in labels and "1.5倍速播放" in labels
    assert not any(x.startswith(("2.", "4．")) for x in labels)


def test_a_shortcut_is_no_term_and_a_key_named_in_chinese_is_its_other_name(notes):
    """`- **Fn-退格**：…` is a shortcut (no concept), `- **Control-flow**：…` a term; `- 选项-Option`
    a translation; `Esc：退出键` names the key in Chinese (`Ctrl：组合键` does not); in the note
    `Lua入门`, `### Lu - 镥` pairs (Lu is no word of the title)."""
    r = notes({"Lua入门.md": """
        # Lua入门

        - **Fn-退格**：向前删除一个字符。
        - **Control-flow**：the order in which statements run.
        - 选项-Option
        - Esc：退出键
        - Ctrl：组合键

        ### Lu - 镥

        一种稀土元素。
        """})
    labels = {x.text for c in r.concepts.values() for x in c.all_labels()}
    assert not any(x.startswith("Fn") for x in labels)
    assert r.concept_by_label("选项") is r.concept_by_label("Option") is not None
    assert r.concept_by_label("退出键") is r.concept_by_label("Esc") is not None
    assert r.concept_by_label("Control-flow") is not None
    ctrl = r.concept_by_label("Ctrl")
    assert ctrl is None or "组合键" not in [x.text for x in ctrl.all_labels()]
    assert r.concept_by_label("Lu") is r.concept_by_label("镥") is not None


def test_a_reason_a_comparison_and_an_effect_are_no_terms(notes):
    """`- 于是: …` gives a reason, `**更高**` compares, `**导致死循环**` says what happens; a
    section `## Caddy进阶` is about Caddy."""
    r = notes({"a.md": """
        # 网关

        - 于是: 证书要提前续期
        - 自动续期: 到期前自动申请新证书

        要求**更高**，错误的配置会**导致死循环**。

        ## Caddy进阶

        插件与模块。
        """})
    for junk in ("于是", "更高", "导致死循环", "Caddy进阶"):
        assert r.concept_by_label(junk) is None, junk
    assert r.concept_by_label("自动续期") is not None
    assert r.concept_by_label("Caddy") is not None


def test_a_product_in_parentheses_after_its_kind_is_an_example(notes):
    """`打印机（Epson）`: a dictionary word and a product's name that is none of its
    translations is an instance of the kind, not its other name; `打印机(Printer)` is one."""
    r = notes({"a.md": """
        # 办公

        常用的打印机（Epson）速度很快。

        ## 设备

        打印机(Printer)是输出设备。
        """})
    printer = r.concept_by_label("打印机")
    assert printer is not None and "Printer" in [x.text for x in printer.all_labels()]
    assert "Epson" not in [x.text for x in printer.all_labels()]


def test_a_capitalised_word_in_english_prose_pairs_but_an_opening_verb_does_not(notes):
    """`… end in a Deadlock …` names deadlock for 死锁 in the same note; `Summarizes …` opening
    a sentence is a verb, no English name of 归纳."""
    r = notes({"a.md": """
        # 并发与归纳

        ## 死锁

        两个线程互相等待。

        > Two threads may end in a Deadlock when each waits for the other.

        ## 归纳

        从事实得出结论。

        > Summarizes long texts into a few points.
        """})
    lock = r.concept_by_label("死锁")
    assert lock is not None and "Deadlock" in [x.text for x in lock.all_labels()]
    induction = r.concept_by_label("归纳")
    assert induction is not None and "Summarizes" not in [x.text for x in induction.all_labels()]
