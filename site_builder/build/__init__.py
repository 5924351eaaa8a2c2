"""The build wing: content/ YAML -> a complete static site in output/.

Read ``pipeline.py`` first: it calls one module per stage, in order
(loader -> linking -> views -> pages -> compose/render -> writer).
"""
from .pipeline import BuildResult, build, build_site, main

__all__ = ["BuildResult", "build", "build_site", "main"]
