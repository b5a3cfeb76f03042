"""Companion: a private terminal companion for a self-compassion coaching programme."""

import time

STARTED = time.perf_counter()  # the first import; the app logs "started in N ms" from here
__version__ = "0.1.0"
