"""A ten-week variant of the packaged programme, as a facilitator's content folder.

`write_ten_week_content(folder)` writes `programme.toml` (ten weeks: the same
webinars and coaching in weeks 1 to 8, two weeks of practice, the end in week
10) and the one worksheet file that must follow it (`questionnaire.toml`, whose
end part moves to week 10). Everything else stays packaged. Point
COMPANION_CONTENT at the folder, or use the `ten_week_content` fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGED = Path(__file__).parents[1] / "companion" / "content"
TEN_WEEK_TITLE = "Compassionate Leadership Coaching Programme, over ten weeks"


def _changed(text: str, pattern: str, replacement: str) -> str:
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"the packaged file no longer has {pattern!r}: update this helper"
    return changed


def write_ten_week_content(folder: Path) -> Path:
    """Write the ten-week programme (and its questionnaire) into `folder`; return `folder`."""
    programme = (PACKAGED / "programme.toml").read_text(encoding="utf-8")
    programme = _changed(programme, r'^title = ".*"$', f'title = "{TEN_WEEK_TITLE}"')
    programme = _changed(programme, r"^weeks = 8$", "weeks = 10")
    programme = _changed(programme, r'(^id = "end"\n(?:.+\n)*?week = )8$', r"\g<1>10")
    questionnaire = (PACKAGED / "worksheets" / "questionnaire.toml").read_text(encoding="utf-8")
    questionnaire = _changed(
        questionnaire, r'(^id = "questionnaire-end"\n(?:.+\n)*?week = )8$', r"\g<1>10"
    )
    (folder / "worksheets").mkdir(parents=True, exist_ok=True)
    (folder / "programme.toml").write_text(programme, encoding="utf-8")
    (folder / "worksheets" / "questionnaire.toml").write_text(questionnaire, encoding="utf-8")
    return folder
