"""Whatever the analysis reports, recording never fails and the answers stay consistent."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.rumours.service import RumourService
from storage import Store
from tests.rumours.conftest import T0, ClaimChecks, Newsroom, ScriptedAnalyzer, pressure
from tests.rumours.small_registry import SmallRegistry

NAMES = [
    "Carlo Ancelotti",
    "Ancelotti",
    "Hansi Flick",
    "Jonny Obscuro",
    "",
    "  ",
    "Zizou",
    "Solari",
    "Ñoño Ü",
]
OUTLETS = ["Marca", "AS", "marca", "Relevo", ""]

Item = tuple[str, int, list[str], list[str], str, int, str, bool]
articles = st.lists(
    st.tuples(
        st.sampled_from(NAMES),  # manager
        st.integers(0, 3),  # level
        st.lists(st.sampled_from(NAMES), max_size=3),  # successors
        st.lists(st.sampled_from(OUTLETS), max_size=2),  # cited sources
        st.sampled_from(OUTLETS),  # publishing outlet
        st.integers(-3 * 24, 20 * 24),  # hours after T0
        st.sampled_from(["Crisis at the club", "Manager under pressure", "Sacked", "Talks held"]),
        st.booleans(),  # first poll
    ),
    min_size=1,
    max_size=12,
)


async def _scenario(folder: Path, items: list[Item]) -> None:
    store = await Store.open(folder / "props.db")
    try:
        analyzer = ScriptedAnalyzer()
        rumours = RumourService(store, SmallRegistry(), check_claim=ClaimChecks(), analyzer=analyzer)
        news = Newsroom(store, rumours, analyzer)
        for n, (manager, level, tips, cited, outlet, hours, title, first_poll) in enumerate(items):
            finding = pressure(manager or None, level, successors=tuple(tips), sources=tuple(cited))
            at = T0 + timedelta(hours=hours)
            await news.publish(f"{title} {n}", finding, outlet=outlet, at=at, first_poll=first_poll)
        now = T0 + timedelta(days=21)
        counts = await rumours.counts()
        assert counts.findings == counts.articles == len(items)
        board = await rumours.hotseat(now=now, limit=25)
        assert all(entry.index >= 0 for entry in board.entries)
        assert [e.index for e in board.entries] == sorted((e.index for e in board.entries), reverse=True)
        for entry in board.entries:
            profile = await rumours.manager_profile(entry.manager_key, now=now)
            assert profile.index == entry.index
            for story in profile.stories:
                folded = [o.casefold() for o in story.outlets]
                assert len(folded) == len(set(folded))
            report = await rumours.successors(entry.manager_key, now=now)
            assert all(c.person_key != entry.manager_key for c in report.candidates)
        groups = await rumours.digest_groups(T0 - timedelta(days=5), now)
        assert sum(len(g.stories) for g in groups) >= len(board.entries)
        alerts = await rumours.stories_for_alerts(0, 1)
        assert [a.seq for a in alerts] == sorted({a.seq for a in alerts})
    finally:
        await store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_recording_any_findings_keeps_answers_consistent(items: list[Item]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_scenario(Path(folder), items))
