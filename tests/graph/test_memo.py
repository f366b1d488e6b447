"""graph.memo names memo functions by module and name: each must exist and be a cache, or a
server would fail at startup when one is renamed."""

import importlib

from graph import memo


def test_every_named_memo_cache_exists_and_can_be_emptied():
    for module, functions in memo.CACHES.items():
        mod = importlib.import_module(module)
        for name in functions:
            assert callable(getattr(getattr(mod, name), "cache_clear", None)), (module, name)
    memo.drop()
