"""Graph quality can only go up: the eval totals against tests/eval/ratchet.json.

Runs the scorer of ../shared/eval over the shared keys and our own dev keys (in process, as
`make eval --fast` does). When a change improves the figures, raise the ratchet with
`.venv/bin/python tests/eval/run.py --fast --update-ratchet` and commit ratchet.json.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from tests.eval import run

pytestmark = pytest.mark.skipif(not run.SCORER.is_file(),
                                reason="../shared/eval/score.py is not beside the checkout")


def test_quality_never_goes_down():
    floor = json.loads(run.RATCHET.read_text())
    with contextlib.redirect_stdout(io.StringIO()):
        totals = run.run(["--fast"])
    # 0.05 points of slack: the figures are rounded to a tenth
    assert run.compare(totals, floor, slack=0.05) == []
