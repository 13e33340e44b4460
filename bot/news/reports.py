"""What the news service answers to front ends: frozen dataclasses with to_dict() and to_text()."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.feed_choices import SwitchedOff
from storage.feeds import FeedRow


def _day(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d}"


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """A feed's health and why it is in a server's list: `origin` is "bundled" (a default feed for
    its language), "operator" (shared, added from the CLI) or "own" (added by the server's admins);
    `off_here` is set when the server switched this shared feed off for itself."""

    id: int
    url: str
    outlet: str
    language: str
    is_default: bool
    last_success_at: datetime | None
    failures: int
    last_error: str | None
    disabled_reason: str | None
    origin: str = "bundled"
    added_by: int | None = None
    added_at: datetime | None = None
    disabled_at: datetime | None = None
    off_here: SwitchedOff | None = None

    @classmethod
    def from_row(
        cls,
        row: FeedRow,
        *,
        added: tuple[int | None, datetime] | None = None,
        off_here: SwitchedOff | None = None,
    ) -> FeedStatus:
        origin = "bundled" if row.is_default else "operator" if row.shared else "own"
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
            origin=origin,
            added_by=added[0] if added else None,
            added_at=added[1] if added else None,
            disabled_at=row.disabled_at,
            off_here=off_here,
        )

    @property
    def state(self) -> str:
        if self.disabled_reason:
            return "disabled"
        if self.off_here:
            return "off"
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
            "origin": self.origin,
            "added_by": self.added_by,
            "added_at": self.added_at.isoformat() if self.added_at else None,
            "disabled_at": self.disabled_at.isoformat() if self.disabled_at else None,
            "switched_off_here": None
            if self.off_here is None
            else {
                "since": self.off_here.changed_at.isoformat(),
                "by": self.off_here.changed_by,
                "language": self.off_here.by_language,
            },
        }

    def why(self) -> str:
        """Why the feed is in the list, in plain English (the CLI and console; Discord localises)."""
        if self.origin == "bundled":
            return f"bundled default feed for language {self.language}"
        if self.origin == "operator":
            return "added by the operator (shared with every server)"
        if self.added_at is None:
            return "added by this server"
        who = f"member {self.added_by}" if self.added_by else "an admin"
        return f"added by {who} on {_day(self.added_at)}"

    def to_text(self) -> str:
        kind = "default" if self.is_default else "custom"
        line = f"#{self.id} [{self.state}] {self.outlet} ({kind}, {self.language}) {self.url}"
        if self.disabled_reason:
            line += f"\n    disabled: {self.disabled_reason}"
            since = f"since {_day(self.disabled_at)}, " if self.disabled_at else ""
            line += (
                f"\n    disabled {since}after {self.failures} failure(s); `feeds retry {self.id}` tries again"
            )
        elif self.failures:
            line += f"\n    {self.failures} failure(s), last: {self.last_error}"
        line += f"\n    why: {self.why()}"
        if self.off_here is not None:
            scope = f" (language {self.off_here.by_language})" if self.off_here.by_language else ""
            line += f"\n    switched off here since {_day(self.off_here.changed_at)}{scope}"
        return line


@dataclass(frozen=True, slots=True)
class SwitchReport:
    """What `/feeds bundled` changed in one server: a language's bundled feeds, or one feed."""

    on: bool
    language: str | None
    feeds: tuple[FeedStatus, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.on,
            "language": self.language,
            "feeds": [feed.to_dict() for feed in self.feeds],
        }

    def to_text(self) -> str:
        state = "on" if self.on else "off"
        what = f"language {self.language}'s bundled feeds" if self.language else "that feed"
        lines = [f"Switched {what} {state} here ({len(self.feeds)} feed(s)):"]
        lines.extend(f"  #{feed.id} {feed.outlet} ({feed.language})" for feed in self.feeds)
        return "\n".join(lines)


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
