"""Interaction callbacks and the interaction webhook (follow-ups, `@original` edits), as Discord runs them.

Enforced like Discord: one callback per interaction, within the deadline (3 s); the first follow-up after
a deferral replaces the "thinking…" message and keeps the deferral's ephemeral flag.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.e2e.fake_discord.payloads import EPHEMERAL, LOADING
from tests.e2e.fake_discord.records import InteractionRecord, Upload
from tests.e2e.fake_discord.validation import message_problem
from tests.e2e.fake_discord.wire import HttpError, json_response, read_body

if TYPE_CHECKING:
    from tests.e2e.fake_discord.server import FakeDiscord


def interaction_by_token(fake: FakeDiscord, request: web.Request) -> InteractionRecord:
    if request.match_info["webhook_id"] != str(fake.application_id):
        raise HttpError(404, {"message": "Unknown Webhook", "code": 10015})
    token = request.match_info["webhook_token"]
    record = next((i for i in fake.interactions.values() if i.token == token), None)
    if record is None or not record.callbacks:
        raise HttpError(404, {"message": "Unknown Webhook", "code": 10015})
    return record


async def callback(fake: FakeDiscord, request: web.Request) -> web.Response:
    record = fake.interactions.get(int(request.match_info["interaction_id"]))
    if record is None or record.token != request.match_info["interaction_token"]:
        raise HttpError(404, {"message": "Unknown interaction", "code": 10062})
    if time.monotonic() - record.dispatched_at > fake.interaction_deadline and not record.callbacks:
        record.rejected.append((404, {"code": 10062}))
        raise HttpError(404, {"message": "Unknown interaction", "code": 10062})
    if record.callbacks:
        record.rejected.append((400, {"code": 40060}))
        raise HttpError(400, {"message": "Interaction has already been acknowledged.", "code": 40060})
    body, files = await read_body(request)
    kind = int(body.get("type", 0))
    data = dict(body.get("data") or {})
    record.callbacks.append({"type": kind, "data": data, "files": files})
    record.callback_at = time.monotonic()
    result = await apply_callback(fake, record, kind, data, files)
    await fake.notify()
    if request.query.get("with_response") not in ("1", "true", "True"):
        return web.Response(status=204)
    return json_response(result)


async def apply_callback(
    fake: FakeDiscord, record: InteractionRecord, kind: int, data: dict[str, Any], files: list[Upload]
) -> dict[str, Any]:
    channel_id = int(record.payload["channel_id"])
    flags = int(data.get("flags") or 0)
    summary: dict[str, Any] = {"id": str(record.interaction_id), "type": record.payload["type"]}
    resource: dict[str, Any] | None = None
    if kind in (4, 5):
        problem = message_problem(data, len(files)) if kind == 4 else None
        if problem is not None:
            record.callbacks.pop()
            record.rejected.append((400, problem))
            raise HttpError(400, problem)
        body = {**data, "flags": (flags & EPHEMERAL) | (LOADING if kind == 5 else 0)}
        msg = fake.new_message(channel_id, body, files, interaction=record)
        record.original_id = int(msg["id"])
        if kind == 4:
            await fake.record("callback", channel_id, data, msg, files, record)
        resource = {"type": kind, "message": msg}
        summary.update(
            response_message_id=msg["id"],
            response_message_loading=kind == 5,
            response_message_ephemeral=bool(flags & EPHEMERAL),
        )
    elif kind == 7:
        target = fake.messages.get(record.original_id or 0)
        if target is None:
            raise HttpError(400, {"code": 50035, "message": "Invalid Form Body"})
        problem = message_problem(data, len(files), edit=True)
        if problem is not None:
            raise HttpError(400, problem)
        fake.apply_edit(target, data, files)
        await fake.record("update", channel_id, data, target, files, record)
        resource = {"type": kind, "message": target}
        summary.update(response_message_id=target["id"])
    elif kind == 8:
        choices = list(data.get("choices") or [])
        if len(choices) > 25 or any(len(str(c.get("name", ""))) > 100 for c in choices):
            record.callbacks.pop()
            problem = {"code": 50035, "message": "Invalid Form Body"}
            record.rejected.append((400, problem))
            raise HttpError(400, problem)
    elif kind not in (1, 6, 9):
        raise HttpError(400, {"code": 50035, "message": "Invalid interaction response type"})
    result: dict[str, Any] = {"interaction": summary}
    if resource is not None:
        result["resource"] = resource
    return result


async def post_followup(fake: FakeDiscord, request: web.Request) -> web.Response:
    record = interaction_by_token(fake, request)
    body, files = await read_body(request)
    problem = message_problem(body, len(files))
    if problem is not None:
        raise HttpError(400, problem)
    channel_id = int(record.payload["channel_id"])
    original = fake.messages.get(record.original_id or 0)
    if original is not None and int(original["flags"]) & LOADING:
        # Discord: the first follow-up after a deferral replaces the "thinking…" message.
        fake.apply_edit(original, {k: v for k, v in body.items() if k != "flags"}, files)
        msg = original
    else:
        msg = fake.new_message(
            channel_id,
            {**body, "flags": int(body.get("flags") or 0) & EPHEMERAL},
            files,
            interaction=record,
        )
    await fake.record("followup", channel_id, body, msg, files, record)
    if request.query.get("wait") in ("true", "True", "1"):
        return json_response(msg)
    return web.Response(status=204)


def webhook_message(fake: FakeDiscord, request: web.Request) -> tuple[InteractionRecord, dict[str, Any]]:
    record = interaction_by_token(fake, request)
    raw = request.match_info["message_id"]
    message_id = record.original_id if raw == "@original" else int(raw)
    msg = fake.messages.get(message_id or 0)
    if msg is None:
        raise HttpError(404, {"message": "Unknown Message", "code": 10008})
    return record, msg


async def get_webhook_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    return json_response(webhook_message(fake, request)[1])


async def patch_webhook_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    record, msg = webhook_message(fake, request)
    body, files = await read_body(request)
    problem = message_problem(body, len(files), edit=True)
    if problem is not None:
        raise HttpError(400, problem)
    fake.apply_edit(msg, body, files)
    await fake.record("edit", int(msg["channel_id"]), body, msg, files, record)
    return json_response(msg)


async def delete_webhook_message(fake: FakeDiscord, request: web.Request) -> web.Response:
    _, msg = webhook_message(fake, request)
    fake.messages.pop(int(msg["id"]), None)
    return web.Response(status=204)
