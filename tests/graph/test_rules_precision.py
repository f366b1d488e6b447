"""Rules that keep junk out (precision round): each alone on plain strings or one small note."""

from graph.config import Config
from graph.extract import extract_text


def names_of(text: str) -> set[str]:
    out = extract_text("n.md", text, Config())
    return {label.text for t in out.terms if t.confidence > 0 for label in t.names}


def test_a_subject_that_names_an_aspect_defines_no_term():
    from graph.rules.definitions import aspect_subject, defined_term

    assert aspect_subject("大模型本质") and aspect_subject("消息队列的本质功能")
    assert aspect_subject("基本含义")
    assert not aspect_subject("功能测试") and not aspect_subject("核心")
    assert defined_term("大模型本质是概率模型，易出现严重的幻觉") is None
    assert defined_term("过滤器的本质是函数。") is None
    assert defined_term("持续集成是一种软件开发实践。").names == ("持续集成",)


def test_a_restating_word_after_a_space_leaves_the_subject():
    from graph.rules.definitions import defined_term

    assert defined_term("CNAME 即指别名记录，也被称为规范名字。").names[0] == "CNAME"


def test_an_example_marker_heading_an_item_is_no_term():
    from graph.rules.shapes import is_example_marker

    assert is_example_marker("eg") and is_example_marker("E.g.") and is_example_marker("例如")
    assert not is_example_marker("Example") and not is_example_marker("EGL")
    names = names_of("# 技术成熟度曲线\n\n- 萌芽期\n\t- eg：当前 元宇宙？\n")
    assert "eg" not in names


def test_a_dated_remark_is_no_name():
    from graph.rules.shapes import is_name

    assert not is_name("当前 区块链") and not is_name("14 年左右 VR/AR")
    assert not is_name("2015年 大数据")
    assert is_name("区块链") and is_name("当前页") and is_name("2015年")
    names = names_of("# 曲线\n\n- 泡沫期\n\t- 当前 区块链\n\t- 14 年左右 VR/AR\n\t- 元宇宙\n")
    assert not names & {"当前 区块链", "14 年左右 VR/AR"}


def test_items_under_a_section_of_uses_are_claims_not_terms():
    from graph.rules.heading import heading_terms, section_of_claims

    assert section_of_claims("用途示例") and section_of_claims("用途") and section_of_claims("作用特点")
    assert not section_of_claims("微服务示例") and not section_of_claims("用途广泛的工具")
    assert heading_terms("用途示例", Config()) == []
    names = names_of("# LLM\n\n## 技巧\n\n- 结构化提示\n\n### 用途示例\n\n- 阅读\n- 翻译\n"
                     "  - 语句润色\n- 延迟更新\n- 错误提示\n- 读论文\n- 场景模拟\n")
    assert not names & {"用途", "延迟更新", "错误提示", "场景模拟"}


def test_news_about_an_everyday_matter_is_a_section():
    from graph.rules.heading import heading_terms, news_of_everyday

    assert news_of_everyday("Event Reminders") and news_of_everyday("Community Highlights")
    assert not news_of_everyday("Starboard Highlights") and not news_of_everyday("Reminders")
    assert heading_terms("Event Reminders", Config())[0].weak
    assert "Event Reminders" not in names_of("# Changelog\n\n### Event Reminders\n\n"
                                             "- Greenhouse Talk on Friday\n")
    assert heading_terms("Starboard Highlights", Config())[0].names == ["Starboard"]


def test_code_in_a_glossary_entry_definition_names_no_term():
    names = names_of("# DDD\n\n- **面向用例**：Service 层以用例为导向。例如，`CreateOrderService`、"
                     "`UserRegistrationService`等。\n- **HTTP 方法**：比如 `GET`, `POST`\n")
    assert not names & {"CreateOrderService", "UserRegistrationService"}


def test_a_command_and_what_it_does_is_no_term():
    names = names_of("# 技巧\n\n- `explain ...`: 解释代码\n- `generate comment`: 生成注释\n"
                     "- 结构化提示\n- 思维链(Chain-of-Thought)\n")
    assert not names & {"explain", "解释代码", "generate comment", "生成注释"}
    assert "思维链" in names


def test_a_section_word_spelled_with_a_hyphen_is_still_a_section():
    from graph.rules.heading import heading_terms

    assert Config().is_generic("Pre-requisites") and Config().is_generic("Set-up")
    assert heading_terms("Pre-requisites", Config()) == []
    assert not Config().is_generic("Pre-training")


def test_a_bold_term_after_a_tagline_is_the_entry():
    names = names_of("# 笔记系统\n\n - 趁手 -**学习技能笔记**: 技能调用, 模块化.\n"
                     " - 快速入门**研究探索笔记**: 建立理解性框架\n"
                     " - 程序-**program**: 计算机指令\n")
    assert {"学习技能笔记", "研究探索笔记", "程序"} <= names
    assert not names & {"趁手 -学习技能笔记", "快速入门研究探索笔记"}


