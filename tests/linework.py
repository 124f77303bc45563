"""Work done, independent of the machine's speed: the lines of some source folders executed while a
function runs (a traced run; a generator expression counts once per item, so a filter of every
figure per clause shows). Tests compare the work for inputs of two sizes to catch superlinear steps."""
from __future__ import annotations

import sys
from typing import Callable


def lines_executed(roots: str | tuple[str, ...], run: Callable[[], object]) -> int:
    """How many lines of files under ``roots`` (path prefixes) ``run()`` executes."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(roots) else None

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)
    return count
