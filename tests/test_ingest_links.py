"""Links ingest takes from an abstract: only what the abstract itself says, never a guess."""
from __future__ import annotations

import pytest

from site_builder.ingest.merge import links_in_abstract


@pytest.mark.parametrize("abstract, links", [
    ("Code: https://github.com/lab/repo.", {"code": "https://github.com/lab/repo"}),
    ("See https://github.com/lab (our organisation).", {}),                 # no repository: not code
    ("Watch https://www.youtube.com/watch?v=abc; slides soon.", {"video": "https://www.youtube.com/watch?v=abc"}),
    ("Videos are on our project page: https://lab.github.io/p/ and https://lab.github.io/q/.",
     {"project": "https://lab.github.io/p/"}),
    ("Sound examples at https://ml-dragon.github.io/web.", {}),             # what it is is not said
    ("Data at https://example.org/data. Our website is great.", {}),       # "website" is in the next sentence
    ("Code at https://gitlab.com/a/b and demo at https://youtu.be/x1 (part 1) and https://youtu.be/x2.",
     {"code": "https://gitlab.com/a/b", "video": "https://youtu.be/x1"}),
    ("No address here.", {}),
])
def test_links_in_abstract(abstract, links):
    assert links_in_abstract(abstract) == links
