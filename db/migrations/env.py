"""Alembic environment: the engine is handed in by ``db.engine`` (no alembic.ini needed)."""

from alembic import context

import db.models_admin  # noqa: F401  (its table is on the same metadata)
import db.models_allowance  # noqa: F401  (its table is on the same metadata)
import db.models_initiatives  # noqa: F401  (its tables are on the same metadata)
import db.models_jobs  # noqa: F401
import db.models_keys  # noqa: F401  (its table is on the same metadata)
import db.models_mail  # noqa: F401  (its tables are on the same metadata)
import db.models_rollup  # noqa: F401  (its tables and indexes are on the same metadata)
from db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
