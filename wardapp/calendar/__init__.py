"""Working days, due times, reporting periods and urgency (late / due today / due soon).

Pure rules over a calendar: no database session, no other capability (contract in
``pyproject.toml``)."""
