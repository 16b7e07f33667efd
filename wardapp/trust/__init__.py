"""Why the figures can be believed: staff accounts and roles, the hash chain over the history,
backups and restore, masking of personal data."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".backup": ["FILE_FILTER", "restore_as_new"],
        ".privacy": ["redact"],
    },
    modules=[".admin_audit", ".auth", ".backup", ".chain", ".keys", ".logs"],
)
