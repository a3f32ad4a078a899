"""Alembic environment: run on the connection the application hands over, never from a URL.

``alembic.ini`` is not used at run time; ``avi_desktop.model.database`` configures the script
location from the package path, so migrations run the same from a checkout, a wheel or a bundle.
"""

from __future__ import annotations

from alembic import context

from avi_desktop.model.entities import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Migrations run only from the application, on an open portfolio.")

# SQLite cannot ALTER most things in place: batch mode rebuilds tables when a revision needs it.
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
