"""Errors meant for people: every front end shows `UserError.message` as it is, never a traceback."""


class UserError(Exception):
    """Bad input or a question the store cannot answer; the message says what to do next."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
