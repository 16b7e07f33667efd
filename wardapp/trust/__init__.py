"""Why the figures can be believed: staff accounts and roles, the hash chain over the history,
backups and restore, masking of personal data."""
