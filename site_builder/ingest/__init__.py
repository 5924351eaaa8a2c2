"""The ingest wing: scraped text dumps -> deduplicated YAML entries in content/.

Read ``pipeline.py`` first: it calls one module per stage, in order
(dumps -> parse -> normalise -> cluster -> merge -> entries, report).
"""
from .pipeline import REPORT_PATH, main, run

__all__ = ["REPORT_PATH", "main", "run"]
