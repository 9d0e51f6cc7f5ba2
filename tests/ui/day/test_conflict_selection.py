"""After a conflict is resolved the next one is selected and shown, so it
can be opened at once (no Ctrl+click)."""
from __future__ import annotations

import json

from app.services import citizens
from db.models import Conflict


def test_next_conflict_is_selected_after_a_resolve(qtbot, ctx):
    from ui.sync_view import SyncView

    people = [citizens.create_citizen(ctx, name=name) for name in ("Anne", "Bent", "Carl")]
    with ctx.uow() as s:
        for person in people:
            s.add(Conflict(entity="citizen", row_id=person.id, field="phone", kind="value",
                           local_value=json.dumps("11111111"), remote_value=json.dumps("22222222")))
    view = SyncView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 690)
    view.show()
    assert view.table.rowCount() == 3
    view.table.selectRow(1)
    first = view._views[1]
    view.resolve(first.id, "mine", None)
    assert view.table.rowCount() == 2
    assert view.table.currentRow() == 1 and view.table.selectedItems()
    assert view.panel._view is not None and view.panel._view.id != first.id
    view.resolve(view._views[1].id, "theirs", None)
    assert view.table.currentRow() == 0 and view.table.selectedItems()
