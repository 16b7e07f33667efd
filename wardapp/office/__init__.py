"""The open office database (``Ward``), its settings and where its file lives.

Kept low: nearly every service takes a ``Ward``."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".identity": ["file_identity", "is_demo"],
        ".paths": [
            "DB_FILE",
            "check_server",
            "data_dir",
            "default_db_path",
            "demo_db_path",
            "locate_server",
            "save_location",
            "server_url_example",
            "settings_file",
            "store_server_password",
        ],
        ".settings": [
            "CHOICE_LABELS",
            "CHOICE_TITLES",
            "CHOICES",
            "INT_MAX",
            "SPECS",
            "desk_hours_from_text",
            "desk_hours_text",
        ],
        ".store": ["Ward", "load_resource_json", "prepare_calendar", "shipped_rules"],
    },
)
