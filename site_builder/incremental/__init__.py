"""The incremental engine: what a build keeps between runs to make only what changed.

The build's stages never import this package; the command line hands the engine
to the build as its ``Work`` (build/work.py). See engine.py and docs/architecture.md.
"""
from .engine import Incremental, engine_for

__all__ = ["Incremental", "engine_for"]
