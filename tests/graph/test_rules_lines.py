"""Rules of the third quality round, each alone on plain strings or segments."""

from graph.markdown import Segment
from graph.rules.name_runs import _chinese_lines, latin_terms
from graph.rules.prose import prose_terms


def test_latin_runs_only_on_chinese_lines():
    # a quoted English sentence and the writer's translation in one paragraph: the English
    # line is English prose, where every word is Latin and names nothing by that alone
    text = ("The cuDNN library provides highly tuned routines for deep neural networks.\n"
            "cuDNN 是一个用于深度神经网络的 GPU 加速库")
    names = [t.names[0] for t in latin_terms(text)]
    assert "cuDNN" in names and "GPU" in names
    assert not any("provides" in n or "tuned" in n for n in names)
    at = _chinese_lines(text)
    assert not at(4) and at(len(text) - 3)


def test_latin_command_line_under_chinese_explanation_counts():
    text = "如果您修改了某些配置选项，可以使用此命令重新打包镜像\ndocker-compose up --build"
    assert _chinese_lines(text)(len(text) - 3)


def test_soft_break_ends_a_run_of_names():
    segs = [Segment("text", "远程代码重构: refactor"), Segment("break", "\n"),
            Segment("text", "issue trackers 的用法")]
    names = [t.names[0] for t in prose_terms(segs)]
    assert "refactorissue trackers" not in names and "refactor issue trackers" not in names


def test_acronym_and_its_spelling_out_across_a_spaced_dash():
    from graph.rules.heading import heading_terms
    from graph.config import Config
    from graph.rules.term_item import parse_term, split_acronym_pair

    assert split_acronym_pair("PWA - Progressive Web Apps") == ("PWA", "Progressive Web Apps")
    assert split_acronym_pair("RLHF – Reinforcement Learning from Human Feedback") is not None
    assert split_acronym_pair("Kubernetes - K8s") == ("Kubernetes", "K8s")
    # not initials: a name and what it is, or two things
    assert split_acronym_pair("ELK - Elastic Stack") is None
    assert split_acronym_pair("Redis - Remote Cache") is None
    assert split_acronym_pair("PWA-Progressive") is None
    shape = parse_term("PWA - Progressive Web Apps")
    assert shape.names == ["PWA"] and shape.aliases == ["Progressive Web Apps"]
    title = heading_terms("PWA - Progressive Web Apps", Config(), topic=False)
    assert [t.names for t in title] == [["PWA"]]


def test_slash_between_a_name_and_its_translation_is_one_term():
    from graph.rules.term_item import parse_term

    shape = parse_term("entity/实体: 队列，交换机和绑定统称为AMQP实体（AMQP entities）。")
    assert shape.names == ["entity"] and shape.aliases == ["实体"] and not shape.siblings
    # the term has its Chinese name: a Chinese word after the colon is no translation of it
    assert parse_term("entity/实体: 队列").after_colon == []
    # two names of one script, or a name glued to another word: still two terms
    assert parse_term("输入/输出: 数据流").names[0] == "输入/输出"
    assert parse_term("持续集成 CIJenkins / gitlab CI").siblings
    # an expansion after the colon of `X(ACRONYM)` is still another name
    assert parse_term("检索增强生成(RAG): Retrieval Augmented Generation").after_colon == [
        "Retrieval Augmented Generation"]


def test_settings_templates_and_restatements_are_not_names():
    from graph.rules.shapes import is_name, is_task
    from graph.rules.term_item import parse_term

    assert is_task("开启 snap to grid") and is_task("启用自动保存") and not is_task("关闭")
    assert parse_term("开启 snap to grid") is None
    assert not is_name("隐藏xx文件") and not is_name("某某模块")
    assert not is_name("即wikilink的形式")
    assert not is_name("可选 obsidian Dark")
    # words that only begin like these stay names
    assert is_name("XXL-Job") and is_name("即时通讯") and is_name("推荐系统")


