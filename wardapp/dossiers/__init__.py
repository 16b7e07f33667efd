"""Dossiers from intake to return: transitions, the register's queries and search, bulk writes
of historic dossiers, the old-logbook import and export, intake drafts."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".lifecycle.actions": ["LastStep", "why_not"],
        ".lifecycle.rating": ["RATINGS", "rate"],
        ".lifecycle.statuses": ["EVENT_LABELS", "OPEN_STATUSES", "STATUS_LABELS"],
        ".lifecycle.intake": ["IntakeData", "find_procedure", "intake", "problems"],
        ".lifecycle.transition": ["FUTURE_SLACK", "get_dossier", "last_event"],
        ".lifecycle.undo": ["undo_last_step"],
        ".logbook": ["export_logbook", "import_logbook"],
        ".register": ["Filters"],
    },
    modules=[
        ".audit",
        ".drafts",
        ".import_jobs",
        ".lifecycle.closing",
        ".lifecycle.processing",
        ".register",
    ],
)
