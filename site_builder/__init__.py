"""A bilingual static publications website for a research lab.

Two pipelines, each one direction:
  ingest: dumps -> parse -> normalise -> cluster -> merge -> YAML in content/
  build:  YAML -> validate -> model -> render -> write output/
"""
__version__ = "0.1.0"
