"""Discord's documented message and command limits, so the fake rejects what Discord would reject."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

NAME_RE = re.compile(r"^[-_\w]{1,32}$")


def form_error(path: str, code: str, message: str) -> dict[str, Any]:
    """Discord's 50035 'Invalid Form Body' error shape."""
    errors: dict[str, Any] = {"_errors": [{"code": code, "message": message}]}
    for key in reversed(path.split(".")):
        errors = {key: errors}
    return {"code": 50035, "message": "Invalid Form Body", "errors": errors}


def url_problem(value: Any) -> tuple[str, str] | None:
    """Discord's check of an embed URL: http(s), a host, no whitespace or control characters."""
    text = str(value)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return "URL_TYPE_INVALID_URL", "Not a well formed URL."
    try:
        parts = urlsplit(text)
    except ValueError:
        return "URL_TYPE_INVALID_URL", "Not a well formed URL."
    if parts.scheme not in ("http", "https"):
        return "URL_TYPE_INVALID_SCHEME", f'Scheme "{parts.scheme}" is not supported.'
    if not parts.hostname:
        return "URL_TYPE_INVALID_URL", "Not a well formed URL."
    return None


def _len(value: Any) -> int:
    return len(str(value)) if value is not None else 0


def embed_problem(embeds: list[dict[str, Any]]) -> dict[str, Any] | None:
    if len(embeds) > 10:
        return form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    total = 0
    limits = {"title": 256, "description": 4096}
    for i, embed in enumerate(embeds):
        if embed.get("url") is not None and (bad := url_problem(embed["url"])) is not None:
            return form_error(f"embeds.{i}.url", *bad)
        for key, limit in limits.items():
            if _len(embed.get(key)) > limit:
                return form_error(f"embeds.{i}.{key}", "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer.")
            total += _len(embed.get(key))
        footer = _len((embed.get("footer") or {}).get("text"))
        author = _len((embed.get("author") or {}).get("name"))
        if footer > 2048 or author > 256:
            return form_error(f"embeds.{i}", "BASE_TYPE_MAX_LENGTH", "Footer or author too long.")
        total += footer + author
        fields = embed.get("fields") or []
        if len(fields) > 25:
            return form_error(f"embeds.{i}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer.")
        for j, fld in enumerate(fields):
            name, value = _len(fld.get("name")), _len(fld.get("value"))
            if not name or not value:
                return form_error(f"embeds.{i}.fields.{j}", "BASE_TYPE_REQUIRED", "This field is required")
            if name > 256 or value > 1024:
                return form_error(f"embeds.{i}.fields.{j}", "BASE_TYPE_MAX_LENGTH", "Field too long.")
            total += name + value
    if total > 6000:
        return form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Embed size exceeds maximum size of 6000")
    return None


def message_problem(body: dict[str, Any], n_files: int, *, edit: bool = False) -> dict[str, Any] | None:
    """The 400 body Discord would answer for this message, or None when it is acceptable."""
    content = body.get("content")
    if _len(content) > 2000:
        return form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
    problem = embed_problem(list(body.get("embeds") or []))
    if problem is not None:
        return problem
    if len(body.get("components") or []) > 5:
        return form_error("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
    if n_files > 10:
        return form_error("files", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    has_something = content or body.get("embeds") or body.get("components") or n_files or body.get("poll")
    if not edit and not has_something:
        return {"code": 50006, "message": "Cannot send an empty message"}
    return None


def _option_problem(option: dict[str, Any], path: str) -> dict[str, Any] | None:
    if not NAME_RE.match(str(option.get("name", ""))) or str(option["name"]).lower() != option["name"]:
        return form_error(f"{path}.name", "APPLICATION_COMMAND_INVALID_NAME", "Invalid name")
    if not 1 <= _len(option.get("description")) <= 100:
        return form_error(
            f"{path}.description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    if len(option.get("choices") or []) > 25:
        return form_error(f"{path}.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    if option.get("choices") and option.get("autocomplete"):
        return form_error(f"{path}.autocomplete", "AUTOCOMPLETE_CHOICES", "Cannot have both")
    return _options_problem(list(option.get("options") or []), f"{path}.options")


def _options_problem(options: list[dict[str, Any]], path: str) -> dict[str, Any] | None:
    if len(options) > 25:
        return form_error(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    seen_optional = False
    for i, option in enumerate(options):
        if option.get("type") not in (1, 2):
            if not option.get("required"):
                seen_optional = True
            elif seen_optional:
                return form_error(
                    f"{path}.{i}",
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        problem = _option_problem(option, f"{path}.{i}")
        if problem is not None:
            return problem
    return None


def command_problem(commands: list[dict[str, Any]]) -> dict[str, Any] | None:
    if len(commands) > 100:
        return form_error("_root", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
    names: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        kind = int(command.get("type", 1))
        key = (kind, str(command.get("name")))
        if key in names:
            return form_error(f"{i}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Duplicate command name")
        names.add(key)
        if kind == 1:
            problem = _option_problem(command, str(i))
            if problem is not None:
                return problem
    return None