def test_such_as_gives_a_kind_and_its_named_instances():
    from graph.rules.enumerations import such_as

    [t] = such_as("tests and deploys the software using various deployment strategies such as "
                  "canary or blue-green releases", ("canary", "blue-green"))
    assert t.names == ("deployment strategies",) and t.examples == ("canary", "blue-green")
    [t] = such_as("Dendron's custom views such as the Tree View, Backlinks Panel, and Calendar "
                  "View show up here.")
    assert t.names == () and t.examples == ("Tree View", "Backlinks Panel", "Calendar View")
    [t] = such_as("a primary component of container orchestrators such as Kubernetes")
    assert t.names == ("container orchestrators",)
    # things, not names: nothing
    assert such_as("everyday tasks such as testing and calculating code quality") == []
    assert such_as("low-level signals such as CPU time, memory, disk space") == []
    assert such_as("容器编排系统 such as Kubernetes") == []


def test_interrogative_pronouns_make_a_question():
    from graph.rules.shapes import is_question

    assert is_question("学会哪些技能") and is_question("去哪里旅游") and is_question("看多少本书")
    assert not is_question("哪吒") and not is_question("几何布朗运动") and not is_question("多少")


def test_ordinal_counters_are_numbering():
    from graph.config import Config
    from graph.rules.heading import heading_terms, strip_numbering

    assert strip_numbering("方式二 miniconda") == "miniconda"
    assert strip_numbering("方法1：使用docker") == "使用docker"
    assert strip_numbering("方法论") == "方法论" and strip_numbering("方案A") == "方案A"
    assert [t.names for t in heading_terms("方式三 pyenv", Config())] == [["pyenv"]]


def test_unparsed_bold_markers_are_not_part_of_names():
    names = [t.names for t in prose_terms([Segment("text", "**请求行为模式：**频率、时间分布、内容特征")])]
    assert names and not any("*" in n for ns in names for n in ns)


def test_a_bilingual_head_splits_before_its_definition_or_parenthesis():
    from graph.rules.term_item import parse_term

    shape = parse_term("意图-intent: 用户想做的事")
    assert shape.names == ["意图"] and shape.aliases == ["intent"]
    assert shape.definition == "用户想做的事"
    shape = parse_term("Vaults - 参考资料（知识库）")
    assert shape.names == ["参考资料"] and "Vaults" in shape.aliases
    shape = parse_term("PWA - Progressive Web Apps: 渐进式网页应用")
    assert shape.names == ["PWA"] and shape.after_colon == ["渐进式网页应用"]


def test_pronoun_led_and_counted_phrases_are_not_names():
    from graph.rules.shapes import is_name

    assert not is_name("其包含的database") and not is_name("这些工具")
    assert not is_name("4个主要文件夹") and not is_name("三种方法")
    for name in ("自我修复", "本地存储", "每日追踪", "一致性哈希", "两阶段提交", "二叉树", "5G网络"):
        assert is_name(name), name


def test_names_marked_as_other_names_in_running_text():
    from graph.rules.other_names import marked_synonyms

    [t] = marked_synonyms("CNAME 即指别名记录，也被称为规范名字。一般用来把域名解析到别的域名上")
    assert t.names == ("CNAME", "别名记录", "规范名字")
    [t] = marked_synonyms("大五人格也被称为五因素模型（FFM）")
    assert t.names == ("大五人格", "五因素模型")
    # a marker with no name after it, or a pronoun before it: nothing
    assert marked_synonyms("这个方法被称为一种很好的做法，因为它简单") == []
    assert marked_synonyms("即使这样也可以") == []


def test_a_marked_acronym_in_a_parenthesis_names_what_is_spelled_out_before_it():
    from graph.rules.parens import paren_terms

    [t] = paren_terms("Reinforcement Learning from Human Feedback（以下简称RLHF）这个概念。")
    assert t.names == ("Reinforcement Learning from Human Feedback", "RLHF")


