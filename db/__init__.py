"""Storage layer: ORM models, engine, migrations.  Never imports ``wardapp`` or Qt."""
