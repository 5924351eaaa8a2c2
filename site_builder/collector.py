"""Python's cycle collector, paused while a run makes objects that hold no garbage cycles.

A build, an ingest, the imports of a command and a store read back each make
hundreds of thousands to millions of small objects that live until the end:
the collector would walk them again and again (a fifth of a small rebuild, a
third of an ingest at 100,000 records) and, in forked workers, copy every page
it touches.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            # What was made meanwhile goes to the oldest generation: enabled with it all in the
            # youngest, the collector's next pass would walk it all (0.3 s at 10k papers).
            gc.freeze()
            gc.unfreeze()
            gc.enable()
