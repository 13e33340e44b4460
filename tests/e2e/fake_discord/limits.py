"""Per-route rate-limit buckets with Discord's headers, and the fault queue tests inject into.

Discord answers every REST call with X-RateLimit-* headers and 429s a bucket that runs dry; discord.py
paces itself from those headers, so a fake without them would not exercise the client's real path.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Bucket:
    limit: int
    window: float
    remaining: int
    resets_at: float  # time.time() of the next refill

    def take(self, now: float) -> bool:
        if now >= self.resets_at:
            self.remaining = self.limit
            self.resets_at = now + self.window
        if self.remaining <= 0:
            return False
        self.remaining -= 1
        return True


def bucket_hash(route: str) -> str:
    """An opaque per-route id like Discord's X-RateLimit-Bucket."""
    return hashlib.sha1(route.encode()).hexdigest()[:16]


@dataclass
class RateLimiter:
    limit: int = 50
    window: float = 1.0
    buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)

    def check(self, route: str, major: str) -> tuple[bool, dict[str, str]]:
        """Spend one request from (route, major parameter); return whether it may go and its headers."""
        now = time.time()
        bucket = self.buckets.get((route, major))
        if bucket is None:
            bucket = Bucket(self.limit, self.window, self.limit, now + self.window)
            self.buckets[(route, major)] = bucket
        allowed = bucket.take(now)
        reset_after = max(bucket.resets_at - now, 0.0)
        headers = {
            "X-RateLimit-Limit": str(bucket.limit),
            "X-RateLimit-Remaining": str(bucket.remaining),
            "X-RateLimit-Reset": f"{bucket.resets_at:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket_hash(route),
        }
        return allowed, headers


@dataclass(frozen=True)
class Fault:
    """One canned failure answered instead of the real handler."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def rate_limited(cls, retry_after: float = 0.2, *, is_global: bool = False) -> Fault:
        return cls(
            429,
            {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global},
            {"Retry-After": f"{retry_after}", "X-RateLimit-Scope": "global" if is_global else "user"},
        )

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        return cls(status, {"message": f"{status}: Internal Server Error", "code": 0})

    @classmethod
    def missing_permissions(cls) -> Fault:
        return cls(403, {"message": "Missing Permissions", "code": 50013})


@dataclass
class FaultQueue:
    queues: dict[tuple[str, str], deque[Fault]] = field(default_factory=dict)

    def push(self, method: str, route: str, fault: Fault, times: int = 1) -> None:
        queue = self.queues.setdefault((method.upper(), route), deque())
        queue.extend([fault] * times)

    def pop(self, method: str, route: str) -> Fault | None:
        queue = self.queues.get((method.upper(), route))
        return queue.popleft() if queue else None


def error_response(status: int, body: dict[str, Any], headers: dict[str, str]) -> web.Response:
    all_headers = dict(headers)
    if status == 429:
        # Discord's edge adds Via; discord.py treats a 429 without it as a Cloudflare ban.
        all_headers.setdefault("Via", "1.1 google")
    all_headers["Content-Type"] = "application/json"
    return web.Response(status=status, body=json.dumps(body).encode(), headers=all_headers)
