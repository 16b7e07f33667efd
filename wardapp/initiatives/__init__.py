"""Reform initiatives: the register, its evidence files, and which of them count for a year."""

from wardapp.common.face import face

__getattr__, __dir__, __all__ = face(
    __name__,
    {
        ".register": [
            "RECOGNISED",
            "STATUS_LABELS",
            "InitiativeRow",
            "add",
            "attach",
            "extract",
            "list_initiatives",
            "recognised_in",
            "set_status",
        ],
    },
)
