"""Scheduled digests and real-time alerts per server, posted exactly once.

Schedule: each server picks a local time (HH:MM) and an IANA time zone. The *slot* due at a moment is
the latest local HH:MM at or before it (a time that does not exist on a spring-forward day falls an hour
later; an ambiguous one on a fall-back day is its first occurrence). `guilds.last_slot_at` is the latest
slot handled, so after downtime only the LATEST missed slot is due: a server catches up once, not once
per missed day. A digest holds the stories since the server's last DELIVERED digest (the first one: since
a day before set-up, so `/digest now` right after set-up shows something; never more than 7 days back)
up to the moment it is built; nothing new means no post, recorded so `/digest status` can say
"nothing new since …".

Idempotency (the Delivery protocol):
1. record a Delivery ('pending', key = the slot in UTC, with the digest window) in its own transaction;
2. post through the `DeliverySink`;
3. mark it 'posted' and advance the server's window and slot in one transaction.
UNIQUE (guild_id, kind, key) means a second attempt finds the row: 'posted' → never posted again.
A 'pending' row found later (at start-up, or on the next tick) means the process died between 1 and 3,
so nobody knows whether Discord has the message. It is resolved by re-posting the SAME window with
`resumed=True` and the same key; a sink must make that safe: the Discord sink sends a nonce derived from
the key with `enforce_nonce` (Discord returns the earlier message instead of creating a second one) and,
for resumed posts, first looks in the channel's recent messages for one of its own carrying the key.
Failures: `DeliveryError(permanent=True)` (missing permission, deleted channel) marks the server's
config problem (shown in /digest status, cleared by the next /digest setup or /alerts) and the slot is
skipped; `DeliveryError(refused=True)` (Discord refused that one message) skips only that delivery,
records why and shows it in /digest status, so one bad story never holds back the posts after it; a
transient error leaves the slot due, so the next tick retries it.

Alerts: stories at or above the server's level, after the server's story cursor, one Delivery per
story and channel (key "story:<id>:level:<n>", plus "@<channel>" outside the alerts channel), so a
story is announced once per channel however many articles join it. Follows (bot/follow_routes.py) add
channels and the roles to ping there; the cursor passes a story only when every channel's post is done.
A sacking confirmed after it was announced as reported edits that message in place (`Alert.replaces`).

The package: models (the values), rendering (their plain text), schedule (slot maths), zones (time-zone
names and autocomplete), delivery (posting one item), alerts (routing stories) and service (the loop).
"""

from bot.digest.delivery import DeliverySink, TickReport
from bot.digest.models import (
    CONFIRMED,
    SETTLED,
    WITHDRAWN,
    Alert,
    DeliveryError,
    Digest,
    DigestEntry,
    DigestStatus,
    DigestStory,
    StorySource,
)
from bot.digest.rendering import LEVEL_NAMES, format_local, level_label
from bot.digest.schedule import MAX_WINDOW, latest_slot, next_slot, parse_time
from bot.digest.service import CONSOLE_GUILD_ID, TICK_SECONDS, DigestService
from bot.digest.zones import parse_timezone, timezone_choices

__all__ = [
    "CONFIRMED",
    "CONSOLE_GUILD_ID",
    "LEVEL_NAMES",
    "MAX_WINDOW",
    "SETTLED",
    "TICK_SECONDS",
    "WITHDRAWN",
    "Alert",
    "DeliveryError",
    "DeliverySink",
    "Digest",
    "DigestEntry",
    "DigestService",
    "DigestStatus",
    "DigestStory",
    "StorySource",
    "TickReport",
    "format_local",
    "latest_slot",
    "level_label",
    "next_slot",
    "parse_time",
    "parse_timezone",
    "timezone_choices",
]