def test_the_name_before_an_acronym_keeps_its_inner_link_word_and_a_choice_is_two_things():
    from graph.rules.parens import paren_terms

    # 即 inside a run is part of the name ("as a service"); at its start it leads into it
    [t] = paren_terms("函式即服務 (FaaS) 是一種服務")
    assert t.names == ("函式即服務", "FaaS")
    [t] = paren_terms("在標準的基礎設施即服務 (IaaS) 雲端運算模型下")
    assert t.names == ("基礎設施即服務", "IaaS")
    [t] = paren_terms("这就是，即高级消息队列协议（AMQP）")
    assert t.names == ("高级消息队列协议", "AMQP")
    # 或 between two glossed names: two things; 亦称: one thing with four names
    assert [t.names for t in paren_terms("接口（interface）或抽象类（abstract class）")] == [
        ("接口", "interface"), ("抽象类", "abstract class")]
    [t] = paren_terms("发布者（publishers）亦称生产者（producers）")
    assert t.names == ("发布者", "publishers", "生产者", "producers")
    [t] = paren_terms("可以用数据库或缓存（cache）保存")
    assert t.names == ("缓存", "cache")


def test_names_after_a_marker_inside_a_parenthesis_are_other_names_of_the_subject():
    from graph.rules.parens import paren_terms

    # a later item marked 俗称 (quoted or not); the first item shares a word and is in part
    # written in the other script
    [t] = paren_terms("成人注意缺陷多动障碍（成人 ADHD，俗称“成人多动症”）是一种疾病")
    assert t.names == ("成人注意缺陷多动障碍", "成人 ADHD", "成人多动症")
    [t] = paren_terms("数据编织（Data Fabric，又称数据织网）是一种架构")
    assert t.names == ("数据编织", "Data Fabric", "数据织网")
    # a former name is another name without its marker, whatever its shape
    [t] = paren_terms("Babel（原来叫 6to5）是一个编译器")
    assert t.names == ("Babel", "6to5")
    [t] = paren_terms("Jupyter Notebook（原名IPython Notebook）是一个应用")
    assert t.names == ("Jupyter Notebook", "IPython Notebook")
    # 即 explains more often than it names
    assert paren_terms("完整训练一遍（即数据已经迭代一轮）") == []


def test_a_sentence_of_only_an_also_called_marker_gives_the_other_names_of_the_topic():
    from graph.rules.other_names import opening_other_names

    assert opening_other_names("也叫入链。反向链接是一个页面的入口") == ("入链",)
    assert opening_other_names("又称 Foo Bar，简称 FB。后面再说") == ("Foo Bar", "FB")
    assert opening_other_names("通常简称K8s。") == ("K8s",)
    assert opening_other_names("Also known as RLHF. It is …") == ("RLHF",)
    # a subject before the marker, or a clause after the name: not an opening of names
    assert opening_other_names("反向链接也叫入链。") == ()
    assert opening_other_names("也被称为网格，用于连接服务") == ()
    assert opening_other_names("也叫它一声，再说") == ()


def test_a_verb_of_place_or_reference_leads_into_the_name_before_a_parenthesis():
    from graph.rules.parens import paren_terms

    [t] = paren_terms("要么引用位于域名系统 (DNS) 中的外部名称")
    assert t.names == ("域名系统", "DNS")
    [t] = paren_terms("本文是关于消息队列（MQ）选型的整理")
    assert t.names == ("消息队列", "MQ")


def test_a_chinese_name_opened_by_a_brand_keeps_the_brand_words_before_it():
    from graph.rules.parens import paren_terms

    [t] = paren_terms("> NVIDIA CUDA®深度神经网络库（cuDNN）是一个 GPU 加速库")
    assert t.names == ("NVIDIA CUDA®深度神经网络库", "cuDNN")
    [t] = paren_terms("部署 Apache Kafka集群（cluster）")
    assert t.names == ("Apache Kafka集群", "cluster")
    # a lowercase word before it is prose, not a brand
    [t] = paren_terms("we use Kafka集群（cluster）")
    assert t.names == ("Kafka集群", "cluster")


