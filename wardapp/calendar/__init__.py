"""Working days, due times, reporting periods and urgency (late / due today / due soon).

Pure rules over a calendar: no database session, no other capability (contract in
``pyproject.toml``)."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".deadlines": ["compute_due", "explain_due", "parse_hhmm"],
        ".periods": ["quarter_of", "year"],
        ".urgency": ["Urgency"],
        ".working_days": ["KIND_LABELS"],
    },
    modules=[".periods"],
)
