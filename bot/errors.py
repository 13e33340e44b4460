"""Errors meant for people: every front end shows the message, never a traceback.

The message is a template with `{name}` placeholders and their values, so Discord can show it in the
reader's language (the catalogues in bot/i18n translate the template); `message` is the English text.
"""

from typing import Any


class UserError(Exception):
    """Bad input or a question the store cannot answer; the message says what to do next."""

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values
        self.message = template.format(**values) if values else template
        super().__init__(self.message)
