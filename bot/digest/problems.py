"""A server's delivery problem, stored so /digest status can show it in the reader's language.

`guilds.problem` holds a JSON object: the English template, its values, and the `reason` (itself a
problem) the template wraps. The console and JSON output use the English text; Discord translates each
template through the catalogues. Text stored before this format is shown as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Translate = Callable[..., str]


@dataclass(frozen=True, slots=True)
class Problem:
    template: str
    values: dict[str, str] = field(default_factory=dict)
    reason: Problem | None = None

    def text(self, translate: Translate | None = None) -> str:
        """The text in English, or through `translate` (a `Texts`) in the reader's language."""
        values = dict(self.values)
        if self.reason is not None:
            values["reason"] = self.reason.text(translate)
        if translate is not None:
            return translate(self.template, **values)
        return self.template.format(**values) if values else self.template

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"template": self.template, "values": self.values}
        if self.reason is not None:
            data["reason"] = self.reason.to_dict()
        return data

    def encode(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        reason = data.get("reason")
        values = {str(k): str(v) for k, v in dict(data.get("values") or {}).items()}
        return cls(str(data["template"]), values, cls.from_dict(reason) if isinstance(reason, dict) else None)

    @classmethod
    def decode(cls, stored: str | None) -> Problem | None:
        if not stored:
            return None
        try:
            data = json.loads(stored)
        except ValueError:
            return cls(stored)  # plain text from before problems were stored as templates
        if isinstance(data, dict) and isinstance(data.get("template"), str):
            return cls.from_dict(data)
        return cls(stored)
