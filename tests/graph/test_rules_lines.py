"""Rules of the third quality round, each alone on plain strings or segments."""

from graph.markdown import Segment
from graph.rules.prose import _chinese_lines, latin_terms, prose_terms


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
