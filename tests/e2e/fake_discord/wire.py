"""Request and response plumbing shared by the fake's handlers: Discord's JSON, errors and uploads."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, web

from tests.e2e.fake_discord.records import Upload


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with Discord's exact `Content-Type: application/json` (discord.py compares it verbatim)."""
    return web.Response(
        status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )


class HttpError(Exception):
    """Raised by handlers to answer with Discord's JSON error body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message"))
        self.status = status
        self.body = body


async def read_body(request: web.Request) -> tuple[dict[str, Any], list[Upload]]:
    """JSON body, or multipart `payload_json` + `files[n]` parts, as Discord's docs describe uploads."""
    if request.content_type == "multipart/form-data":
        body: dict[str, Any] = {}
        files: list[Upload] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            if part.name == "payload_json":
                body = json.loads(data)
            elif part.name and part.name.startswith("files["):
                files.append(
                    Upload(
                        filename=part.filename or "file",
                        content_type=part.headers.get("Content-Type", "application/octet-stream"),
                        data=bytes(data),
                    )
                )
        return body, files
    if not request.can_read_body:
        return {}, []
    try:
        loaded = await request.json()
    except ValueError:
        raise HttpError(400, {"code": 50109, "message": "The request body contains invalid JSON."}) from None
    if not isinstance(loaded, dict):
        raise HttpError(400, {"code": 50035, "message": "Invalid Form Body"})
    return loaded, []
