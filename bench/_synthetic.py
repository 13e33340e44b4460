"""A realistic synthetic Hotseat store, written through the project's own write paths.

Shared by bench/store.py, bench/commands.py, bench/retention.py and tests/scale. What goes in:
- feeds: one per outlet (storage.feeds.add_custom);
- articles: N over three seasons, in time order (storage.articles.insert_many, as the news poll does);
- findings: every article gets one. Pressure findings (~5%) go through the real
  `RumourService.record_article` with a stub analyser, so stories, mentions, successor tips and the
  pressure index are exactly what the bot would write. The other ~95% are written with the same
  `RumourService._finding_row` + `storage.findings.insert` that record_article uses for a
  non-pressure finding, batched in big transactions (tests/scale checks both paths give the same row);
- matches: the shared openfootball seasons through FootballService.import_matches, else generated;
- servers: digest settings through DigestService.setup.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.analysis.models import Finding, SuccessorTip  # noqa: E402
from bot.config import Settings, load_settings  # noqa: E402
from bot.digest import DigestService  # noqa: E402
from bot.football.service import FootballService  # noqa: E402
from bot.http import make_client  # noqa: E402
from bot.models import StoredArticle  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402
from bot.registry.service import RegistryService  # noqa: E402
from bot.rumours.grouping import origins, text_signature  # noqa: E402
from bot.rumours.service import RumourService  # noqa: E402
from storage import Store, feeds  # noqa: E402
from storage import articles as articles_db  # noqa: E402
from storage import findings as findings_db  # noqa: E402
from storage import matches as matches_db  # noqa: E402
from storage.store import migration_scripts  # noqa: E402

SHARED = ROOT / ".." / "shared"
OPENFOOTBALL = SHARED / "data" / "openfootball"
OUT = ROOT / "bench" / "out"

START = datetime(2023, 8, 1, tzinfo=UTC)
NOW = datetime(2026, 5, 31, 12, 0, tzinfo=UTC)  # "today" for every question asked of the store
LEAGUES = ("en.1", "es.1", "it.1", "de.1", "fr.1")
BUILD_VERSION = 2  # bump when the generator changes, so cached stores are rebuilt
CHUNK = 5_000  # articles per write transaction

WORDS = (
    "boss faces crunch talks after defeat",
    "board backs head coach despite slump",
    "dressing room unrest grows at the club",
    "transfer window plans take shape",
    "injury blow ahead of derby",
    "fans protest after home loss",
    "academy graduate signs new deal",
    "late winner lifts the mood",
)

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Spec:
    """What to build; the cache file name is derived from it."""

    articles: int = 1_000_000
    outlets: int = 200
    pressure_share: float = 0.05
    managers: int = 300
    servers: int = 1_000
    seed: int = 7

    def cache_path(self) -> Path:
        """Keyed by the parameters and the schema text: a schema edit means a rebuild."""
        schema = hashlib.blake2b(digest_size=4)
        for _, _, sql in migration_scripts():
            schema.update(sql.encode())
        name = (
            f"store-v{BUILD_VERSION}-{schema.hexdigest()}-a{self.articles}-o{self.outlets}-p{self.pressure_share:g}"
            f"-m{self.managers}-s{self.servers}-r{self.seed}.db"
        )
        return OUT / name


@dataclass(frozen=True, slots=True)
class BuildReport:
    path: str
    articles: int
    findings: int
    pressure_findings: int
    stories: int
    mentions: int
    matches: int
    servers: int
    matches_from: str
    seconds: float
    file_bytes: int
    cached: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        return (
            f"store {self.path}: {self.articles} articles, {self.findings} findings "
            f"({self.pressure_findings} pressure), {self.stories} stories, {self.mentions} mentions, "
            f"{self.matches} matches ({self.matches_from}), {self.servers} servers; "
            f"{'cached' if self.cached else f'built in {self.seconds:.1f} s'}, "
            f"{self.file_bytes / 1e6:.1f} MB"
        )


def bench_settings(db_path: Path, **extra: object) -> Settings:
    return load_settings(
        HOTSEAT_DB=str(db_path),
        HOTSEAT_DEFAULT_FEEDS=False,
        HOTSEAT_ALLOW_PRIVATE_FEEDS=True,
        HOTSEAT_TIMEZONE="UTC",
        **extra,
    )


def stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True, slots=True)
class _Subject:
    name: str
    key: str | None
    club_key: str | None


class _Plan:
    """Who the pressure stories are about and who is tipped, drawn from the registry."""

    def __init__(self, rumours: RumourService, registry: RegistryService, spec: Spec) -> None:
        reg = registry.registry
        people = sorted(reg.people.values(), key=lambda p: p.key)
        managers = [p for p in people if p.role == "manager"][: spec.managers]
        self.subjects = [_Subject(p.name, p.key, None) for p in managers]
        for n in range(spec.managers - len(self.subjects)):  # press-only names fill up to `managers`
            self.subjects.append(_Subject(f"Coachname Pressonly{n:03d}", None, None))
        self.candidates = [p for p in people if p.role == "candidate"]
        self.rng = random.Random(spec.seed)
        self.hot: list[_Subject] = []
        self.hot_until = START
        self.rumours = rumours

    def pick(self, when: datetime) -> _Subject:
        """Most pressure is about a few managers at a time: a saga lasts two weeks."""
        if when >= self.hot_until or not self.hot:
            self.hot = self.rng.sample(self.subjects, min(20, len(self.subjects)))
            self.hot_until = when + timedelta(days=14)
        return self.rng.choice(self.hot) if self.rng.random() < 0.8 else self.rng.choice(self.subjects)

    def finding(self, when: datetime) -> Finding:
        who = self.pick(when)
        roll = self.rng.random()
        # Level 3 (decided) ends a registry tenure; keep it to press-only names so the registry
        # (and so every later article's subject) stays as bundled.
        level = 3 if roll < 0.03 and who.key is None else (2 if roll < 0.35 else 1)
        tips: tuple[SuccessorTip, ...] = ()
        if self.candidates and self.rng.random() < 0.4:
            chosen = self.rng.sample(self.candidates, self.rng.choice((1, 1, 2)))
            tips = tuple(SuccessorTip(p.name, f"{p.name} is the favourite to step in", p.key) for p in chosen)
        return Finding(
            pressure=True,
            level=level,
            score=round(0.5 + level * 0.15, 3),
            manager=who.name,
            manager_key=who.key,
            club_key=who.club_key,
            successors=tips,
        )


def _quiet_finding() -> Finding:
    return Finding(pressure=False, level=0, score=0.05)


async def _import_matches(football: FootballService, progress: Progress) -> tuple[int, str]:
    files = sorted(str(p) for p in OPENFOOTBALL.glob("*/*.json")) if OPENFOOTBALL.is_dir() else []
    if files:
        report = await football.import_matches(files)
        progress(f"imported matches from {len(files)} openfootball files")
        return _count(report), "openfootball"
    return await _generate_matches(football.store), "generated"


def _count(report: object) -> int:
    for name in ("inserted", "matches", "total"):
        value = getattr(report, name, None)
        if isinstance(value, int):
            return value
    return 0


async def _generate_matches(store: Store) -> int:
    """A double round robin of each league's registry clubs per season (results for past dates).

    Real club names, so `/gap` and `/table` resolve them just as they do openfootball's."""
    rng = random.Random(11)
    total = 0
    stamp = NOW.isoformat()
    registry = load_registry()
    for code in LEAGUES:
        teams = sorted(club.name for club in registry.clubs_in(code))
        for year in (2023, 2024, 2025):
            season = f"{year}-{(year + 1) % 100:02d}"
            rows: list[matches_db.MatchIn] = []
            first = date(year, 8, 12)
            pairs = [(h, a) for h in teams for a in teams if h != a]
            rng.shuffle(pairs)
            per_day = len(teams) // 2
            for n, (home, away) in enumerate(pairs):
                day = first + timedelta(days=7 * (n // per_day))
                played = day < NOW.date()
                rows.append(
                    matches_db.MatchIn(
                        f"Matchday {n // per_day + 1}",
                        day.isoformat(),
                        None,
                        home,
                        away,
                        rng.randint(0, 4) if played else None,
                        rng.randint(0, 3) if played else None,
                        "finished" if played else "scheduled",
                    )
                )
            async with store.transaction() as db:
                await matches_db.ensure_competition(db, code, code, code)
                await matches_db.upsert_matches(db, code, season, rows, "synthetic", stamp)
            total += len(rows)
    return total


async def _count_rows(store: Store, table: str) -> int:
    """Row counts for the report (bench-only, read-only)."""
    async with store.read() as db, db.execute(f"SELECT count(*) FROM {table}") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def build(spec: Spec, path: Path, progress: Progress = stderr) -> BuildReport:
    """Write a fresh store at `path` (which must not exist yet)."""
    started = time.perf_counter()
    settings = bench_settings(path)
    store = await Store.open(path)
    http = make_client(settings)
    try:
        registry = RegistryService(store)
        await registry.sync()
        football = FootballService(store, settings, http, registry)
        matches, matches_from = await _import_matches(football, progress)
        plan_box: dict[int, Finding] = {}

        def analyzer(text: str, **_: object) -> Finding:
            return plan_box.pop(0)

        async def no_claims(*_: object) -> str | None:
            return None

        rumours = RumourService(store, registry, check_claim=no_claims, analyzer=analyzer)
        plan = _Plan(rumours, registry, spec)
        feed_ids = await _feeds(store, spec.outlets)
        pressure = await _articles(store, rumours, plan, plan_box, spec, feed_ids, progress)
        await _servers(store, settings, rumours, spec.servers)
        progress(f"{spec.servers} servers set up")
        stories = await _count_rows(store, "stories")
        mentions = await _count_rows(store, "mentions")
        findings = await _count_rows(store, "findings")
        article_count = await _count_rows(store, "articles")
    finally:
        await http.aclose()
        await store.close()
    return BuildReport(
        path=str(path),
        articles=article_count,
        findings=findings,
        pressure_findings=pressure,
        stories=stories,
        mentions=mentions,
        matches=matches,
        servers=spec.servers,
        matches_from=matches_from,
        seconds=time.perf_counter() - started,
        file_bytes=path.stat().st_size,
        cached=False,
    )


async def _feeds(store: Store, outlets: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    async with store.transaction() as db:
        for n in range(outlets):
            outlet = f"Outlet {n:03d}"
            url = f"https://outlet{n:03d}.example/rss"
            feed, _ = await feeds.add_custom(db, url, outlet, None, None, START)
            found.append((feed.id, outlet))
    return found


def _article(n: int, when: datetime, feed: tuple[int, str], rng: random.Random) -> articles_db.NewArticle:
    feed_id, outlet = feed
    title = f"{rng.choice(WORDS).capitalize()} ({n})"
    summary = f"{title}. Report number {n} from {outlet} on {when:%d %B %Y}."
    url = f"https://outlet{feed_id:03d}.example/news/{n}"
    return articles_db.NewArticle(
        feed_id=feed_id,
        guid=f"g{n}",
        url=url,
        canonical_url=url,
        title=title,
        summary=summary,
        content_hash=hashlib.blake2b(summary.encode(), digest_size=12).hexdigest(),
        outlet=outlet,
        language="en",
        published_at=when,
        fetched_at=when + timedelta(minutes=7),
    )


def _stored(article_id: int, row: articles_db.NewArticle) -> StoredArticle:
    return StoredArticle(
        id=article_id,
        feed_id=row.feed_id,
        url=row.url,
        title=row.title,
        summary=row.summary,
        body=None,
        outlet=row.outlet,
        language=row.language,
        published_at=row.published_at,
        first_poll=False,
    )


class Recorder:
    """Stands in for a connection to collect a storage function's statements, then replays them
    with one `executemany` each: the storage module's own SQL and parameters, far fewer round trips."""

    def __init__(self) -> None:
        self.batches: dict[str, list[Sequence[object]]] = {}

    async def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        self.batches.setdefault(sql, []).append(params)

    async def replay(self, db: aiosqlite.Connection) -> None:
        for sql, rows in self.batches.items():
            await db.executemany(sql, rows)
        self.batches.clear()


def quiet_row(article: StoredArticle) -> findings_db.FindingRow:
    """The finding row record_article writes for an article the analysis found nothing in."""
    published = article.published_at
    return RumourService._finding_row(
        article,
        _quiet_finding(),
        None,
        origins((), article.outlet),
        published,
        None,
        None,
        text_signature(article.text),
    )


async def _articles(
    store: Store,
    rumours: RumourService,
    plan: _Plan,
    plan_box: dict[int, Finding],
    spec: Spec,
    feed_ids: list[tuple[int, str]],
    progress: Progress,
) -> int:
    rng = random.Random(spec.seed + 1)
    span = (NOW - START).total_seconds()
    step = span / max(1, spec.articles)
    pressure = 0
    last_report = time.perf_counter()
    for start in range(0, spec.articles, CHUNK):
        count = min(CHUNK, spec.articles - start)
        rows = [
            _article(n, START + timedelta(seconds=n * step), rng.choice(feed_ids), rng)
            for n in range(start, start + count)
        ]
        loud = {n for n in range(count) if rng.random() < spec.pressure_share}
        async with store.transaction() as db:
            ids = await articles_db.insert_many(db, rows)
            await articles_db.mark_analysed(db, list(ids.values()))  # every one gets its finding below
            recorder = Recorder()
            for n, row in enumerate(rows):
                if n not in loud:
                    await findings_db.insert(recorder, quiet_row(_stored(ids[row.canonical_url], row)))  # type: ignore[arg-type]
            await recorder.replay(db)
        for n in sorted(loud):
            row = rows[n]
            plan_box[0] = plan.finding(row.published_at)
            if await rumours.record_article(_stored(ids[row.canonical_url], row)) is not None:
                pressure += 1
        if time.perf_counter() - last_report > 10:
            last_report = time.perf_counter()
            progress(f"  {start + count:,} / {spec.articles:,} articles")
    return pressure


async def _servers(store: Store, settings: Settings, rumours: RumourService, servers: int) -> None:
    digests = DigestService(store, settings, rumours, clock=lambda: NOW)
    zones = ("UTC", "Europe/London", "Europe/Madrid", "America/New_York", "Asia/Tokyo")
    for n in range(servers):
        leagues = () if n % 3 else (LEAGUES[n % len(LEAGUES)],)
        await digests.setup(
            10_000 + n,
            20_000 + n,
            f"{n % 24:02d}:{(n * 7) % 60:02d}",
            zones[n % len(zones)],
            min_level=1 + n % 2,
            leagues=leagues,
        )


async def ensure(spec: Spec, progress: Progress = stderr, rebuild: bool = False) -> BuildReport:
    """The cached store for `spec`, built when missing (or when `rebuild`)."""
    path = spec.cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not rebuild:
        return BuildReport(
            path=str(path),
            articles=spec.articles,
            findings=spec.articles,
            pressure_findings=-1,
            stories=-1,
            mentions=-1,
            matches=-1,
            servers=spec.servers,
            matches_from="cache",
            seconds=0.0,
            file_bytes=path.stat().st_size,
            cached=True,
        )
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    progress(f"building {path.name} ...")
    report = await build(spec, partial, progress)
    partial.rename(path)
    return BuildReport(**{**report.to_dict(), "path": str(path)})
