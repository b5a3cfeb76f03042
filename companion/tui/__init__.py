"""The Textual app. Imported only when the app opens, never by quick commands."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.store import Store


def run(store: Store, *, demo: bool = False) -> int:
    """Run the app on `store` until the user quits; return the exit code."""
    # Start-up makes some hundred thousand objects that live as long as the app.
    # Walking them again and again in collections only delays the first frame,
    # so collection waits until the app has that frame up (`CompanionApp.on_ready`).
    gc.disable()
    from companion.tui.app import CompanionApp

    app = CompanionApp(store, demo=demo)
    app.run()
    if app.crash_line:
        print(app.crash_line, file=sys.stderr)
    return app.return_code or 0
