"""Section headings that name no concept (graph/rules/names.py `is_generic_heading`)."""

from tests.conftest import names_of


def test_more_of_what_the_note_covers_is_a_section():
    """Failed before: `Other Editor Plugins` was a concept."""
    names = names_of("# Editors\n\n## Other Editor Plugins\n\n"
                     "There are many plugins for the editor that help with writing.\n\n"
                     "## 其他并发模型\n\n协程和Actor也可以用来写并发程序。\n\n"
                     "## 更多缓存策略\n\n写回和写穿之外还有别的做法。\n\n"
                     "## Otherside\n\nOtherside is a game studio.\n")
    assert not names & {"Other Editor Plugins", "其他并发模型", "更多缓存策略"}
    assert "Otherside" in names


def test_a_part_of_a_series_is_about_its_topic():
    """Failed before: `坐骑篇` and `Pulumi篇` were concepts; a 篇 heading is the part (chapter) of
    a guide about what precedes it, and a part about an everyday word is a section."""
    names = names_of("# 攻略\n\n### 坐骑篇\n\n坐骑可以提升移动速度。\n\n"
                     "### Pulumi篇\n\nPulumi是基础设施即代码工具。\n\n"
                     "### 入门篇\n\n先完成新手任务。\n")
    assert {"坐骑", "Pulumi"} <= names
    assert not names & {"坐骑篇", "Pulumi篇", "入门篇", "入门"}


def test_section_words_alone_and_references_are_sections():
    """Failed before: `概览`, `详解`, `新特性`, `参考项目`, `参考代码` were concepts (the words
    that end a section heading about something, `微服务概述`, written alone; what to read)."""
    names = names_of("# 消息队列\n\n## 概览\n\n生产者把消息写入队列。\n\n## 详解\n\n消费者按顺序读取。\n\n"
                     "## 新特性\n\n支持延迟消息。\n\n## 参考项目\n\n- [mq-demo](https://example.org)\n\n"
                     "## 参考代码\n\n- [mq-client](https://example.org)\n\n## 死信队列\n\n处理失败的消息进入死信队列。\n")
    assert "死信队列" in names
    assert not names & {"概览", "详解", "新特性", "参考项目", "参考代码"}


def test_admonitions_and_guides_are_sections():
    """Failed before: `TIP`, `Hint`, `官网`, `Cheatsheet` and `Docs` were concepts."""
    names = names_of("# Folding\n\n- TIP: fold a block with the gutter arrow\n"
                     "- Hint: folds are kept per note\n- Foldmark: the marker a fold leaves\n\n"
                     "## 官网\n\n- [home](https://example.org)\n\n## Cheatsheet\n\n| key | what |\n"
                     "|---|---|\n| za | toggle |\n\n## Docs\n\nThe manual explains folding in depth.\n")
    assert "Foldmark" in names
    assert not names & {"TIP", "Hint", "官网", "Cheatsheet", "Docs"}


def test_parts_of_a_document_are_sections():
    """Failed before: `写在前面`, `致谢`, `Conclusion`, `Checklist` and `Prerequisites` were
    concepts."""
    names = names_of("# 布隆过滤器\n\n## 写在前面\n\n这篇笔记整理了常见用法。\n\n"
                     "## 计数布隆过滤器\n\n每个位换成计数器，可以删除元素。\n\n"
                     "## Conclusion\n\nUse it when false positives are acceptable.\n\n"
                     "## 致谢\n\n感谢读者。\n\n## Checklist\n\n- [ ] size the filter\n\n"
                     "## Prerequisites\n\n会用哈希函数。\n")
    assert "计数布隆过滤器" in names
    assert not names & {"写在前面", "致谢", "Conclusion", "Checklist", "Prerequisites"}


def test_plans_and_implementations_of_everyday_things_are_sections():
    """Failed before: `技术方案`, `代码实现` and `项目需求` were concepts; a word of its own
    that ends the same way (`自我实现`) is not taken apart."""
    names = names_of("# 爬虫\n\n## 技术方案\n\n用队列分发任务。\n\n## 代码实现\n\n见仓库。\n\n"
                     "## 项目需求\n\n每天抓取一次。\n\n## 自我实现\n\n马斯洛需求层次的顶层。\n")
    assert "自我实现" in names
    assert not names & {"技术方案", "代码实现", "项目需求"}


def test_words_that_look_like_sections_stay_names():
    """The review of the rules above: a word of its own that a section rule would take apart
    (参考系, 诗篇), a one-word 记录 (会议记录 stays a section, as before), and a long heading with a
    section suffix (an overflow in the word frequency of 320 words lost the whole note)."""
    names = names_of("# 物理\n\n## 参考系\n\n描述运动的坐标。\n\n## 诗篇\n\n诗歌集。\n\n"
                     "## 会议记录\n\n记下。\n\n## Primer\n\nA design system.\n\n"
                     "## " + "项目" * 320 + "篇\n\n内容。\n\n## 惯性系\n\n牛顿定律成立的参考系。\n")
    assert {"参考系", "诗篇", "Primer", "惯性系"} <= names
    assert "会议记录" not in names


