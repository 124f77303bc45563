"""Data derived from profile objects once per process (``reportlint.profileindex.derived``)."""
from __future__ import annotations

from reportlint import profileindex
from reportlint.profileindex import derived


class _Spec:  # a stand-in for a profile object
    pass


def test_derived_is_computed_once_per_object():
    spec, calls = _Spec(), []
    for _ in range(3):
        assert derived(spec, "test-once", lambda o: calls.append(o) or len(calls)) == 1
    assert calls == [spec]
    assert derived(_Spec(), "test-once", lambda o: "other") == "other"  # another object: its own


def test_derived_forgets_old_objects_instead_of_growing_for_ever():
    """A language server reloads a profile at every edit of it: what was derived from the
    objects of earlier loads must not be kept for ever."""
    specs = [_Spec() for _ in range(profileindex._DERIVED_MAX + 10)]
    for s in specs:
        derived(s, "test-bound", lambda o: 1)
    assert len(profileindex._DERIVED) <= profileindex._DERIVED_MAX
    assert derived(specs[-1], "test-bound", lambda o: 2) == 1  # the newest is still known