def test_a_slash_between_two_last_words_shares_the_words_before_it():
    from graph.rules.term_item import parse_term, split_aliases

    assert split_aliases("Deep Learning Researcher/Scientist") == [
        "Deep Learning Researcher", "Deep Learning Scientist"]
    shape = parse_term("深度学习研究员（Deep Learning Researcher/Scientist）")
    assert shape.names == ["深度学习研究员"]
    assert shape.aliases == ["Deep Learning Researcher", "Deep Learning Scientist"]
    # short tokens, a slash inside the first word, an acronym: as written
    assert split_aliases("TCP/IP") == ["TCP/IP"]
    assert split_aliases("CI/CD Pipeline") == ["CI/CD Pipeline"]
    assert split_aliases("Data Engineer/DE") == ["Data Engineer/DE"]


def test_a_parenthesis_that_remarks_on_a_name_gives_no_other_name():
    from graph.rules.parens import paren_terms

    assert paren_terms("首选 PostgreSQL 与 SQLAlchemy（对于 Python）；") == []
    assert paren_terms("fix(cli): ajv (a JSON schema validator) no longer prints warnings") == []
    # a name opened by a preposition is still a name
    [t] = paren_terms("RLHF（基于人类反馈的强化学习）是一种方法")
    assert t.names == ("RLHF", "基于人类反馈的强化学习")


def test_chinese_phrases_separated_by_commas_are_an_outline_line():
    from graph.rules.term_item import parse_term

    assert parse_term("策略制定, 录入资料") is None
    assert parse_term("去大自然，发呆，跑步") is None
    # the enumeration comma lists names; Latin names, or a translation, are still terms
    assert parse_term("集合、序列").names == ["集合", "序列"]
    assert parse_term("问答机器人, AI助手").siblings
    assert parse_term("马尔科夫模型, 马尔科夫链(Markov Chain)").aliases == ["Markov Chain"]


def test_a_one_character_verb_and_its_object_is_an_activity():
    from graph.rules.names import good_name
    from graph.rules.shapes import is_verb_phrase

    assert is_verb_phrase("读论文") and is_verb_phrase("写代码") and is_verb_phrase("逛博物馆")
    assert not good_name("读论文")
    for name in ("看板", "去中心化", "跳表", "读写分离", "打分模型"):
        assert not is_verb_phrase(name), name


def test_clause_shaped_chinese_phrases_are_not_names():
    from graph.rules.shapes import is_name

    for text in ("系统必须支持有多入口", "属性或者方法", "社交更多地", "namespace无关",
                 "部署工具:docker、kubernetes", "下载一个桌面版客户端"):
        assert not is_name(text), text
    for text in ("所见即所得", "一致性", "相关性", "心得", "需求分析"):
        assert is_name(text), text


def test_a_short_chinese_description_beside_its_english_name_is_its_other_name():
    from graph.config import Config
    from graph.rules.heading import heading_terms
    from graph.rules.term_item import split_bilingual

    assert split_bilingual("Pillars - 人生的经营领域") == ("人生的经营领域", "Pillars")
    [t] = heading_terms("Pillars - 人生的经营领域", Config())
    assert t.names == ["人生的经营领域"] and t.aliases == ["Pillars"]
    assert split_bilingual("Overview - 这是一个很长的描述的文字") is None


def test_news_section_words_name_the_topic_of_a_changelog_section():
    from graph.config import Config
    from graph.rules.heading import heading_terms

    assert [t.names for t in heading_terms("TIL Highlights", Config())] == [["TIL"]]
    assert [t.names for t in heading_terms("Kubernetes News", Config())] == [["Kubernetes"]]
    # an everyday word before it is no topic: the heading stays as written (weak)
    assert [t.names for t in heading_terms("Security Updates", Config())] == [["Security Updates"]]


def test_a_common_verb_before_a_latin_name_is_an_activity():
    from graph.rules.shapes import is_verb_phrase

    assert is_verb_phrase("熟悉sql/nosql") and is_verb_phrase("掌握Docker")
    assert not is_verb_phrase("Leader选举") and not is_verb_phrase("并发编程")


