"""What the news service answers to front ends: frozen dataclasses with to_dict() and to_text()."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.feeds import FeedRow


@dataclass(frozen=True, slots=True)
class FeedStatus:
    id: int
    url: str
    outlet: str
    language: str
    is_default: bool
    last_success_at: datetime | None
    failures: int
    last_error: str | None
    disabled_reason: str | None

    @classmethod
    def from_row(cls, row: FeedRow) -> FeedStatus:
        return cls(
            id=row.id,
            url=row.url,
            outlet=row.outlet,
            language=row.language,
            is_default=row.is_default,
            last_success_at=row.last_success_at,
            failures=row.failures,
            last_error=row.last_error,
            disabled_reason=row.disabled_reason,
        )

    @property
    def state(self) -> str:
        if self.disabled_reason:
            return "disabled"
        if self.failures:
            return "failing"
        return "ok" if self.last_success_at else "new"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "language": self.language,
            "is_default": self.is_default,
            "state": self.state,
            "last_success_at": self.last_success_at.isoformat() if self.last_success_at else None,
            "failures": self.failures,
            "last_error": self.last_error,
            "disabled_reason": self.disabled_reason,
        }

    def to_text(self) -> str:
        kind = "default" if self.is_default else "custom"
        line = f"#{self.id} [{self.state}] {self.outlet} ({kind}, {self.language}) {self.url}"
        if self.disabled_reason:
            line += f"\n    disabled: {self.disabled_reason}"
        elif self.failures:
            line += f"\n    {self.failures} failure(s), last: {self.last_error}"
        return line


@dataclass(frozen=True, slots=True)
class PollReport:
    feeds: int
    ok: int  # 2xx answers with a feed
    not_modified: int  # 304s
    failures: int
    new: int
    updated: int
    disabled: int = 0  # feeds disabled during this poll
    errors: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (url, reason)

    def to_dict(self) -> dict[str, Any]:
        return {
            "feeds": self.feeds,
            "ok": self.ok,
            "not_modified": self.not_modified,
            "failures": self.failures,
            "new": self.new,
            "updated": self.updated,
            "disabled": self.disabled,
            "errors": [{"url": url, "reason": reason} for url, reason in self.errors],
        }

    def to_text(self) -> str:
        lines = [
            f"Polled {self.feeds} feed(s): {self.ok} fetched, {self.not_modified} unchanged (304), "
            f"{self.failures} failed; {self.new} new article(s), {self.updated} updated."
        ]
        if self.disabled:
            lines.append(f"{self.disabled} feed(s) disabled after repeated failures (see `feeds list`).")
        lines.extend(f"  ! {url}: {reason}" for url, reason in self.errors[:20])
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class IngestReport:
    files: int
    feeds: int  # files read as feeds
    items: int
    new: int
    updated: int
    duplicates: int
    skipped: tuple[tuple[str, str], ...] = ()  # (file, reason): not a feed, unreadable, refused
    failed: tuple[tuple[str, str], ...] = ()  # (file, reason): a feed we could not store

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": self.files,
            "feeds": self.feeds,
            "items": self.items,
            "new": self.new,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "skipped": [{"file": name, "reason": reason} for name, reason in self.skipped],
            "failed": [{"file": name, "reason": reason} for name, reason in self.failed],
        }

    def to_text(self) -> str:
        lines = [
            f"Read {self.files} file(s): {self.feeds} feed(s), {self.items} item(s); "
            f"{self.new} new, {self.updated} updated, {self.duplicates} already stored."
        ]
        lines.extend(f"  skipped {name}: {reason}" for name, reason in self.skipped)
        lines.extend(f"  FAILED {name}: {reason}" for name, reason in self.failed)
        return "\n".join(lines)