def test_a_placeholder_word_is_no_name():
    from graph.rules.name_runs import english_names
    from graph.rules.shapes import is_name, is_placeholder

    assert is_placeholder("TBD") and is_placeholder("n/a") and not is_placeholder("TBB")
    assert not is_name("TBD")
    assert [t.names[0] for t in english_names("Subject: TBD. Description: TBD.")] == []


def test_a_link_beside_nothing_but_a_bare_url_is_a_resource():
    from graph.markdown import Segment
    from graph.rules.emphasis import link_terms

    def names(before, after):
        segs = [Segment("text", before), Segment("link", "Foo_examples", "https://foo.io/x/"),
                Segment("text", after)]
        return [t.names[0] for t in link_terms(segs)]

    assert names("[", "](https://foo.io/x/)") == []
    assert names("使用 ", " 部署 https://foo.io") == ["Foo_examples"]
    names_ = names_of("# Foo\n\n## Links\n\n- [[Foo_examples](https://foo.io/x/)](https://foo.io/x/)\n")
    assert "Foo_examples" not in names_


def test_the_one_line_under_a_web_address_is_its_caption():
    names = names_of("# 插件\n\n## 效率\n\n- FooManager\n- https://github.com/x/foo-aligner\n"
                     "  - 节点对齐\n- https://github.com/x/foo-ui\n  - 界面美化\n")
    assert not names & {"节点对齐", "界面美化"}
    # under a link to a note, the line may be another name of the note's concept
    names = names_of("# 笔记软件\n\n可划分为2类：\n\n- [[notion-like笔记软件]]\n  - 模块化笔记\n"
                     "- [[roam-like笔记软件]]\n  - 双链笔记\n")
    assert "模块化笔记" in names


def test_a_tagline_set_off_by_a_dash_before_a_bold_name_is_no_term():
    names = names_of("# 笔记\n\n## 笔记在解决什么问题?\n\n - 趁手 -**学习技能笔记**: 技能调用, 模块化.\n"
                     " - 抬头看路 -**人间观察笔记**\n")
    assert "人间观察笔记" in names and "抬头看路" not in names


def test_a_section_that_only_points_at_another_note_names_nothing():
    names = names_of("# 配置\n\n## 外观\n\n- 主题\n\n## 热键设置\n\n- 见[[本库常用的热键及作用]]\n")
    assert "热键设置" not in names
    names = names_of("# 配置\n\n## 热键设置\n\n- 见下文[[热键表]]的说明\n")
    assert "热键设置" in names


def test_a_link_to_news_of_an_everyday_matter_names_nothing():
    names = names_of("# Release\n\n- **Hangout:** These appear in the [[Event Reminders|"
                     "changelog.release.2022#event-reminders]] section each week.\n"
                     "- See the [[Starboard Highlights|community.starboard]] and "
                     "[[Greenhouse Talk|community.events.greenhouse]].\n")
    assert "Event Reminders" not in names and "Greenhouse Talk" in names


def test_a_heading_of_a_modifier_and_one_word_is_an_aspect_of_the_topic():
    from graph.rules.heading import aspect_of_topic

    assert aspect_of_topic("常用函数") and aspect_of_topic("基础语法")
    assert not aspect_of_topic("基础设施") and not aspect_of_topic("推荐系统")
    names = names_of("# 消息队列\n\n## 基础语法\n\n- broker: 代理者\n- queue: 队列\n\n"
                     "## 基础模型架构\n\n数据中心的机房。\n")
    assert "基础语法" not in names and "基础模型架构" in names
    # defined below, it is a concept
    assert "基础语法" in names_of("# 语言\n\n## 基础语法\n\n基础语法是一门语言最小的规则集合。\n")


def test_a_task_done_on_a_named_system_is_no_term():
    from graph.rules.shapes import is_task

    assert is_task("ubuntu22安装python3.11") and is_task("windows安装ssh服务器")
    assert not is_task("deb 安装包") and not is_task("subsystem 配置参数")
    names = names_of("# Linux\n\n## ubuntu22安装python3.11\n\n```\napt install python3.11\n```\n"
                     "\n## deb 安装包\n\ndeb 安装包是 Debian 的软件包格式。\n")
    assert "ubuntu22安装python3.11" not in names and "deb 安装包" in names


def test_a_subject_described_with_de_or_run_on_from_a_clause_defines_no_term():
    from graph.rules.definitions import defined_term

    assert defined_term("常见的工作模式是 ORM: 对象关系映射库.") is None
    assert defined_term("发布新的软件版本是一个劳动密集且容易出错的过程。") is None
    assert defined_term("每时每刻都在诞生和殒灭. 想要都捉住是不可能的.") is None
    assert defined_term("持续集成（CI）是在源代码变更后自动构建和测试的过程。").names[0] == "持续集成"


def test_a_section_of_an_everyday_word_and_a_section_word_is_no_term():
    names = names_of("# 工具\n\n## 开发记录\n\n今天修了两个问题。\n\n## 项目简介\n\n一个小工具。\n\n"
                     "## 文献笔记\n\n文献笔记是读书时记下的一种笔记。\n")
    assert "开发记录" not in names and "项目简介" not in names
    assert "文献笔记" in names  # 笔记 makes a kind of note of 文献


