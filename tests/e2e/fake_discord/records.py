"""What the fake saw: messages the bot sent, interactions it answered, raw requests (for assertions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.e2e.fake_discord.payloads import EPHEMERAL


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class SentMessage:
    """One message the bot created or edited; `body` is exactly what it sent, `message` what Discord kept."""

    kind: str  # "channel", "callback", "followup", "edit", "update"
    channel_id: int
    body: dict[str, Any]
    message: dict[str, Any]
    files: list[Upload]
    at: float

    @property
    def content(self) -> str:
        return str(self.message.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.message.get("embeds") or [])

    @property
    def components(self) -> list[dict[str, Any]]:
        return list(self.message.get("components") or [])

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.message.get("flags") or 0) & EPHEMERAL)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        value = self.body.get("allowed_mentions")
        return value if isinstance(value, dict) else None

    def text(self) -> str:
        """Content plus every embed's visible text, for 'does the user see X' assertions."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [str(embed.get(k) or "") for k in ("title", "description")]
            parts += [str((embed.get("footer") or {}).get("text") or "")]
            parts += [str((embed.get("author") or {}).get("name") or "")]
            for fld in embed.get("fields") or []:
                parts += [str(fld.get("name") or ""), str(fld.get("value") or "")]
        return "\n".join(p for p in parts if p)

    def custom_ids(self) -> list[str]:
        ids: list[str] = []
        for row in self.components:
            for item in row.get("components") or []:
                if "custom_id" in item:
                    ids.append(str(item["custom_id"]))
        return ids


@dataclass
class InteractionRecord:
    """One INTERACTION_CREATE the fake dispatched and everything the bot answered on its token."""

    interaction_id: int
    token: str
    payload: dict[str, Any]
    dispatched_at: float
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    callback_at: float | None = None
    original_id: int | None = None
    messages: list[SentMessage] = field(default_factory=list)
    rejected: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    @property
    def callback_type(self) -> int | None:
        return int(self.callbacks[0]["type"]) if self.callbacks else None

    @property
    def settled(self) -> bool:
        """True once a user would see a final answer (deferrals need an edit or a follow-up)."""
        if self.callback_type in (5, 6):
            return any(m.kind in ("edit", "followup") for m in self.messages)
        return self.callback_type is not None

    @property
    def reply(self) -> SentMessage:
        """The latest message the user sees for this interaction."""
        if not self.messages:
            raise AssertionError(f"interaction answered no message (callbacks {self.callbacks})")
        return self.messages[-1]

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices (callback type 8)."""
        for cb in self.callbacks:
            if int(cb["type"]) == 8:
                return list((cb.get("data") or {}).get("choices") or [])
        raise AssertionError(f"no autocomplete result (callbacks {self.callbacks})")

    @property
    def ephemeral(self) -> bool:
        return self.reply.ephemeral

    @property
    def latency(self) -> float | None:
        return None if self.callback_at is None else self.callback_at - self.dispatched_at


@dataclass(frozen=True)
class RequestRecord:
    method: str
    route: str  # the documented path template, e.g. /channels/{channel_id}/messages
    path: str
    status: int
    at: float