def test_title_case_product_names_listed_in_chinese_keep_their_spaces():
    from graph.rules.names import title_name, trim_leading
    from graph.rules.enumerations import coordination

    assert title_name("Google Mail") and not title_name("google mail")
    assert trim_leading("多租户软件示例包括 Google Mail") == "Google Mail"
    assert trim_leading("的并发模型") == "并发模型"
    names = [t.names[0] for t in coordination(
        "多租户软件示例包括 Google Mail、Google Docs、Microsoft Office 365、Salesforce CRM 和 Dropbox")]
    assert names == ["Google Mail", "Google Docs", "Microsoft Office 365", "Salesforce CRM",
                     "Dropbox"]


def test_a_predicate_of_relation_after_a_space_still_ends_a_clause():
    from graph.rules.shapes import is_name

    assert not is_name("namespace 无关")


def test_a_year_before_a_slug_is_numbering():
    from graph.rules.heading import strip_numbering

    assert strip_numbering("1974-structured-design") == "structured-design"
    assert strip_numbering("2022-03-01") == "2022-03-01"
    assert strip_numbering("3-tier architecture") == "3-tier architecture"


def test_an_ize_verb_first_makes_a_task():
    from graph.rules.shapes import is_task

    assert is_task("Visualize Links") and is_task("Optimize Images")
    assert not is_task("Enterprise Service") and not is_task("Customize")


def test_a_point_of_view_is_a_section_not_a_concept():
    from graph.config import Config
    from graph.rules.names import is_generic_heading

    assert is_generic_heading("Go角度", Config()) and is_generic_heading("用户视角", Config())
    assert not is_generic_heading("角度", Config())


def test_a_latin_placeholder_is_no_name():
    names = [t.names[0] for t in latin_terms("申请 xxx edu 邮箱，注册 xxx education 账号，使用Docker")]
    assert names == ["Docker"]


def test_a_chinese_name_and_its_english_name_after_a_space_are_one_term():
    from graph.rules.term_item import parse_term

    shape = parse_term("期望膨胀期 peak of inflated expectations")
    assert shape.names == ["期望膨胀期"] and shape.aliases == ["peak of inflated expectations"]
    assert parse_term("复合语句 Compound Statement").aliases == ["Compound Statement"]
    # a verb or a preposition and its English object: no pair
    assert parse_term("学习 machine learning").aliases == []
    assert parse_term("按名称排序 name default").aliases == []


def test_a_compound_closed_by_a_one_character_suffix_is_a_name_not_a_verb_phrase():
    from graph.rules.shapes import is_verb_phrase

    assert not is_verb_phrase("支持向量机") and not is_verb_phrase("学习率")
    assert is_verb_phrase("减少冲突") and is_verb_phrase("熟悉框架") and is_verb_phrase("读论文")


def test_term_list_field_lists_terms():
    from graph.config import Config
    from graph.rules.term_item import term_list_field

    is_list = Config().is_container
    names = [s.names for s in term_list_field("核心概念: DDD, 领域建模, 领域模型", is_list)]
    assert names == [["DDD"], ["领域建模"], ["领域模型"]]
    shapes = term_list_field("相关概念: 云原生(Cloud Native)", is_list)
    assert shapes[0].names == ["云原生"] and shapes[0].aliases == ["Cloud Native"]
    # not a term-list word, a sentence, or tags: nothing
    assert term_list_field("作用: 存储数据, 检索数据", is_list) == []
    assert term_list_field("相关概念: 这是一个很长的句子，说明了很多事情。", is_list) == []
    assert term_list_field("关键词: #算法导论 #Algorithms", is_list) == []


def test_term_list_field_in_an_opening_quote_relates_its_terms():
    from graph.config import Config
    from graph.extract import extract_text

    text = "# 领域驱动设计\n\n> 核心概念: 领域建模, 领域模型\n>\n> 相关概念: Clean 架构\n"
    records = extract_text("ddd.md", text, Config())
    found = {t.names[0].text: t for t in records.terms if t.rule == "term-list-field"}
    assert set(found) == {"领域建模", "领域模型", "Clean 架构"}
    assert all(t.parent == records.title_key for t in found.values())


