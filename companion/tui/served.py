"""One browser tab's app, as `companion serve` starts it: `python -m companion.tui.served`.

textual-serve runs this with its web driver (stdin and stdout are its pipes,
not a terminal), on the database `companion serve` chose for all its tabs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Open the app on `--db PATH` (`--demo`: the serve's throwaway); return its exit code."""
    os.umask(0o077)  # everything Companion creates is private
    parser = argparse.ArgumentParser(prog="python -m companion.tui.served")
    parser.add_argument("--db", required=True, help="the database `companion serve` chose")
    parser.add_argument("--demo", action="store_true", help="it is the serve's demo database")
    args = parser.parse_args(argv)

    from companion.domain.errors import Problem
    from companion.store import open_store
    from companion.tui import run

    try:
        store = open_store(Path(args.db), create=False, check=True)
    except Problem as problem:
        print(f"companion: {problem}", file=sys.stderr)
        return 2
    try:
        return run(store, demo=args.demo)
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
