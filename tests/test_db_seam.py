"""The seam where the engine is chosen (``db.backend``): the SQLite backend and its portable
constructs."""

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, select

from db.backend import among, backend_for, local


def test_the_seam_gives_the_sqlite_backend_and_its_file_names(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    assert backend_for(engine) is local()
    assert local().name == "sqlite" and local().file_suffix == ".sqlite3"
    from wardapp.office.paths import DB_FILE, DEMO_DB_FILE

    assert (DB_FILE, DEMO_DB_FILE) == ("wardapp.sqlite3", "wardapp-demo.sqlite3")


def test_among_reads_one_parameter_and_finds_the_rows():
    engine = create_engine("sqlite://")
    t = Table("t", MetaData(), Column("id", Integer, primary_key=True))
    t.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(t.insert(), [{"id": i} for i in range(1, 2001)])
        for wanted in ([5, 1999, 7], [42], list(range(1000, 1500))):  # cached statement reused
            q = select(t.c.id).where(among(t.c.id, wanted)).order_by(t.c.id)
            assert list(conn.scalars(q)) == sorted(wanted)
        sql = str(select(t.c.id).where(among(t.c.id, [1, 2])).compile(engine))
    assert sql.endswith("WHERE t.id IN (SELECT value FROM json_each(?))")
