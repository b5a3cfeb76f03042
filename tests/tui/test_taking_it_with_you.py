"""From Progress: the evaluation pack (seen in full, then given) and the JSON export."""

from __future__ import annotations

import json
import stat

from textual.widgets import Checkbox, Input, Static

from companion.content.instruments import instruments
from companion.domain import transfer
from companion.domain.evaluation.pack import Known, encode, read
from companion.store.files import exports_dir
from companion.story import read_pack
from companion.tui.dialogs.pack import PackDialog


async def test_the_pack_shown_is_the_pack_given_and_writing_only_when_chosen(
    demo_store, make_app
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("6", "p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PackDialog)
        await pilot.press(*"Spring [2026]")
        await pilot.pause()
        preview = str(dialog.query_one("#pack-preview", Static).render())
        assert '"cohort": "Spring [2026]"' in preview
        assert '"writing": null' in preview
        assert "none of your writing" in str(dialog.query_one("#pack-holds", Static).render())

        dialog.query_one("#pack-writing", Checkbox).value = True
        await pilot.pause()
        preview = str(dialog.query_one("#pack-preview", Static).render())
        answers = demo_store.worksheets.all_answers()
        some_answer = next(text for sheet in answers.values() for text in sheet.values() if text)
        assert json.dumps(some_answer.splitlines()[0], ensure_ascii=False)[1:-1] in preview
        assert demo_store.evaluation.pseudonym() is None  # nothing kept while looking

        dialog.query_one("#pack-cohort", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        given = exports_dir(demo_store.path) / "evaluation-pack.json"
        assert stat.S_IMODE(given.stat().st_mode) == 0o600
        text = given.read_text(encoding="utf-8")
        assert text == dialog.shown.text  # exactly what was on screen
        pack = read(text.encode("utf-8"), Known(instruments()))  # a pack a facilitator can read
        assert pack.id == demo_store.evaluation.pseudonym()
        view = app.view()
        expected = read_pack(demo_store, view, "Spring [2026]", pack.id, include_writing=True)
        assert text == encode(expected)  # the same pack `companion pack` makes
        assert any("evaluation pack is saved as" in n.message for n in app._notifications)


async def test_cancelling_the_pack_gives_nothing_and_keeps_no_id(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "p", *"Spring", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackDialog)
    assert not exports_dir(demo_store.path).exists()
    assert demo_store.evaluation.pseudonym() is None


async def test_export_gives_the_complete_json_of_every_table(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "e")
        await pilot.pause()
    (given,) = exports_dir(demo_store.path).iterdir()
    assert given.name == f"companion-export-{app.today().isoformat()}.json"
    assert stat.S_IMODE(given.stat().st_mode) == 0o600
    export = transfer.read_export(given.read_bytes())
    assert export.tables == demo_store.transfer.tables(include_wording=False)
    assert transfer.counts(export.tables)["habit_entry"] > 0