def test_table_terms_grid_and_glossary():
    from graph.rules.term_item import table_terms

    grid = [["决策树", "心智模型", ""], ["第一性原理", "", ""], ["多维思考", "分层/分组\nlayer/group", ""]]
    got = [s.names + s.aliases for s in table_terms(grid)]
    assert got == [["决策树"], ["心智模型"], ["第一性原理"], ["多维思考"], ["分层", "layer"],
                   ["分组", "group"]]
    glossary = [["英文", "中文", "描述"], ["object", "对象", ""], ["scope", "作用域", "变量可见的范围"]]
    assert [s.names + s.aliases for s in table_terms(glossary)] == [["object", "对象"],
                                                                      ["scope", "作用域"]]
    # a cell that is a sentence names nothing
    cells = [["决策树", "流程图"], ["这是一个说明性的句子，不是名字。", ""]]
    assert [s.names for s in table_terms(cells)] == [["决策树"], ["流程图"]]


def test_table_under_keywords_heading_lists_terms_and_br_is_a_break():
    from graph.config import Config
    from graph.extract import extract_text
    from graph.markdown import parse_blocks

    text = "# 思维模型\n\n## Keywords\n\n| 决策树 | 心智模型 |\n| --- | --- |\n" \
           "| 流程图 | 分层/分组<br />layer/group |\n"
    table = parse_blocks(text)[0].children[0].children[0]
    assert table.kind == "table" and table.rows[1][1].text == "分层/分组\nlayer/group"
    found = [t.names[0].text for t in extract_text("m.md", text, Config()).terms
             if t.rule == "table-term"]
    assert found == ["决策树", "心智模型", "流程图", "分层", "分组"]
    # a table under any other heading stays text
    other = text.replace("## Keywords", "## 对比")
    assert not [t for t in extract_text("m.md", other, Config()).terms if t.rule == "table-term"]


def test_english_sentence_saying_another_name():
    from graph.rules.other_names import marked_synonyms_en

    names = [t.names for t in marked_synonyms_en(
        "You can use a Dendron Seed to ingest data. Data ingestion is also referred to as planting.")]
    assert names == [("Data ingestion", "planting")]
    assert [t.names for t in marked_synonyms_en(
        'Vertical scaling, also known as "scaling up and down", is a technique')] == \
        [("Vertical scaling", "scaling up and down")]
    # a long or determined subject, or a clause after the name: nothing
    assert marked_synonyms_en("Other domain specific constructs are sometimes called charts") == []
    assert marked_synonyms_en("Each activity taken by a service is referred to as an event") == []
    assert marked_synonyms_en("Data from previous interactions is referred to as state since it") == []


def test_role_word_before_a_transliterated_person_name():
    from graph.rules.term_item import parse_term, person_name

    shape = parse_term("作者埃里克·埃文斯（Eric Evans）")
    assert shape.names == ["埃里克·埃文斯"] and shape.aliases == ["Eric Evans"]
    assert person_name("灵奖得主尼古拉斯·沃斯") == "尼古拉斯·沃斯"
    # a name alone keeps all its parts, unknown ones too
    assert person_name("阿尔维德·卡尔森") == "阿尔维德·卡尔森"
    assert person_name("大卫·德赖斯代尔") == "大卫·德赖斯代尔"
    assert person_name("历史学家诺斯古德·帕金森") == "历史学家诺斯古德·帕金森"  # 诺 | 斯古德


def test_list_of_links_to_kinds_of_the_notes_concept():
    from graph.config import Config
    from graph.extract import extract_text
    from graph.rules.links import linked_kinds

    assert linked_kinds(["Vertical Scaling", "Auto Scaling"], ["Horizontal Scaling"]) == \
        ["Vertical Scaling", "Auto Scaling"]
    # a resource title, or a single link: nothing
    assert linked_kinds(["Mastering Markdown", "Markdown Guide"], ["Markdown"]) == []
    assert linked_kinds(["AWS Vault"], ["Vaults"]) == []
    text = ("---\ntitle: Vaults\n---\n\nDendron has two vaults in the registry:\n\n"
            "- [Dendron Vault](https://wiki.dendron.so/)\n- [AWS Vault](https://aws.dendron.so/)\n")
    records = extract_text("vaults.md", text, Config())
    found = [t.names[0].text for t in records.terms if t.rule == "linked-kind"]
    assert found == ["Dendron Vault", "AWS Vault"]


