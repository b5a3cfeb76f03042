"""Where the app's styles live.

`app.tcss` holds what Today and the shell need and is read at start. Each
feature's rules sit in their own file, read when the first of its screens
opens (or is prepared after the first frame), so start-up parses less CSS.
"""

from pathlib import Path

HERE = Path(__file__).parent
APP = HERE / "app.tcss"
SELFCARE = HERE / "selfcare.tcss"
WORKSHEETS = HERE / "worksheets.tcss"
SCALES = HERE / "scales.tcss"
PROGRESS = HERE / "progress.tcss"
