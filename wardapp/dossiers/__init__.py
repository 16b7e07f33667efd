"""Dossiers from intake to return: transitions, the register's queries and search, bulk writes
of historic dossiers, the old-logbook import and export, intake drafts."""
