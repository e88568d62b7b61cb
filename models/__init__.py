"""Storage: SQLModel tables, storage operations and Alembic migrations.

Importing any ``models`` module registers every table. Foreign keys cross modules (skmresponse.citizen_id
→ citizen, admincase.complaint_id → complaint), and SQLAlchemy resolves them against whatever the
process has imported when it first flushes: a command that only imported models.surveys failed with
NoReferencedTableError. Registering all tables here makes that independent of import order.
"""

from models import admin, forwarding, ops, surveys, tables, voice, whatsapp  # noqa: F401  (table registration)