def test_senses_groupings_and_when_questions_are_sections():
    """Failed before: 广义, 按部署方式 and 索引何时失效 were concepts."""
    names = names_of("# 中间件\n\n## 广义\n\n位于应用和系统之间的软件。\n\n"
                     "## 按部署方式\n\n- 嵌入式\n- 独立部署\n\n"
                     "## 索引何时失效\n\n在列上做运算时。\n\n## 按需加载\n\n用到时才读进内存。\n")
    assert not names & {"广义", "按部署方式", "索引何时失效"}
    assert "按需加载" in names


def test_a_number_glued_to_a_chinese_heading_is_numbering():
    """Failed before: `快速开始2` was a concept (快速开始 is a section word)."""
    names = names_of("# 框架\n\n## 快速开始2\n\n再装一次。\n\n## 中间件3\n\n拦截请求的组件。\n")
    assert "快速开始2" not in names and "快速开始" not in names
    assert "中间件" in names


def test_a_verb_made_a_kind_by_its_suffix_opens_a_name():
    """Failed before: 操作型数据库 and 计算型实例 read as a verb and its object (操作 / 型 …)."""
    names = names_of("# 数据库\n\n**操作型数据库**处理日常事务, 而**计算型实例**适合批量分析任务.\n")
    assert {"操作型数据库", "计算型实例"} <= names


def test_review_on_demand_and_anytime_and_a_remark_in_parentheses():
    """The review of the rules above: 按需实例 is a name (按需, on demand, read as 按 / 需), 任何时候
    holds 何时 but asks nothing, and a remark in parentheses is no translation."""
    names = names_of("# 云\n\n## 按需实例\n\n按小时计费的实例。\n\n## 任何时候可用的快照\n\n备份。\n\n"
                     "## Nomad (Video Tutorial)\n\nNomad schedules workloads.\n")
    assert {"按需实例", "Nomad"} <= names


def test_an_example_heading_is_a_section():
    """Failed before: `Example Settings File` and `Sample Project` were concepts."""
    names = names_of("# Linter\n\n## Example Settings File\n\n```\nrules: {}\n```\n\n"
                     "## Sample Project\n\nA repository to copy.\n\n## Rule Severity\n\n"
                     "How loud a rule is.\n")
    assert not names & {"Example Settings File", "Sample Project"}
    assert "Rule Severity" in names


def test_a_letter_past_h_numbers_an_outline_too():
    """Failed before: `J.全文索引` kept its letter (A–H only were read as lettering)."""
    names = names_of("# MySQL\n\n### I.字符集\n\n编码。\n\n### J.全文索引\n\n按词查找的索引。\n")
    assert "全文索引" in names and "J.全文索引" not in names


def test_the_effect_and_thoughts_of_an_everyday_word_are_sections():
    """Failed before: 总体效果 and 个人思考 were concepts."""
    names = names_of("# 阅读器\n\n## 总体效果\n\n排版干净。\n\n## 个人思考\n\n还要再用用。\n")
    assert not names & {"总体效果", "个人思考"}


def test_a_number_alone_and_the_fields_of_a_list_are_no_concepts():
    """Failed before: `方法一`, `提示`, `危害`, `附注`, `别称`, `Synopsis` were concepts (a
    heading that is a number only; the field words of a list of remarks; a note's remarks and
    a man page's section). A field word with a translation that is a name still names its
    thing (`方案(Strangler Fig)`)."""
    names = names_of("# 合并冲突\n\n- **提示**：多人协同开发时，避免不了会出现代码冲突的情况\n"
                     "- **危害**：会影响正常的开发进度\n\n"
                     "#### 方法一\n\n先把提交挪到最新的主线上。\n\n"
                     "## 附注\n\n冷启动会改写提交历史。\n\n## Synopsis\n\ngit merge [-i] [upstream]\n\n"
                     "## 冷启动\n\n- 别称: 衍合, 重放\n- 方案(Strangler Fig): 逐步替换旧系统的做法\n")
    assert not names & {"提示", "危害", "方法一", "附注", "别称", "Synopsis"}, names
    assert {"合并冲突", "冷启动", "Strangler Fig"} <= names, names


def test_a_section_word_with_an_example_is_no_kind():
    """Review (failed before): `- 方案(Pulsar): …` made 方案 a concept (the kind of its
    example), and so every note's `方案(…)` one concept."""
    names = names_of("# 限流削峰\n\n- 方案(Pulsar): 用消息队列削峰\n")
    assert "方案" not in names and "Pulsar" in names, names


def test_a_list_item_of_other_names_names_its_section():
    """Review (failed before): `- 别称: 衍合, 重放` under `## 冷启动` lost both names (a remark);
    written as a paragraph they were the section's other names already."""
    from graph.config import Config
    from graph.extract import extract_text

    rec = extract_text("n.md", "# 部署\n\n## 冷启动\n\n- 别称: 衍合, 重放\n", Config())
    pairs = {(t.names[0].text, s.text) for t in rec.terms for s in t.synonyms}
    assert {("冷启动", "衍合"), ("冷启动", "重放")} <= pairs, pairs
