"""The admin side of a complaint, independent of any channel: `AdminCore`, made of its parts, and its wiring.

- A new complaint gets an AdminCase (card version + SLA clock) and cards queued for the right chats, in
  the transaction that stores it (a complaint hook), so no case is ever without its alert (bot/admin/cards.py).
- Every status change, whoever makes it, moves the case's clock and version (a status listener; the
  scheduler reconciles changes made around StatusChanger, such as the citizen's feedback).
- Actions are authorised from the admin file at the moment they are taken, then claimed with one
  atomic `UPDATE admincase SET version = v + 1 WHERE version = v`: of two admins pressing at once,
  one wins and the other is told. Each is recorded in the status history with who and when, and the
  citizen is told in their language (bot/admin/actions.py).
- An admin's question to the citizen captures their next messages as the answer (bot/admin/questions.py).
- An admin's update is done once, however often the channel delivers it (bot/admin/updates.py).
"""

from __future__ import annotations

from bot.admin.actions import Actions
from bot.admin.ports import Hooks, Installing
from bot.admin.sla import AdminSettings
from models.db import Session
from models.tables import Complaint


class AdminCore(Actions):
    """The admin side of one laporbot process: cases and cards (AdminBase), questions, actions."""


def install(core: Installing, settings: AdminSettings | None = None) -> AdminCore:
    """Wire the admin side into a Core (once): the complaint hook and the status listener."""
    found = admin_of(core)
    if found is not None:
        return found
    admin = AdminCore(core, settings or core.section(AdminSettings, checked=True))

    async def hook(session: Session, complaint: Complaint) -> None:
        await admin.on_complaint(session, complaint)

    hook.laporbot_admin = admin  # type: ignore[attr-defined]
    core.hooks.append(hook)
    core.status.listeners.append(admin.on_status)
    return admin


def admin_of(core: Hooks) -> AdminCore | None:
    """The AdminCore installed in a Core, if any."""
    for hook in core.hooks:
        found = getattr(hook, "laporbot_admin", None)
        if isinstance(found, AdminCore):
            return found
    return None
