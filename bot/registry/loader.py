"""Reads the bundled TOML data into a validated `Registry`, once per process.

Data lives in `bot/registry/data/`: `leagues.toml`, `clubs/<league>.toml`, `people/*.toml`. Its
version is a hash of the files, so the store can tell when the bundle changed.
"""

from __future__ import annotations

import hashlib
import tomllib
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from bot.registry.model import PERSON_ROLES, Club, Person, Tenure
from bot.registry.registry import League, Registry, RegistryDataError


def _files(folder: Traversable) -> list[Traversable]:
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def _date(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        text = str(value)
        if len(text) == 4:  # a bare year: the season's usual start or end is close enough
            return date(int(text), 7, 1)
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        return date.fromisoformat(text)
    except ValueError as exc:
        raise RegistryDataError(f"{where}: bad date {value!r}") from exc


def _tenure(raw: object, where: str) -> Tenure:
    """`[club, from, to]` or `[club, from, to, role]`; "" for an unknown or open date."""
    if not isinstance(raw, list) or not 3 <= len(raw) <= 4:
        raise RegistryDataError(
            f"{where}: a tenure is [club, from, to] or [club, from, to, role], got {raw!r}"
        )
    role = str(raw[3]) if len(raw) == 4 else "manager"
    return Tenure(str(raw[0]), role, _date(raw[1], where), _date(raw[2], where))


def parse_leagues(data: dict[str, Any]) -> list[League]:
    return [
        League(code, str(body["name"]), str(body["country"]), tuple(body.get("aliases", ())))
        for code, body in data.get("leagues", {}).items()
    ]


def parse_clubs(
    data: dict[str, Any], leagues: dict[str, League], where: str
) -> tuple[list[Club], dict[str, list[str]]]:
    league_code = str(data.get("league", ""))
    if league_code not in leagues:
        raise RegistryDataError(f"{where}: unknown league {league_code!r}")
    clubs: list[Club] = []
    ambiguous: dict[str, list[str]] = {}
    for raw in data.get("clubs", []):
        try:
            key = str(raw["key"])
            name = str(raw["name"])
        except KeyError as exc:
            raise RegistryDataError(f"{where}: a club lacks {exc}") from exc
        weak = [str(a) for a in raw.get("ambiguous", [])]
        aliases = tuple(dict.fromkeys([*map(str, raw.get("aliases", [])), *weak]))
        clubs.append(
            Club(
                key=key,
                name=name,
                short_name=str(raw.get("short", name)),
                league=str(raw.get("league", league_code)),
                country=str(raw.get("country", leagues[league_code].country)),
                aliases=aliases,
            )
        )
        if weak:
            ambiguous[key] = weak
    return clubs, ambiguous


def parse_people(
    data: dict[str, Any], where: str
) -> tuple[list[Person], dict[str, list[str]], dict[str, str]]:
    people: list[Person] = []
    ambiguous: dict[str, list[str]] = {}
    surnames: dict[str, str] = {}
    for raw in data.get("people", []):
        try:
            key = str(raw["key"])
            name = str(raw["name"])
            role = str(raw["role"])
        except KeyError as exc:
            raise RegistryDataError(f"{where}: a person lacks {exc}") from exc
        if role not in PERSON_ROLES:
            raise RegistryDataError(f"{where}: {key!r} has unknown role {role!r}")
        weak = [str(a) for a in raw.get("ambiguous", [])]
        aliases = tuple(dict.fromkeys([*map(str, raw.get("aliases", [])), *weak]))
        tenures = tuple(_tenure(t, f"{where} {key}") for t in raw.get("tenures", []))
        people.append(
            Person(
                key=key,
                name=name,
                role=role,
                aliases=aliases,
                tenures=tenures,
                club_key=raw.get("club"),
                title=raw.get("title"),
                nationality=raw.get("nationality"),
            )
        )
        if weak:
            ambiguous[key] = weak
        if "surname" in raw:
            surnames[key] = str(raw["surname"])
    return people, ambiguous, surnames


@cache
def load_registry() -> Registry:
    """The bundled registry, parsed and validated once (raises RegistryDataError on bad data)."""
    root = resources.files("bot.registry") / "data"
    digest = hashlib.sha256()

    def read(entry: Traversable) -> dict[str, Any]:
        text = entry.read_bytes()
        digest.update(entry.name.encode() + b"\0" + text)
        try:
            return tomllib.loads(text.decode("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RegistryDataError(f"{entry.name}: {exc}") from exc

    leagues = {league.code: league for league in parse_leagues(read(root / "leagues.toml"))}
    clubs: list[Club] = []
    people: list[Person] = []
    ambiguous: dict[str, list[str]] = {}
    surnames: dict[str, str] = {}
    for entry in _files(root / "clubs"):
        more, weak = parse_clubs(read(entry), leagues, entry.name)
        clubs += more
        ambiguous.update(weak)
    for entry in _files(root / "people"):
        found, weak, named = parse_people(read(entry), entry.name)
        people += found
        ambiguous.update(weak)
        surnames.update(named)
    return Registry(
        leagues.values(),
        clubs,
        people,
        ambiguous=ambiguous,
        surnames=surnames,
        version=digest.hexdigest()[:16],
    )
