"""INTERACTION_CREATE payloads built the way Discord builds them, from the commands the bot registered.

Options are checked against the registered schema (unknown or missing required options, values outside
`choices`) because Discord's client refuses to send those; a test that needs one is testing nothing real.
"""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING, Any

from tests.e2e.fake_discord import payloads
from tests.e2e.fake_discord.payloads import Channel, Member
from tests.e2e.fake_discord.records import InteractionRecord

if TYPE_CHECKING:
    from tests.e2e.fake_discord.server import FakeDiscord

APPLICATION_COMMAND, COMPONENT, AUTOCOMPLETE = 2, 3, 4
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 3, 4, 5, 6, 7, 8, 9, 10, 11


ADMINISTRATOR = 1 << 3


class CommandHidden(AssertionError):
    """Discord would not show this command to this member (its permissions, no override), so the
    member cannot run it and the bot never hears of the attempt."""


class InteractionBuilder:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    # ----- public ---------------------------------------------------------------------------------
    async def invoke(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        member: Member | None = None,
        member_perms: int | None = None,
        channel_id: int | None = None,
        timeout: float = 15.0,
        settle: bool = True,
        locale: str = "en-GB",
    ) -> InteractionRecord:
        """Run `/name` (e.g. "digest setup") as a user would; return once the user sees an answer.

        Like Discord, it refuses (CommandHidden) a member the command's `default_member_permissions`
        leave out, unless a server override (`fake.allow_command`) lets them in.
        """
        command, path, schema = self._find(name)
        who = member or self.fake.admin
        self._check_permissions(command, who, member_perms if member_perms is not None else who.permissions)
        built, resolved = self._options(schema, options or {}, focused=None)
        data = self._command_data(command, path, built, resolved)
        record = await self._dispatch(
            APPLICATION_COMMAND, data, member, member_perms, channel_id, locale=locale
        )
        await self._settle(record, timeout, f"/{name}", settle)
        return record

    async def autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        focused: str,
        *,
        member: Member | None = None,
        timeout: float = 10.0,
    ) -> list[dict[str, Any]]:
        """Type `options[focused]` into option `focused` of `/name`; return the choices shown."""
        command, path, schema = self._find(name)
        built, resolved = self._options(schema, options, focused=focused)
        data = self._command_data(command, path, built, resolved)
        record = await self._dispatch(AUTOCOMPLETE, data, member, None, None)
        await self._settle(record, timeout, f"autocomplete /{name} {focused}", True)
        return record.choices

    async def click(
        self,
        message_id: int,
        custom_id: str,
        *,
        member: Member | None = None,
        timeout: float = 15.0,
    ) -> InteractionRecord:
        """Press the button `custom_id` on message `message_id`."""
        message = self.fake.messages.get(message_id)
        if message is None:
            raise AssertionError(f"no message {message_id} to click on")
        ids = [
            c.get("custom_id") for row in message.get("components") or [] for c in row.get("components") or []
        ]
        if custom_id not in ids:
            raise AssertionError(f"message has no component {custom_id!r} (has {ids})")
        data = {"custom_id": custom_id, "component_type": 2}
        channel_id = int(message["channel_id"])
        record = await self._dispatch(
            COMPONENT, data, member, None, channel_id, message=message, original_id=message_id
        )
        await self._settle(record, timeout, f"button {custom_id}", True)
        return record

    # ----- permissions ----------------------------------------------------------------------------
    def _check_permissions(self, command: dict[str, Any], member: Member, permissions: int) -> None:
        """Discord's rule: a server override for the member, one of their roles or @everyone decides;
        otherwise the member needs every bit of `default_member_permissions` (administrators pass)."""
        overrides = self.fake.command_overrides.get(command["name"], {})
        for target in (member.user_id, *member.role_ids, self.fake.guild.guild_id):
            if target in overrides:
                if overrides[target]:
                    return
                raise CommandHidden(f"a server override hides /{command['name']} from {member.username}")
        required = command.get("default_member_permissions")
        if required is None or permissions & ADMINISTRATOR:
            return
        needed = int(required)
        if needed == 0 or permissions & needed != needed:
            raise CommandHidden(
                f"/{command['name']} needs permissions {needed}; {member.username} lacks them"
            )

    # ----- building -------------------------------------------------------------------------------
    def _find(self, name: str) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]]:
        root, *path = name.split()
        commands = self.fake.commands.get(self.fake.guild.guild_id, []) + self.fake.commands.get(None, [])
        command = next((c for c in commands if c["name"] == root and int(c.get("type", 1)) == 1), None)
        if command is None:
            known = sorted(c["name"] for c in commands)
            raise AssertionError(f"/{root} is not registered (registered: {known})")
        schema: list[dict[str, Any]] = list(command.get("options") or [])
        for part in path:
            sub = next(
                (o for o in schema if o["name"] == part and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)),
                None,
            )
            if sub is None:
                raise AssertionError(f"/{root} has no subcommand {part!r}")
            schema = list(sub.get("options") or [])
        if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
            raise AssertionError(f"/{name} needs a subcommand; Discord cannot invoke a group")
        return command, path, schema

    def _options(
        self, schema: list[dict[str, Any]], values: dict[str, Any], focused: str | None
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        unknown = set(values) - {o["name"] for o in schema}
        if unknown:
            raise AssertionError(
                f"unknown options {sorted(unknown)}; schema has {[o['name'] for o in schema]}"
            )
        built: list[dict[str, Any]] = []
        resolved: dict[str, Any] = {}
        for option in schema:
            name = option["name"]
            if name not in values:
                if option.get("required") and focused is None:
                    raise AssertionError(f"required option {name!r} missing")
                continue
            value = values[name]
            if name == focused:
                built.append({"name": name, "type": option["type"], "value": str(value), "focused": True})
                continue
            built.append(
                {"name": name, "type": option["type"], "value": self._value(option, value, resolved)}
            )
        return built, resolved

    def _value(self, option: dict[str, Any], value: Any, resolved: dict[str, Any]) -> Any:
        kind = option["type"]
        if kind == CHANNEL:
            channel = value if isinstance(value, Channel) else self.fake.guild.channel(int(value))
            if channel is None:
                raise AssertionError(f"no channel {value}")
            allowed = option.get("channel_types")
            if allowed and channel.kind not in allowed:
                raise AssertionError(f"channel type {channel.kind} not allowed for {option['name']}")
            perms = payloads.ADMIN_PERMISSIONS
            resolved.setdefault("channels", {})[str(channel.channel_id)] = channel.resolved(perms)
            return str(channel.channel_id)
        if kind in (USER, MENTIONABLE):
            member = value if isinstance(value, Member) else self.fake.guild.member(int(value))
            if member is None:
                raise AssertionError(f"no member {value}")
            resolved.setdefault("users", {})[str(member.user_id)] = member.payload()["user"]
            m = member.payload(with_permissions=True)
            m.pop("user")
            resolved.setdefault("members", {})[str(member.user_id)] = m
            return str(member.user_id)
        if kind == ROLE:
            role = self.fake.guild.role(int(value))
            if role is None:
                raise AssertionError(f"no role {value}")
            resolved.setdefault("roles", {})[str(role.role_id)] = role.payload()
            return str(role.role_id)
        converted: Any
        if kind == INTEGER:
            converted = int(value)
        elif kind == NUMBER:
            converted = float(value)
        elif kind == BOOLEAN:
            converted = bool(value)
        else:
            converted = str(value)
        choices = option.get("choices")
        if choices and converted not in [c["value"] for c in choices]:
            raise AssertionError(f"{converted!r} is not a choice of {option['name']}: {choices}")
        return converted

    def _command_data(
        self, command: dict[str, Any], path: list[str], built: list[dict[str, Any]], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        options = built
        for part in reversed(path):
            kind = SUB_COMMAND if part == path[-1] and options is built else SUB_COMMAND_GROUP
            options = [{"name": part, "type": kind, "options": options}]
        data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        return data

    async def _dispatch(
        self,
        kind: int,
        data: dict[str, Any],
        member: Member | None,
        member_perms: int | None,
        channel_id: int | None,
        *,
        message: dict[str, Any] | None = None,
        original_id: int | None = None,
        locale: str = "en-GB",
    ) -> InteractionRecord:
        fake = self.fake
        who = member or fake.admin
        perms = member_perms if member_perms is not None else who.permissions
        member_payload = who.payload(with_permissions=True)
        member_payload["permissions"] = str(perms)
        channel = fake.guild.channel(channel_id) if channel_id is not None else fake.guild.channels[0]
        if channel is None:
            raise AssertionError(f"no channel {channel_id}")
        interaction_id = fake.ids.next()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(fake.application_id),
            "type": kind,
            "data": data,
            "guild": {"id": str(fake.guild.guild_id), "locale": fake.guild.locale, "features": []},
            "guild_id": str(fake.guild.guild_id),
            "channel": channel.resolved(perms),
            "channel_id": str(channel.channel_id),
            "member": member_payload,
            "token": token,
            "version": 1,
            "app_permissions": str(fake.bot.permissions),
            "locale": locale,
            "guild_locale": fake.guild.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(fake.guild.guild_id)},
            "context": 0,
            "attachment_size_limit": 10_485_760,
        }
        if message is not None:
            payload["message"] = message
        record = InteractionRecord(interaction_id, token, payload, time.monotonic(), original_id=original_id)
        fake.interactions[interaction_id] = record
        await fake.gateway.dispatch("INTERACTION_CREATE", payload)
        return record

    async def _settle(self, record: InteractionRecord, timeout: float, what: str, settle: bool) -> None:
        if not settle:
            return
        await self.fake.wait_until(
            lambda: record.settled or bool(record.rejected), timeout, f"an answer to {what}"
        )
