"""Front matter fields: title, synonyms, tags and related names, whatever their shape.

Values may be a list, a scalar, a comma-separated string, null, or a key in another case.

>>> fm = {"Title": "AI人工智能基础", "synonym": "人工智能, 人工智慧", "TAGS": ["ml", None, ""]}
>>> title_of(fm), synonyms_of(fm), tags_of(fm)
('AI人工智能基础', ['人工智能', '人工智慧'], ['ml'])
"""

from __future__ import annotations

from ..text import clean_label

SYNONYM_KEYS = ("synonym", "synonyms", "aliases", "alias")
TAG_KEYS = ("tag", "tags", "keywords", "keyword")
RELATED_KEYS = ("related", "see also", "see_also", "seealso", "up", "parent", "links")


def _get(meta: dict, keys: tuple[str, ...]) -> list:
    values: list = []
    for key, value in meta.items():
        if isinstance(key, str) and key.strip().lower() in keys:
            values.extend(as_list(value))
    return values


def as_list(value) -> list[str]:
    """A front matter value as a list of strings: lists, scalars and `a, b` strings."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [str(k) for k in value]
    if isinstance(value, (list, tuple, set)):
        return [s for v in value for s in as_list(v)]
    if isinstance(value, bool):
        return []
    text = str(value)
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return [p.strip() for p in parts if p.strip()]


def title_of(meta: dict) -> str | None:
    for key, value in meta.items():
        if isinstance(key, str) and key.strip().lower() == "title" and value not in (None, ""):
            if isinstance(value, (list, tuple)):
                value = value[0] if value else ""
            text = clean_label(str(value))
            return text or None
    return None


DESCRIPTION_KEYS = ("desc", "description", "summary", "abstract")


def description_of(meta: dict) -> str | None:
    """What the note says it is about in its front matter (`desc: …`), if a sentence-like
    text; templates (`{{fm.desc}}`) and empty values are not."""
    for key, value in meta.items():
        if isinstance(key, str) and key.strip().lower() in DESCRIPTION_KEYS \
                and isinstance(value, str):
            text = " ".join(value.split())
            if text and "{{" not in text and len(text) >= 3:
                return text
    return None


def synonyms_of(meta: dict) -> list[str]:
    return _dedupe(clean_label(v) for v in _get(meta, SYNONYM_KEYS))


def tags_of(meta: dict) -> list[str]:
    return _dedupe(t.strip().lstrip("#").strip() for t in _get(meta, TAG_KEYS))


def related_of(meta: dict) -> list[str]:
    """Names in `related:` / `up:` fields; `[[wikilinks]]` there are read as their target."""
    out = []
    for value in _get(meta, RELATED_KEYS):
        value = value.strip()
        if value.startswith("[[") and value.endswith("]]"):
            value = value[2:-2].split("|")[0].split("#")[0]
        out.append(value.strip())
    return _dedupe(out)


def _dedupe(values) -> list[str]:
    seen, out = set(), []
    for v in values:
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out
