"""The build wing: content/ YAML -> a complete static site in output/.

Read ``pipeline.py`` first: it calls one module per stage, in order
(loader -> checks -> linking -> views -> kinds -> compose/render -> writer);
``work.py`` is where the incremental engine plugs in, ``kinds.py`` where every
kind of page is declared.
"""
from .pipeline import BuildResult, build, build_site, main

__all__ = ["BuildResult", "build", "build_site", "main"]
