"""The app's sections (Today, Programme, ...) and how screens are found by name.

The app opens screens by name ("module:Class" under companion.tui.screens), as
Textual's MODES do: it imports a screen's module only when that screen first
opens, so start-up stays quick, and the app sits above every screen without
importing one, while screens may import the app's type. (It imports only
dialogs that need nothing from it, such as help.) tests/tui/test_import_cycles.py
keeps companion.tui free of import cycles.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen

from companion.tui._textual_compat import share_stylesheet_state


def screen_class(path: str) -> type[Screen[Any]]:
    """The screen class at `path`, e.g. "today:TodayScreen", imported now."""
    module_name, class_name = path.split(":")
    module = importlib.import_module(f"companion.tui.screens.{module_name}")
    screen: type[Screen[Any]] = getattr(module, class_name)
    return screen


@dataclass(frozen=True)
class SectionInfo:
    mode: str
    key: str
    title: str
    screen_path: str  # "module:Class" under companion.tui.screens, imported when first opened

    @property
    def screen(self) -> type[Screen[Any]]:
        return screen_class(self.screen_path)

    def make_screen(self) -> Screen[Any]:
        screen = self.screen()
        # A brand-new screen gets its styles as its widgets mount; without this,
        # Textual re-parses the whole stylesheet twice on a section's first
        # opening (about 130 ms).
        share_stylesheet_state(screen, screen.app)
        return screen


# The one list of sections: modes, number keys, the section bar, help and palette follow it.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("today", "1", "Today", "today:TodayScreen"),
    SectionInfo("programme", "2", "Programme", "programme:ProgrammeScreen"),
    SectionInfo("worksheets", "3", "Worksheets", "worksheets:WorksheetsScreen"),
    SectionInfo("selfcare", "4", "Self-care", "selfcare:SelfCareScreen"),
    SectionInfo("scales", "5", "Scales", "scales:ScalesScreen"),
    SectionInfo("progress", "6", "Progress", "progress:ProgressScreen"),
)