def test_kinds_field_lists_kinds():
    from graph.config import Config
    from graph.extract import extract_text
    from graph.model import BROADER
    from graph.rules.term_item import kinds_field

    assert [s.names for s in kinds_field("服务类型: 应用服务, 领域服务")] == [["应用服务"], ["领域服务"]]
    assert kinds_field("字符串类型: '' > null 优先使用空字符串") == []
    assert kinds_field("作用: 存储, 检索") == []
    text = "# 树\n\n## 节点\n\n节点分类: 根节点, 非叶子节点, 叶子节点\n"
    records = extract_text("tree.md", text, Config())
    found = [t for t in records.terms if t.rule == "kinds-field"]
    assert [t.names[0].text for t in found] == ["根节点", "非叶子节点", "叶子节点"]
    assert all(t.parent_relation == BROADER for t in found)


def test_book_title_names_the_book():
    from graph.config import Config
    from graph.extract import book_title, extract_text

    assert book_title("《程序设计思想与方法》") == "程序设计思想与方法"
    assert book_title("《深入剖析Kubernetes》笔记") == "" and book_title("领域驱动设计") == ""
    title = extract_text("ddd.md", "# 《领域驱动设计》\n\n序言\n", Config()).terms[0]
    assert title.names[0].text == "领域驱动设计"
    assert "《领域驱动设计》" in [x.text for x in (*title.names, *title.synonyms)]


def test_a_quoted_chinese_term_in_a_sentence_is_a_term():
    from graph.rules.quotes import quoted_terms

    def found(text):
        return [(t.names[0], t.confidence) for t in quoted_terms(text)]

    assert found("过度使用回调可能导致所谓的“回调地狱”，难以理解和维护。") == [("回调地狱", 0.8)]
    assert found("Kubernetes 通过「容器运行时」来运行容器") == [("容器运行时", 0.5)]
    assert found("“领域”这个概念大家都很熟悉") == [("领域", 0.8)]   # everyday, but named a term
    # a figure of speech, a list of quoted values, a quoted action, a quotation
    assert found("负载均衡器是路由流量的“交通警察”。") == []
    assert found("从需求中提取主要对象，例如“用户”、“订单”、“产品”。") == []
    assert found("透过自动化“软件交付”的流程") == []
    assert found("他说：“我们明天再谈。”") == []
    # one word in quotes is weak evidence alone
    assert found("大模型易出现严重的“幻觉”") == [("幻觉", 0.35)]


def test_an_english_compound_the_note_keeps_writing_is_a_term():
    from graph.config import Config
    from graph.extract import extract_text
    from graph.rules.repeated import repeated_english

    texts = ["Use remote vaults to keep vaults in separate repositories.",
             "A remote vault is cloned when you open the workspace.",
             "You can convert a local folder into one of the remote vaults.",
             "Remote vaults can be private. Create software with it; create software again; "
             "create software once more."]
    # plural and singular counted together; a verb and its object is no noun phrase
    assert repeated_english(texts) == [("remote vaults", 4)]
    # mostly part of a longer name: not a term of its own (C-value)
    assert repeated_english(["Dendron Custom View Container",
                             "Dendron has a custom view container and custom views."]) == []
    text = ("# Sidecar\n\nThe sidecar runs beside the main container.\n\n"
            "It shares storage with the main container.\n\n"
            "It frees the main container from logging.\n")
    records = extract_text("sidecar.md", text, Config())
    found = [(t.names[0].text, t.confidence) for t in records.terms
             if t.rule == "repeated-phrase"]
    assert found == [("main container", 0.5)]


