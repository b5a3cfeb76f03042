"""A table whose columns fit the width it has, recomputed whenever that width changes.

Textual's DataTable sizes a column to the widest cell it has ever held, and
clearing its rows does not shrink it: a table drawn on a wide terminal kept
its wide columns after the terminal shrank, pushing the last columns off the
screen. Every table in the app is a `FittingTable`. Each column is fixed (a
width given), sized to its cells (no width given), or the one that *takes the
rest*: that column, usually a name someone typed or a title, gets whatever
width is left and wraps onto a second line rather than being cut short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

REST = -1  # the width of the column that takes the rest
LEAST_REST = 10  # below this the rest column stops shrinking, and the table scrolls


@dataclass(frozen=True)
class Col:
    """A column: its heading, key and width (None: its widest cell; REST: what is left)."""

    label: str
    key: str
    width: int | None = None


@dataclass(frozen=True)
class Row:
    """A row's cells, in column order, and its key."""

    cells: tuple[Text, ...]
    key: str


class FittingTable(DataTable[Text]):
    """A DataTable that lays its columns out afresh for its width, on every fill and resize."""

    def __init__(self, columns: Sequence[Col], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fitted = tuple(columns)
        self.shown_rows: list[Row] = []
        self._laid_out_for = -1  # the width the columns were last fitted to

    def on_mount(self) -> None:
        for col in self.fitted:
            self.add_column(col.label, key=col.key, width=max(col.width or 1, 1))

    def fill(self, rows: Sequence[Row], cursor: int | None = None) -> None:
        """Show `rows`, the cursor on row `cursor` (or where it was), columns fitted."""
        if cursor is None:
            cursor = self.cursor_row
        self.shown_rows = list(rows)
        self._lay_out()
        self.clear()
        for row in self.shown_rows:
            # Auto height: a row is as tall as its tallest cell once wrapped.
            self.add_row(*row.cells, key=row.key, height=None)
        if self.shown_rows:
            self.move_cursor(row=min(max(cursor, 0), len(self.shown_rows) - 1))

    def on_resize(self) -> None:
        if self.available_width() != self._laid_out_for:
            self.fill(self.shown_rows)

    def available_width(self) -> int:
        """The width the columns share: the table's, less room for its scrollbar."""
        return self.content_region.width - self.styles.scrollbar_size_vertical

    def column_widths(self) -> dict[str, int]:
        """Each column's width (without cell padding) for the rows shown and the width there is."""
        widths: dict[str, int] = {}
        for index, col in enumerate(self.fitted):
            if col.width is None or col.width == REST:
                cells = [row.cells[index] for row in self.shown_rows if index < len(row.cells)]
                column = self.columns.get(ColumnKey(col.key))
                label = column.label.cell_len if column is not None else len(col.label)
                widths[col.key] = max([label, *(_widest_line(cell) for cell in cells)])
            else:
                widths[col.key] = col.width
        rest = [col.key for col in self.fitted if col.width == REST]
        if rest:
            padding = 2 * self.cell_padding * len(self.fitted)
            others = sum(w for key, w in widths.items() if key != rest[0])
            left = self.available_width() - padding - others
            # The rest column never grows past its widest cell: the space beyond is
            # left blank at the right rather than stretching the table.
            widths[rest[0]] = max(LEAST_REST, min(left, widths[rest[0]]) if left > 0 else 0)
        return widths

    def _lay_out(self) -> None:
        self._laid_out_for = self.available_width()
        for key, width in self.column_widths().items():
            column = self.columns.get(ColumnKey(key))
            if column is not None:
                column.width = max(width, 1)
                column.auto_width = False


def _widest_line(cell: Text) -> int:
    return max((line.cell_len for line in cell.split("\n")), default=0)
