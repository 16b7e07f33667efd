"""Errors the user is meant to read: each names what to fix."""


class WardError(Exception):
    """Base class: its message is a complete, user-facing sentence."""


class ValidationError(WardError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class TransitionError(WardError):
    """A lifecycle step that is not allowed from the dossier's current state."""


class NotFoundError(WardError):
    pass
