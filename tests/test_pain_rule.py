"""The pain-advice rule: a rise of 2 or more, or any score of 8 or more; skipped means unknown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_gui.core.pain import HIGH, ROSE_BY, Reason, after_session, needs_advice, reasons

R = Reason
scores = st.one_of(st.none(), st.integers(min_value=0, max_value=10))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (3, 3, ()),
        (3, 4, ()),
        (3, 5, (R.ROSE,)),  # exactly two above
        (0, 7, (R.ROSE,)),
        (5, 2, ()),  # better is never a reason
        (7, 7, ()),
        (7, 8, (R.HIGH_AFTER,)),  # one above, but high
        (6, 8, (R.ROSE, R.HIGH_AFTER)),
        (8, 3, (R.HIGH_BEFORE,)),
        (9, 10, (R.HIGH_BEFORE, R.HIGH_AFTER)),
        (8, None, (R.HIGH_BEFORE,)),  # asked before the session, nothing after yet
        (7, None, ()),
        (None, 9, (R.HIGH_AFTER,)),
        (None, 7, ()),  # a skipped "before" is not read as 0
        (None, None, ()),
        (0, 0, ()),
        (10, 10, (R.HIGH_BEFORE, R.HIGH_AFTER)),
    ],
)
def test_reasons(before, after, expected):
    assert reasons(before, after) == expected
    assert needs_advice(before, after) is bool(expected)


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "3"])
def test_a_score_outside_the_scale_is_a_mistake(bad):
    with pytest.raises(ValueError, match="0 to 10"):
        reasons(bad, 3)
    with pytest.raises(ValueError, match="0 to 10"):
        needs_advice(3, bad)


@given(scores, scores)
def test_advice_matches_the_rule_as_written(before, after):
    known = [score for score in (before, after) if score is not None]
    rose = before is not None and after is not None and after >= before + ROSE_BY
    high = any(score >= HIGH for score in known)
    assert needs_advice(before, after) is (rose or high)
    found = reasons(before, after)
    assert list(found) == sorted(set(found), key=list(Reason).index)  # fixed order, no repeats


@given(scores, st.integers(min_value=0, max_value=10))
def test_a_lower_score_after_never_adds_a_reason(before, after):
    lower = max(0, after - 1)
    assert set(reasons(before, lower)) <= set(reasons(before, after))


@given(
    st.one_of(st.none(), st.integers(0, 10)),
    st.one_of(st.none(), st.integers(0, 10)),
)
def test_after_a_session_only_the_session_and_the_pain_now_speak(before, after):
    found = after_session(before, after)
    assert Reason.HIGH_BEFORE not in found
    assert set(found) == set(reasons(before, after)) - {Reason.HIGH_BEFORE}


def test_pain_that_eased_from_high_brings_no_note_after():
    assert after_session(9, 7) == ()
    assert after_session(9, 9) == (Reason.HIGH_AFTER,)
