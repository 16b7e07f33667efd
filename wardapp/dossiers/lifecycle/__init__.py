"""A dossier's life (DOMAIN.md §2), one file per part of it so each rule has one place:
``statuses`` the statuses and step names, ``intake`` receiving (procedure in force, due time,
code), ``transition`` what every later step shares (checks, the sealed event), ``processing``
the steps while it is handled, ``closing`` the steps that end it."""