def test_an_english_heading_opened_by_the_ing_form_of_a_task_verb_is_a_task():
    from graph.rules.shapes import is_task

    assert is_task("Enabling Sync") and is_task("Configuring Hooks")
    assert not is_task("Rolling Update") and not is_task("Streaming Data")
    assert not is_task("Meeting Templates")  # a meeting is a thing


def test_a_key_or_signature_in_a_table_gives_no_names():
    names = names_of("# 支付\n\n| 参数 | 示例值 |\n| --- | --- |\n"
                     "| sign | DZXh8eeTuAHoYE3w1J+POiPhfDxOYBfU<br />iufUb5I0/V5WENS3OYR8zRed |\n"
                     "| 接口 | 使用Node.js调用 |\n")
    assert not any("DZXh" in n or "POiPh" in n or "iufUb" in n for n in names)
    assert "Node.js" in names


def test_a_latin_name_is_not_read_from_the_head_of_a_longer_identifier():
    names = names_of("# 支付\n\n返回码 ACQ.TRADE_HAS_SUCCESS 表示成功，向归属代理注册COA.移动IP采用间接路由。\n")
    assert "ACQ" not in names and "COA" in names


def test_a_field_counting_its_items_names_each_when_the_count_is_right():
    names = names_of("# 进程\n\n1. 三种状态：就绪状态，运行状态，和阻塞状态。\n2. 两个步骤：打开，关闭。\n")
    assert {"就绪状态", "运行状态", "阻塞状态"} <= names
    assert "打开" not in names and "两个步骤" not in names
    assert not names_of("# 进程\n\n四种状态：就绪状态，运行状态，和阻塞状态。\n") & {"就绪状态"}


def test_an_adverb_between_a_subject_and_its_list_marker_is_no_part_of_the_subject():
    from graph.rules.enumerations import enumerations

    found = enumerations("基站与手机之间的通信 通过信道实现 而信道又分为 上行信道和下行信道")
    assert [(t.names, t.examples) for t in found] == [(("信道",), ("上行信道", "下行信道"))]


def test_an_english_heading_that_tells_what_to_do_with_something_is_a_task():
    from graph.rules.shapes import is_task

    assert is_task("Archive a Page") and is_task("Exporting the Site")
    assert is_task("Copying Files Between Servers")
    assert not is_task("Rolling Update") and not is_task("Stream Processing")
    names = names_of("# Site\n\n## Archive a Page\n\nClick archive.\n\n## Rolling Update\n\n"
                     "A rolling update is a deployment strategy that replaces instances one by one.\n")
    assert "Archive a Page" not in names and "Rolling Update" in names


def test_a_name_of_a_term_field_on_the_head_word_of_its_section_is_a_kind_of_it():
    from graph.model import BROADER, MENTION

    out = extract_text("n.md", "# 存储\n\n## 分析型数据库\n\n- **概念**：列式存储、内存数据库。\n",
                       Config())
    name = {t.key: t.names[0].text for t in out.terms}
    rel = {t.names[0].text: (t.parent_relation, name.get(t.parent)) for t in out.terms}
    assert rel["内存数据库"] == (BROADER, "分析型数据库")
    assert rel["列式存储"] == (MENTION, "分析型数据库")


def test_a_lower_case_identifier_of_common_words_is_a_name_at_once_a_file_name_is_not():
    from graph.rules.name_runs import latin_terms

    found = {t.names[0]: t.confidence for t in latin_terms("插件有axios-retry，数组用numpy.array创建，样式在publish.css里")}
    assert found["axios-retry"] == found["numpy.array"] == 0.5
    assert found.get("publish.css", 0) < 0.5


def test_a_capitalised_common_word_in_a_stack_of_products_is_a_name():
    from graph.rules.name_runs import latin_terms

    found = {t.names[0] for t in latin_terms("后端就用 Express + Flask + Celery，前端另说")}
    assert {"Express", "Flask", "Celery"} <= found
    assert "Express" not in {t.names[0] for t in latin_terms("后端就用 Express，前端另说")}


def test_a_definition_keeps_a_subject_ending_in_an_adverbs_character_and_because_defines_nothing():
    from graph.rules.definitions import defined_term

    assert defined_term("开闭原则是面向对象设计的基本原则").names == ("开闭原则",)
    assert defined_term("Go中切片默认是引用类型").names == ("切片",)
    assert defined_term("部署之所以很快, 是因为镜像已经缓存") is None


def test_a_counted_part_of_a_course_and_a_code_point_are_no_terms():
    names = names_of("# 课程\n\n## 第十八天\n\n学习了网络。\n\n字符 A 的码位（U+0041）是六十五。\n")
    assert "第十八天" not in names and "U+0041" not in names


def test_a_list_of_shortcuts_and_a_rules_weight_give_no_names():
    names = names_of("# vim\n\n- ^Y 向上滚屏\n- Ctrl+U 向上翻页\n\n"
                     "- 【强制】 表达是与否概念的字段，必须使用 is_xxx 的方式命名\n")
    assert not any("向上" in n or "Ctrl" in n or "【" in n for n in names)
