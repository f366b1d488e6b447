"""A change names the feature it changes: `better search page`, `Slack notifications support`.

Release notes list changes as short English items: an evaluative word before a feature's name
(`better`, `revamped`, `faster`) or `support` / `enhancements` after it. The change is no
concept; the feature is.

>>> changed_feature("better search page"), changed_feature("Slack notifications support")
('search page', 'Slack notifications')
>>> changed_feature("sync v3 enhancements"), changed_feature("New User Tuesdays")
('sync v3', 'New User Tuesdays')
>>> changed_feature("better support"), changed_feature("faster"), changed_feature("更好的支持")
('better support', 'faster', '更好的支持')
>>> changed_feature("bug fixes and performance improvements")
'bug fixes and performance improvements'
"""

from __future__ import annotations

from ..lexicon import EMPTY_MODIFIERS
from .shapes import FUNCTION_WORDS

# Words a release note rates a change by, before the feature (not `new`: `New User Tuesdays`
# is a name, and a new feature is named without it anyway).
_RATED = frozenset("better nicer improved revamped enhanced faster simpler cleaner smarter "
                   "updated".split())
# What a change does to the feature, after it.
_DONE = frozenset("support enhancements improvements".split())


def changed_feature(name: str) -> str:
    """The feature a change item names (the name itself when it names no change)."""
    words = name.split()
    if len(words) < 2 or not name.isascii():
        return name
    if words[0].lower() in _RATED:
        words = words[1:]
    elif words[-1].lower() in _DONE:
        words = words[:-1]
    if len(words) == len(name.split()) or words[-1].lower() in _DONE | _RATED \
            or any(w.lower() in FUNCTION_WORDS or w.lower() in EMPTY_MODIFIERS for w in words):
        return name  # `bug fixes and performance improvements`: no one feature
    return " ".join(words)
