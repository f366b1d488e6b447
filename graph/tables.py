"""Big read-only word tables (word frequencies, part-of-speech tags), loaded once a process.

Reading them from their libraries is slow (wordfreq's msgpack lists, jieba's dictionary:
about a second together), and every build process and worker needs them. So each table is
kept as one pickle beside the record cache (`graph.cache`), keyed by the library's version,
and read from there (a tenth of the time) when it is there.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata

from .cache import default_dir


def _stored(name: str, library: str, build):
    folder = default_dir()
    try:
        version = metadata.version(library)
    except metadata.PackageNotFoundError:
        version = "0"
    path = folder / "tables" / f"{name}-{version}.pickle" if folder else None
    if path is not None:
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            pass
    table = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # no place to keep it: build it again next time
    return table


@lru_cache(maxsize=2)
def frequencies(lang: str) -> dict[str, float]:
    """wordfreq's "best" list of `lang` (en, zh): word → frequency per word."""
    def build():
        from wordfreq import get_frequency_dict

        return dict(get_frequency_dict(lang))

    return _stored(f"wordfreq-{lang}", "wordfreq", build)


@lru_cache(maxsize=1)
def pos_tags() -> dict[str, str]:
    """jieba's dictionary: Chinese word → part-of-speech tag (n, v, vn, d, …)."""
    def build():
        import jieba

        jieba.setLogLevel(logging.WARNING)
        from jieba.posseg import dt

        return dict(dt.word_tag_tab)

    return _stored("jieba-pos", "jieba", build)
