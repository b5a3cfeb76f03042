"""Files the app makes for the person: saved beside the database, or sent to the browser.

In a terminal the file goes into the database's private exports folder (mode
0600, never over an earlier one) and a notification names it. When the app is
served to a browser (`companion serve`) the same bytes arrive as a download
instead, and nothing is left on the server's disk.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from companion.domain.errors import Problem
from companion.store.files import exports_dir, save_new, shown

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


def deliver(app: CompanionApp, filename: str, data: bytes, *, what: str, mime_type: str) -> bool:
    """Hand `data` to the person as `filename`; `what` names it in the message ("report").

    Returns False (after a notification that says why) when it could not be saved.
    """
    if app.is_web:
        app.deliver_binary(io.BytesIO(data), save_filename=filename, mime_type=mime_type)
        app.notify(f"Your {what} is on its way to your browser's downloads.")
        return True
    try:
        path = save_new(exports_dir(app.store.path), filename, data)
    except Problem as problem:
        app.notify(str(problem), severity="warning")
        return False
    # The demo's folder goes when the app closes: say so before the file goes with it.
    gone = "; the demo removes it when Companion stops" if app.demo else ""
    app.notify(f"Your {what} is saved as {shown(path)}{gone}")
    return True
