"""The cyclic garbage collector, tuned for one batch run over a large heap that lives to the end.

At province scale the loaded content is millions of objects that stay alive for the whole run. With
Python's default thresholds the collector walks them again every few thousand allocations while
the checks and the pages allocate: about half of `portal check` went to that. A batch command
(check, generate, build, index, bundle, report) raises the first threshold, so each page's short-lived
objects still go young, and once the content is loaded `settle()` takes it out of the collector's
sight (gc.freeze), which also spares forked workers from copying the memory the collector would
touch. Long-running processes (the preview, the search service) keep the defaults.
"""

from __future__ import annotations

import gc

# Allocations between young collections (default 700). 200,000 made the checks faster still but the
# page rendering slower (bench/stages.py, 2026-12-07): 20,000 gained in every stage.
YOUNG = 20_000
_batch = False


def for_batch() -> None:
    global _batch
    _batch = True
    gc.set_threshold(YOUNG, 50, 50)


def settle() -> None:
    """What is alive now lives to the end of a batch run: the collector need not walk it again."""
    if _batch:
        gc.freeze()
