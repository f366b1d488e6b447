"""Chinese word boundaries (graph/segment.py)."""

from graph.segment import words


def test_traditional_chinese_is_segmented_as_its_simplified_spelling():
    """Failed before: 電子書閱讀器 was cut as 電子 / 書閱 / 讀器 (the dictionary is Simplified),
    so a clause with it read as a name."""
    assert words("電子書閱讀器都連接") == ["電子書", "閱讀器", "都", "連接"]
