"""The SQLite backend: one local file per office (WAL, the write lock taken up front), an FTS5
trigram index for the register's search, bulk writes through the driver's executemany, copies
through the online backup API.  Every line of SQL only SQLite speaks is in this package; the
rest of the program reaches it through ``db.backend``."""

from __future__ import annotations

from db.backends.sqlite import bulk, checks, connection, files, jsonl, search, sql


class SqliteBackend:
    name = "sqlite"
    file_suffix = connection.FILE_SUFFIX
    file_filter = f"SQLite (*{connection.FILE_SUFFIX})"
    early_ddl = True

    url_for = staticmethod(connection.url_for)
    engine_options = staticmethod(connection.engine_options)
    check_url = staticmethod(connection.check_url)
    configure = staticmethod(connection.configure)
    driver_error = staticmethod(connection.driver_error)
    write_lock_busy = staticmethod(connection.write_lock_busy)
    remember_password = staticmethod(connection.remember_password)

    copy = staticmethod(files.copy)
    check = staticmethod(files.check)
    is_database = staticmethod(files.is_database)
    companions = staticmethod(files.companions)
    peek = staticmethod(files.peek)

    integrity = staticmethod(checks.integrity)
    search_integrity = staticmethod(checks.search_index_integrity)
    missing_triggers = staticmethod(checks.missing_triggers)

    search_min_length = search.MIN_LENGTH
    search_available = staticmethod(search.exists)
    search_condition = staticmethod(search.condition)
    search_count = staticmethod(search.count)
    search_ids = staticmethod(search.ids)
    search_first_page = staticmethod(search.first_page)
    search_ids_between = staticmethod(search.ids_between)
    search_deferred = staticmethod(search.deferred)
    search_hold_merges = staticmethod(search.hold_merges)
    search_merge_all = staticmethod(search.merge_all)
    search_merges_held = staticmethod(search.merges_held)

    ids = staticmethod(sql.id_list)
    list_param = staticmethod(sql.list_param)
    unindexed = staticmethod(sql.unindexed)
    index_names = staticmethod(sql.index_names)
    next_counter = staticmethod(sql.next_counter)
    is_true = staticmethod(sql.is_true)
    ids_written = staticmethod(sql.ids_written)
    grant_desk = staticmethod(sql.grant_desk)

    stored_value = staticmethod(bulk.stored_value)
    bulk_insert = staticmethod(bulk.bulk_insert)
    insert_rows = staticmethod(bulk.insert_rows)
    update_rows = staticmethod(bulk.update_rows)

    json_lines = staticmethod(jsonl.lines)

    status_count = staticmethod(sql.status_count)


BACKEND = SqliteBackend()
