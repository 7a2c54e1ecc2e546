"""Errors whose message is meant for the user, in the user's language."""


class ApplicationError(Exception):
    """A business rule refused the request; `message` says why, for the user."""

    # The HTTP status of a page that shows the refusal (core.refusals.refuse): the one mapping of
    # service errors to responses.
    status = 400

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class ConcurrentEditError(ApplicationError):
    """Someone else saved the same record since this user loaded it; nothing was overwritten."""

    status = 409