def test_english_words_that_introduce_a_term_name_it():
    from graph.markdown import Segment
    from graph.rules.introduced import introduced_en

    def found(text):
        return [t.names[0] for t in introduced_en(text)]

    assert found("The Sidecar Container is an implementation of the sidecar pattern.") \
        == ["sidecar pattern"]
    assert found("It enforces the principle of separation of concerns and provides more.") \
        == ["separation of concerns"]
    assert found("Django also applies a technique known as salting.") == ["salting"]
    assert found("This is called a labelled wikilink: it has a title.") == ["labelled wikilink"]
    # an activity, an everyday word, a clause, a short abbreviation
    assert found("Shift Left is the practice of implementing tests early.") == []
    assert found("A cluster is a group of computers called nodes.") == []
    assert found("I'm Derek, also known as ScriptAutomate here in Discord.") == ["ScriptAutomate"]
    assert found("the hacker formerly known as Mr. Anderson") == []
    names = [t.names for t in prose_terms([Segment("text", "Containers follow the principle "
                                                           "of immutability.")])]
    assert ("immutability",) in names


def test_a_code_span_named_as_a_command_or_setting_is_a_term():
    from graph.markdown import Segment
    from graph.rules.emphasis import code_names

    def found(*parts):
        segments = [Segment("code" if p.startswith("`") else "text", p.strip("`"))
                    for p in parts]
        return [t.names[0] for t in code_names(segments)]

    assert found("This can be done with the ", "`Move Note`", " command.") == ["Move Note"]
    assert found("We added ", "`duplicateNoteBehavior`", " config to dendron.yml") \
        == ["duplicateNoteBehavior"]
    assert found("Run ", "`> Paste Image`", " command") == ["Paste Image"]
    # not named as anything, an everyday word, a shell line, a key and its value
    assert found("Set ", "`lookupConfirmVaultOnCreate`", " to true") == []
    assert found("the ", "`version`", " field") == []
    assert found("the ", "`git commit -m msg`", " command") == []
    assert found("set ", "`parent: root`", " property") == []


def test_a_chinese_so_called_name_that_the_sentence_explains_is_a_term():
    from graph.rules.introduced import so_called_zh

    def found(text):
        return [t.names[0] for t in so_called_zh(text)]

    assert found("所谓数据规模，一般指输入的数据量。") == ["数据规模"]
    assert found("所谓的线性化就是将多重继承的结构变成一个列表") == ["线性化"]
    assert found("什么叫做野生规范？即这些规范是社区自己草拟的规则。") == ["野生规范"]
    assert found("所谓生产力专家，不太值得学习。") == []   # scorn, not a definition
    assert found("所谓的真理，也不要轻易相信") == []
    names = [t.names for t in prose_terms([Segment("text", "所谓传播事件，是指由一个挂载点传到另一个。")])]
    assert ("传播事件",) in names


def test_a_numbered_point_is_named_after_its_colon():
    """Failed before: `建议1`, `Tip 3` were the concepts of `- 建议1：番茄工作法` and `- Tip 3:
    Rubber Duck Debugging`; the label numbers the point, the name follows the colon (and a
    sentence there is a point made, no name)."""
    from tests.conftest import names_of

    names = names_of("# 效率\n\n- 建议1：番茄工作法\n\t- 25 分钟专注，5 分钟休息。\n"
                     "- 建议2：先做最重要的事，再处理杂事\n"
                     "- Tip 3: Rubber Duck Debugging\n\t- Explain the code line by line.\n")
    assert {"番茄工作法", "Rubber Duck Debugging"} <= names, names
    assert not names & {"建议1", "建议2", "Tip 3"}, names


def test_a_numbered_point_keeps_its_definition_and_every_label_word_numbers():
    """Review (failed before): `原则1：里氏替换原则：…` gave nothing (a definition after the
    name), `选项1` and `## 建议二` were concepts (two lists of label words that differed)."""
    from tests.conftest import names_of

    names = names_of("# 设计\n\n- 原则1：里氏替换原则：子类可以替换父类\n"
                     "- 选项1：Pulsar\n\n## 建议二\n\n先写测试。\n")
    assert {"里氏替换原则", "Pulsar"} <= names, names
    assert not names & {"原则1", "选项1", "建议二"}, names
