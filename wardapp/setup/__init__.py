"""Creating an office database and changing its details, and the demo year.

High in the layers: it uses the catalogue, the indicators and the dossiers."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".demo": ["DEMO_ACCOUNTS", "DEMO_OFFICE", "DEMO_PASSWORD"],
        ".office": [
            "add_calendar_override",
            "init_office",
            "remove_calendar_override",
            "set_settings",
            "update_office",
        ],
        ".self_test": [
            "Check",
            "Scratch",
            "domain_checks",
            "finish",
            "report",
            "run_check",
            "scratch",
        ],
    },
    modules=[".demo", ".self_test", ".server"],
)
