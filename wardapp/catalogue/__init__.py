"""The procedure catalogue (danh mục TTHC): versions by effective date, edits, stops, imports."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".allowances": ["list_allowances", "remove_allowance", "set_allowance"],
        ".procedures": [
            "COLUMNS",
            "LABELS",
            "catalogue",
            "import_catalogue",
            "in_force",
            "save_procedure",
            "set_active",
        ],
    },
)
