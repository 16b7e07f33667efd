"""Weekly exchange with the city (docs/exchange-format.md): a ward exports packages of what
changed; the city verifies every package completely before applying it in one transaction."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".city.importing": ["import_packages"],
        ".city.status": ["office_statuses"],
        ".city.wards": ["add_ward", "replace_key"],
        ".export": ["export_package", "export_reminder"],
        ".ranges": ["describe", "holes"],
        ".reference": ["apply_reference", "export_reference"],
        ".words": ["counts_in_words", "summary_in_words"],
    },
)
