"""A local fake of Discord's API v10 (REST + gateway) for end-to-end tests of real discord.py clients."""

from tests.e2e.fake_discord.interactions import CommandHidden
from tests.e2e.fake_discord.limits import Fault
from tests.e2e.fake_discord.payloads import ADMIN_PERMISSIONS, EPHEMERAL, MANAGE_GUILD, MEMBER_PERMISSIONS
from tests.e2e.fake_discord.records import InteractionRecord, SentMessage, Upload
from tests.e2e.fake_discord.server import FakeDiscord

__all__ = [
    "ADMIN_PERMISSIONS",
    "EPHEMERAL",
    "MANAGE_GUILD",
    "MEMBER_PERMISSIONS",
    "CommandHidden",
    "FakeDiscord",
    "Fault",
    "InteractionRecord",
    "SentMessage",
    "Upload",
]
