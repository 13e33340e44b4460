"""Football answers for every front end: match imports, tables and gaps as of any date, claim checks.

Tables are computed from the stored matches (see `bot.football.table`); each league season is loaded
once and its tables cached per date (`bot.football.season`), keyed by a cheap fingerprint of the
season's rows so an import by this or another process invalidates them. Club names go through the
registry; the matches keep the data's own spellings, mapped to registry keys once per spelling. The
scheduled refresh from the providers lives in `bot.football.refresh`, the claim wording in
`bot.football.claims`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from importlib import resources
from zoneinfo import ZoneInfo

import httpx

from bot.analysis.models import GapClaim
from bot.config import Settings
from bot.errors import UserError
from bot.football import claims, footballdata, openfootball, refresh
from bot.football.fetch import expand_sources, load_source
from bot.football.leagues import LEAGUES, League, find_league, league_by_code, resolve_league
from bot.football.results import (
    FileImport,
    GapResult,
    GapSide,
    ImportReport,
    LeagueInfo,
    TableResult,
    TableRow,
)
from bot.football.season import LoadedSeason, SeasonSpan
from bot.football.status import DataProblem
from bot.football.table import Adjustment, MatchRecord, OfficialLine, Standing
from bot.registry.model import Club
from bot.registry.names import fold
from bot.registry.service import RegistryService
from storage import Store
from storage import matches as q

log = logging.getLogger(__name__)


def _bundled_adjustments() -> list[q.AdjustmentIn]:
    """The sanctions file shipped with Hotseat (see adjustments.json for sources and conventions)."""
    raw = json.loads((resources.files("bot.football") / "adjustments.json").read_text(encoding="utf-8"))
    return [
        q.AdjustmentIn(a["league"], a["season"], a["team"], int(a["points"]), a["effective_on"], a["reason"])
        for a in raw["adjustments"]
    ]


class FootballService:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        http: httpx.AsyncClient,
        registry: RegistryService,
        *,
        openfootball_base: str | None = None,
        football_data_base: str | None = None,
        football_data_interval: float = footballdata.FREE_TIER_INTERVAL,
    ) -> None:
        self.store = store
        self.settings = settings
        self.http = http
        self.registry = registry
        base = settings.openfootball_url if openfootball_base is None else openfootball_base
        self.openfootball_base = base.strip().rstrip("/")
        fd_base = settings.football_data_url if football_data_base is None else football_data_base
        self.football_data_base = fd_base.strip().rstrip("/")
        self.football_data_interval = football_data_interval
        self._seasons: dict[tuple[str, str], LoadedSeason] = {}
        self._spans: list[SeasonSpan] | None = None
        self._spans_version = -1

    # ---- imports

    async def import_matches(self, sources: Sequence[str]) -> ImportReport:
        """Import football.json files, folders of them, or URLs; all are checked before any is written."""
        if not sources:
            raise UserError("Give at least one football.json file or URL to import.")
        parsed: list[tuple[str, openfootball.SeasonFile]] = []
        for source in await asyncio.to_thread(expand_sources, sources):
            body = await load_source(
                self.http,
                source,
                max_bytes=self.settings.max_feed_bytes,
                time_limit=self.settings.fetch_timeout_seconds,
            )
            season_file = await asyncio.to_thread(openfootball.parse_season_file, body, source)
            parsed.append((source, season_file))
        reports = []
        for source, season_file in parsed:
            league, season = season_file.league, season_file.season
            rows = footballdata.SeasonData(_rows(season_file.matches), None)
            rows = await self._in_stored_spelling(league, season, rows)
            counts = await self._save(league, season, rows.matches, source="openfootball")
            reports.append(FileImport(source, league.code, season, *counts))
        return ImportReport(tuple(reports))

    async def _save(
        self,
        league: League,
        season: str,
        rows: Sequence[q.MatchIn],
        *,
        source: str,
        official: tuple[str, Sequence[q.OfficialIn]] | None = None,
    ) -> q.UpsertCounts:
        now = datetime.now(tz=ZoneInfo("UTC")).isoformat(timespec="microseconds")
        async with self.store.transaction() as db:
            await q.ensure_competition(db, league.code, league.name, league.country)
            counts = await q.upsert_matches(db, league.code, season, rows, source, now)
            await q.replace_adjustments(db, _bundled_adjustments())
            if official is not None:
                await q.save_official_standings(db, league.code, season, official[0], official[1])
        self._spans = None
        self._seasons.pop((league.code, season), None)
        return counts

    # ---- loading seasons

    async def _season_spans(self) -> list[SeasonSpan]:
        """Stored seasons, re-read only when some connection (another process too) committed since."""
        async with self.store.read() as db:
            version = await q.data_version(db)
            if self._spans is not None and version == self._spans_version:
                return self._spans
            rows = await q.seasons(db)
        spans = []
        for row in rows:
            league = league_by_code(row["competition"])
            if league is not None:
                spans.append(
                    SeasonSpan(
                        league,
                        row["season"],
                        date.fromisoformat(row["first_date"]),
                        date.fromisoformat(row["last_date"]),
                    )
                )
        self._spans, self._spans_version = spans, version
        return self._spans

    async def stored_seasons(self) -> set[tuple[str, str]]:
        """(league code, season) pairs with stored matches."""
        return {(span.league.code, span.season) for span in await self._season_spans()}

    async def _load(self, span: SeasonSpan) -> LoadedSeason:
        key = (span.league.code, span.season)
        async with self.store.read() as db:
            fingerprint = await q.season_fingerprint(db, *key)
            cached = self._seasons.get(key)
            if cached is not None and cached.fingerprint == fingerprint:
                return cached
            match_rows = await q.season_matches(db, *key)
            adjustment_rows = await q.adjustments(db, *key)
            official_rows = await q.official_snapshots(db, *key)
        matches = [
            MatchRecord(
                date.fromisoformat(r["match_date"]),
                r["home_team"],
                r["away_team"],
                r["home_goals"],
                r["away_goals"],
                r["status"],
                r["kickoff"],
            )
            for r in match_rows
        ]
        official: dict[date, list[OfficialLine]] = {}
        for r in official_rows:
            official.setdefault(date.fromisoformat(r["as_of"]), []).append(
                OfficialLine(r["team"], r["position"], r["played"], r["points"])
            )
        teams = {m.home for m in matches} | {m.away for m in matches}
        keys = {team: self._club_key(team) for team in teams}
        by_key = {k: t for t, k in keys.items() if k is not None}
        adjustments = [
            Adjustment(
                by_key.get(self._club_key(r["team"]) or "", r["team"]),
                r["points"],
                date.fromisoformat(r["effective_on"]),
                r["reason"],
            )
            for r in adjustment_rows
        ]
        season = LoadedSeason(
            span, fingerprint, matches, adjustments, official, keys, {t: self._display(t) for t in teams}
        )
        self._seasons[key] = season
        return season

    def _club_key(self, team: str) -> str | None:
        club = self.registry.registry.club_by_name(team)
        return club.key if club is not None else None

    def _display(self, team: str) -> str:
        club = self.registry.registry.club_by_name(team)
        return club.name if club is not None else team

    # ---- choosing a season

    def today(self) -> date:
        """Today in the bot's time zone (HOTSEAT_TIMEZONE)."""
        return datetime.now(ZoneInfo(self.settings.timezone)).date()

    @staticmethod
    def _known(spans: Sequence[SeasonSpan]) -> str:
        by_season: dict[str, tuple[date, date]] = {}
        for s in spans:
            first, last = by_season.get(s.season, (s.first, s.last))
            by_season[s.season] = (min(first, s.first), max(last, s.last))
        return ", ".join(
            f"{season} ({a.isoformat()} to {b.isoformat()})" for season, (a, b) in sorted(by_season.items())
        )

    async def _spans_for(self, league: League | None) -> list[SeasonSpan]:
        spans = await self._season_spans()
        if league is not None:
            spans = [s for s in spans if s.league.code == league.code]
        if not spans:
            if league:
                raise UserError(
                    "No {league} match data yet — an admin can load it with "
                    "`hotseat import-matches FILE|URL`.",
                    league=league.name,
                )
            raise UserError(
                "No match data yet — an admin can load it with `hotseat import-matches FILE|URL`."
            )
        return spans

    def _pick_day(self, spans: Sequence[SeasonSpan], on: date | None) -> tuple[date, list[SeasonSpan]]:
        """The day to answer for and the seasons running on it (today → else the latest season's end)."""
        day = on or self.today()
        running = [s for s in spans if s.covers(day)]
        if running:
            return day, running
        if on is None:
            latest = max(s.last for s in spans)
            return latest, [s for s in spans if s.covers(latest)]
        raise UserError(
            "No season in the data covers {day}. Known seasons: {seasons}.",
            day=day.isoformat(),
            seasons=self._known(spans),
        )

    # ---- questions

    async def table(self, league: str, on: date | None = None) -> TableResult:
        found = resolve_league(league)
        day, running = self._pick_day(await self._spans_for(found), on)
        season = await self._load(max(running, key=lambda s: s.first))
        return self._table_result(season, day)

    def _table_result(self, season: LoadedSeason, day: date) -> TableResult:
        rows = season.table(day)
        return TableResult(
            league=season.span.league.code,
            league_name=season.span.league.name,
            season=season.span.season,
            as_of=day.isoformat(),
            rows=tuple(
                TableRow(
                    position=r.position,
                    team=season.names.get(r.team, r.team),
                    club_key=season.keys.get(r.team),
                    played=r.played,
                    won=r.won,
                    drawn=r.drawn,
                    lost=r.lost,
                    goals_for=r.goals_for,
                    goals_against=r.goals_against,
                    goal_difference=r.goal_difference,
                    points=r.points,
                    form="".join(r.form),
                    adjustment=r.adjustment,
                )
                for r in rows
            ),
            official=any(r.official for r in rows),
            freshness=season.freshness(day),
        )

    async def gap(
        self, team: str, other: str, on: date | None = None, league: str | None = None
    ) -> GapResult:
        found = resolve_league(league) if league else None
        first = await self.registry.resolve_club(team)
        second = await self.registry.resolve_club(other)
        if first.key == second.key:
            raise UserError(
                "'{team}' and '{other}' are both {club}; name two different clubs.",
                team=team,
                other=other,
                club=first.name,
            )
        day, running = self._pick_day(await self._spans_for(found), on)
        return await self._gap_in(first, second, day, running)

    async def _gap_in(self, first: Club, second: Club, day: date, running: Sequence[SeasonSpan]) -> GapResult:
        """The gap in the league season (running on `day`) that holds both clubs."""
        homes: dict[str, str] = {}
        for span in sorted(running, key=lambda s: s.first, reverse=True):
            season = await self._load(span)
            clubs = set(season.keys.values())
            if first.key in clubs and second.key in clubs:
                return self._gap_result(season, first.key, second.key, day)
            for club in (first, second):
                if club.key in clubs:
                    homes.setdefault(club.key, span.league.code)
        code_a = homes.get(first.key, first.league)
        code_b = homes.get(second.key, second.league)
        if code_a != code_b:
            raise UserError(
                "{first} play in {league_a} and {second} in {league_b}; "
                "a gap only makes sense between clubs in the same league.",
                first=first.name,
                league_a=self._league_name(code_a),
                second=second.name,
                league_b=self._league_name(code_b),
            )
        missing = first.name if first.key not in homes else second.name
        leagues = ", ".join(sorted({s.league.name for s in running}))
        raise UserError(
            "No match data has {club} in a league on {day} (loaded: {leagues}); "
            "import that league's season or pick another date.",
            club=missing,
            day=day.isoformat(),
            leagues=leagues,
        )

    def _league_name(self, code: str) -> str:
        known = league_by_code(code)
        return known.name if known else self.registry.registry.league_name(code)

    def _gap_result(self, season: LoadedSeason, key_a: str, key_b: str, day: date) -> GapResult:
        row_a, row_b = season.row_for(key_a, day), season.row_for(key_b, day)
        assert row_a is not None and row_b is not None
        leader, trailer = (row_a, row_b) if row_a.position < row_b.position else (row_b, row_a)
        return GapResult(
            league=season.span.league.code,
            league_name=season.span.league.name,
            season=season.span.season,
            as_of=day.isoformat(),
            leader=self._side(season, leader),
            trailer=self._side(season, trailer),
            freshness=season.freshness(day),
        )

    @staticmethod
    def _side(season: LoadedSeason, row: Standing) -> GapSide:
        return GapSide(
            name=season.names.get(row.team, row.team),
            club_key=season.keys.get(row.team),
            position=row.position,
            played=row.played,
            points=row.points,
            remaining=row.remaining,
        )

    async def check_claim(self, claim: GapClaim, on: date) -> str | None:
        """'table agrees' or 'table says N' for a gap claim on the article's date; None if unknown.

        An article from the morning of a matchday describes the table before that day's games, so the
        claim agrees if it matches the table at the end of `on` or of the day before.
        """
        directory = self.registry.registry
        team = directory.clubs.get(claim.team_key or "") or directory.club_by_name(claim.team)
        other = directory.clubs.get(claim.other_key or "") or directory.club_by_name(claim.other)
        if team is None or other is None or team.key == other.key:
            return None
        answers: list[GapResult] = []
        for day in (on, on - timedelta(days=1)):
            try:
                spans = await self._spans_for(None)
                when, running = self._pick_day(spans, day)
                answers.append(await self._gap_in(team, other, when, running))
            except UserError:
                continue
        return claims.verdict(claim, team.key, answers) if answers else None

    async def leagues(self) -> list[LeagueInfo]:
        spans = await self._season_spans()
        return [
            LeagueInfo(
                code=lg.code,
                name=lg.name,
                country=lg.country,
                football_data_code=lg.football_data_code,
                seasons=tuple(sorted({s.season for s in spans if s.league.code == lg.code})),
            )
            for lg in LEAGUES
        ]

    async def autocomplete_leagues(self, typed: str) -> list[tuple[str, str]]:
        """(label, value) choices for a league option; empty input lists every league."""
        wanted = fold(typed)
        exact = find_league(typed) if typed.strip() else None
        choices = []
        for lg in LEAGUES:
            words = [fold(w) for w in (lg.code, lg.name, lg.country, lg.football_data_code, *lg.aliases)]
            if not wanted or lg is exact or any(wanted in w for w in words):
                choices.append((f"{lg.name} ({lg.country})", lg.code))
        return choices[:25]

    # ---- background refresh (bot/football/refresh.py)

    def football_data_client(self) -> footballdata.FootballDataClient | None:
        """A client for one refresh round, or None without FOOTBALL_DATA_TOKEN."""
        token = self.settings.football_data_token
        secret = token.get_secret_value().strip() if token is not None else ""
        if not secret:
            return None
        return footballdata.FootballDataClient(
            self.http,
            secret,
            base_url=self.football_data_base,
            min_interval=self.football_data_interval,
            timeout=self.settings.fetch_timeout_seconds,
            max_bytes=self.settings.max_feed_bytes,
        )

    async def save_provider_season(
        self, league: League, season: str, data: footballdata.SeasonData
    ) -> q.UpsertCounts:
        """Store a football-data.org season under the spellings already stored, with its standings."""
        data = await self._in_stored_spelling(league, season, data)
        return await self._save(league, season, data.matches, source="football-data", official=data.official)

    async def refresh_once(self, today: date | None = None) -> dict[str, str]:
        """One scheduled refresh of every league's matches and coaches (see bot/football/refresh.py)."""
        return await refresh.refresh_once(self, today)

    async def refresh_forever(self) -> None:
        await refresh.refresh_forever(self)

    async def refresh_problems(self) -> list[DataProblem]:
        """Competitions whose latest refresh failed (their last good data is still in use)."""
        return await refresh.problems(self)

    async def _in_stored_spelling(
        self, league: League, season: str, data: footballdata.SeasonData
    ) -> footballdata.SeasonData:
        """Rename a provider's clubs to the spellings already stored, so a fixture is never doubled."""
        spans = [s for s in await self._season_spans() if (s.league.code, s.season) == (league.code, season)]
        if not spans:
            return data
        stored = await self._load(spans[0])
        by_key = {key: team for team, key in stored.keys.items() if key is not None}

        def spelled(team: str) -> str:
            key = self._club_key(team)
            return by_key.get(key, team) if key else team

        rows = [
            m._replace(home_team=spelled(m.home_team), away_team=spelled(m.away_team)) for m in data.matches
        ]
        official = None
        if data.official is not None:
            official = (
                data.official[0],
                [line._replace(team=spelled(line.team)) for line in data.official[1]],
            )
        return footballdata.SeasonData(rows, official)


def _rows(matches: Sequence[openfootball.MatchRow]) -> list[q.MatchIn]:
    return [
        q.MatchIn(
            m.round, m.match_date.isoformat(), m.kickoff, m.home, m.away, m.home_goals, m.away_goals, m.status
        )
        for m in matches
    ]
