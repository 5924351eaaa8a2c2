import os
import sys

from . import patch
from .cli import main

# This process ends when main() returns: what a build holds (a million objects at 10,000
# papers) is left for the end instead of being freed one by one, a tenth of a second. Only
# here: cli.main is also called inside other processes (the tests), which go on.
patch.RETAIN_STATE = True
code = main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code or 0)
