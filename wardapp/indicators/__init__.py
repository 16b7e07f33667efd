"""The figures the city grades the ward on: Biểu 06, the dashboard's counts and the head of
unit's commitment, with their spreadsheet."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".commitment": [
            "COMPARATOR_SYMBOLS",
            "STATUS_WORDS",
            "current",
            "evaluate",
            "missing_targets",
            "monthly_trend",
        ],
        ".dashboard": ["desk_summary", "timeliness_series"],
        ".evidence": ["DEFINITIONS", "EvidenceRow", "behind", "label"],
        ".agency_delays": [
            "STEP_OUTCOME_WORDS",
            "WARD_LABEL",
            "LateByAgency",
            "late_by_agency",
            "write_late_xlsx",
        ],
        ".report": [
            "COLUMNS",
            "COLUMN_LABELS",
            "INDICATORS",
            "INDICATOR_LABELS",
            "build_report",
        ],
        ".ranking": ["OfficeRank", "ranked_offices"],
        ".rollup": ["rebuild_rollup", "rollup_problems"],
        ".report_xlsx": ["write_report_xlsx"],
    },
)
