"""Programme, worksheet and instrument content: data files, read on first use (never at import).

`companion.content.loader` finds the files (packaged, or a facilitator's content
folder over them), reads and checks each once; this package's modules give the
names the rest of the app uses.
"""

from __future__ import annotations

from companion.content.loader import programme, support

__all__ = ["programme", "support"]
