"""Recording: each stored article's finding becomes stories, successor tips, pressure and, for a
confirmed sacking, the end of a tenure (for a confirmed appointment, the start of one: appointing.py),
all in one short transaction per article (analysis, registry lookups and claim checks run before it).
The questions side is bot/rumours/service.py.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import aiosqlite

from bot.analysis.models import Finding, GapClaim
from bot.models import StoredArticle
from bot.registry.names import fold
from bot.rumours import confirm, pressure, tips
from bot.rumours.appointing import Appointing, Sacking
from bot.rumours.grouping import (
    DECIDED_WINDOW,
    WINDOW,
    Incoming,
    choose_story,
    origins,
    text_signature,
    unique,
)
from bot.rumours.people import RegistryPort, Subject, person_id, subject
from bot.rumours.results import RecordedFinding
from bot.workers import AnalysisFailed, AnalysisRunner, InProcess
from storage import Store
from storage import articles as articles_db
from storage import feeds as feeds_db
from storage import findings as findings_db
from storage import mentions as mentions_db
from storage import pressure as pressure_db
from storage import stories as stories_db
from storage.findings import FindingRow
from storage.mentions import MentionRow

log = logging.getLogger(__name__)

Analyzer = Callable[..., Finding]
ClaimChecker = Callable[[GapClaim, date], Awaitable[str | None]]

MAX_CLOCK_SKEW = timedelta(hours=1)
CANDIDATE_SPAN = timedelta(days=14)  # how far past an article's date a joinable story may reach
SWEEP_EVERY = timedelta(hours=1)  # how often recording an article also withdraws expired reports


def _default_analyzer() -> Analyzer:
    from bot.analysis import analyze

    return analyze


def as_utc(moment: datetime) -> datetime:
    """A time in UTC (a naive one is taken as UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class _Placement:
    story_id: int
    new_story: bool
    weight: float
    confirmed_on: date | None  # this finding confirmed the story's sacking (reported on that day)
    syndicated: bool = False  # a copy of an article already in the story: it counts for nothing
    decided_on: date | None = None  # the story's sacking is confirmed (now or before), first reported then


class Recorder:
    """The writing half of the rumour service (RumourService adds the questions)."""

    def __init__(
        self,
        store: Store,
        registry: RegistryPort,
        check_claim: ClaimChecker,
        analyzer: Analyzer | None = None,
        runner: AnalysisRunner | None = None,
    ) -> None:
        """`runner` analyses off the event loop (the worker pool); else `analyzer` runs in-process."""
        self.store = store
        self.registry = registry
        self.check_claim = check_claim
        self._analysis = runner or InProcess(analyzer or _default_analyzer())
        self._appointing = Appointing(registry)
        self._swept_at: datetime | None = None

    # ---- recording ------------------------------------------------------------------------------

    async def record_article(self, article: StoredArticle) -> RecordedFinding | None:
        """Analyse a newly stored article and record its finding, story and mentions.

        Returns None when the article was recorded before (idempotent per article id) or could not
        be analysed (logged; the loop goes on).
        """
        async with self.store.read() as db:
            if await findings_db.exists(db, article.id):
                return None
        # A feed that dates an item in the future would otherwise lead the board until that day.
        published = min(as_utc(article.published_at), datetime.now(UTC) + MAX_CLOCK_SKEW)
        registry = self.registry.registry  # with the tenures sackings have ended since the bundle
        try:
            finding = await self._analysis.analyze(
                article.text,
                title=article.title,
                source=article.outlet,
                published=published,
                registry=registry,
                lang=article.lang or None,  # the feed's declared language; None: the worker detects it
            )
        except AnalysisFailed as failure:
            await self._record_failure(article, published, failure)
            return None
        who = subject(
            registry, finding.manager, finding.manager_key, finding.club, finding.club_key, published.date()
        )
        checked = await self._check_claims(finding.gap_claims, published.date())
        sources = origins(finding.sources, article.outlet)
        signature = text_signature(article.text)
        placement: _Placement | None = None
        ended = opened = False
        async with self.store.transaction() as db:
            if await findings_db.exists(db, article.id):
                return None
            if article.lang is None and finding.lang:  # detected: kept for stats and re-reads
                await articles_db.set_detected_lang(db, article.id, finding.lang)
            # A server's own feed is its scope: what it says reaches that server only.
            scope = await feeds_db.scope_of(db, article.feed_id)
            if who is not None and finding.pressure and finding.level > 0:
                placement = await self._place(db, article, finding, who, sources, published, signature, scope)
            await findings_db.insert(
                db,
                self._finding_row(article, finding, who, sources, published, placement, checked, signature),
            )
            if who is not None and placement is not None:
                if not placement.syndicated:
                    await self._record_tips(db, article, finding, who, sources, placement, published, scope)
                await pressure_db.add(
                    db,
                    scope=scope,
                    manager_key=who.key,
                    manager_name=who.name,
                    folded_name=fold(who.name),
                    club_key=who.club_key,
                    club_name=who.club_name,
                    league=who.league,
                    rank_term=pressure.rank_term(placement.weight, published),
                    story_id=placement.story_id,
                    seen_at=published,
                    level=finding.level,
                    day=pressure.day_start(published),
                    day_amount=pressure.day_amount(placement.weight, published),
                )
                if placement.confirmed_on is not None and scope == 0:
                    ended = await self._end_tenure(db, who, placement.confirmed_on, article)
            sacking = _sacking(finding, who, placement)
            if scope == 0 and (finding.appointments or sacking is not None):
                opened = await self._appointing.record(
                    db, finding, sources=sources, published=published, signature=signature, sacking=sacking
                )
        if ended or opened:  # committed: the registry's in-memory view follows the store
            await self.registry.reload_tenures()
        # Expiry runs on the news clock (the newest article's time, never past the wall clock's skew
        # bound): a replay of old items judges their reports by their own days.
        if self._swept_at is None or published - self._swept_at >= SWEEP_EVERY:
            self._swept_at = published
            await self.withdraw_expired(published)
        return RecordedFinding(
            article_id=article.id,
            finding=finding,
            manager_key=who.key if who else None,
            story_id=placement.story_id if placement else None,
            new_story=placement.new_story if placement else False,
            weight=placement.weight if placement else 0.0,
            claim_check=checked,
        )

    async def _record_failure(
        self, article: StoredArticle, published: datetime, failure: AnalysisFailed
    ) -> None:
        """Give up on an article analysis could not read (timed out, raised): stored as done with the
        reason, logged once, never retried (not even after a restart)."""
        log.warning(
            "analysis of article %s (%s) failed: %s; marked done, not retried%s",
            article.id,
            article.url,
            failure.reason,
            f"\n{failure.details}" if failure.details else "",
        )
        nothing = Finding(pressure=False, level=0, score=0.0)
        row = self._finding_row(article, nothing, None, (), published, None, None, "")
        async with self.store.transaction() as db:
            if not await findings_db.exists(db, article.id):
                await findings_db.insert_failed(db, row, failure.reason)

    async def _check_claims(self, claims: Sequence[GapClaim], on: date) -> str | None:
        """Each table claim checked against the table on the article's date ("table says 7")."""
        answers: list[str] = []
        for claim in claims:
            try:
                answer = await self.check_claim(claim, on)
            except Exception:
                log.exception("checking the claim %s failed", claim)
                continue
            if answer:
                answers.append(answer if len(claims) == 1 else f"{claim.team} v {claim.other}: {answer}")
        return "; ".join(answers) or None

    async def _place(
        self,
        db: aiosqlite.Connection,
        article: StoredArticle,
        finding: Finding,
        who: Subject,
        sources: tuple[str, ...],
        published: datetime,
        signature: str,
        scope: int,
    ) -> _Placement:
        """Join the finding to its story in its scope (or start one) and return what it added."""
        reach = max(WINDOW, DECIDED_WINDOW)
        candidates = await stories_db.around(
            db, who.key, published - reach, published + reach + CANDIDATE_SPAN, scope
        )
        copies = await stories_db.holding_text(db, [s.id for s in candidates], signature)
        story = choose_story(candidates, Incoming(finding.level, article.title, published, copies))
        statement = finding.club_statement
        if story is None:
            decision = confirm.decide(
                confirm.Decision(confirm.REPORTED, None, ()),
                level=finding.level,
                origins=sources,
                published=published,
                club_statement=statement,
                syndicated=False,
            )
            value = pressure.story_value(finding.level, len(sources), confirmed=decision.confirmed)
            story_id = await stories_db.insert(
                db,
                manager_key=who.key,
                manager_name=who.name,
                club_key=who.club_key,
                club_name=who.club_name,
                league=who.league,
                level=finding.level,
                headline=article.title,
                url=article.url,
                seen_at=published,
                outlets=sources,
                value=value,
                scope=scope,
                status=decision.status,
                decided_at=decision.decided_at,
                decided_outlets=decision.outlets,
            )
            if not article.first_poll:
                await stories_db.mark_alertable(db, story_id)
            return _Placement(
                story_id, True, value, _confirmed_on(None, decision), decided_on=_decided_on(decision)
            )
        syndicated = story.id in copies
        outlets = story.outlets if syndicated else unique([*story.outlets, *sources])
        level = max(story.level, finding.level)
        stronger = finding.level > story.level
        before = confirm.Decision(story.status, story.decided_at, story.decided_outlets)
        decision = confirm.decide(
            before,
            level=finding.level,
            origins=sources,
            published=published,
            club_statement=statement,
            syndicated=syndicated,
        )
        confirmed_on = _confirmed_on(before, decision)
        value = pressure.story_value(level, len(outlets), confirmed=decision.confirmed)
        await stories_db.update(
            db,
            story,
            level=level,
            headline=article.title if stronger else story.headline,
            url=article.url if stronger else story.url,
            seen_at=published,
            outlets=outlets,
            value=value,
            status=decision.status,
            decided_at=decision.decided_at,
            decided_outlets=decision.outlets,
        )
        changed = decision.status != story.status and level == 3  # confirmed, or reported afresh
        if not article.first_poll and (story.alert_seq is None or stronger or changed):
            await stories_db.mark_alertable(db, story.id)
        return _Placement(
            story.id,
            False,
            max(0.0, value - story.value),
            confirmed_on,
            syndicated,
            decided_on=_decided_on(decision),
        )

    @staticmethod
    def _finding_row(
        article: StoredArticle,
        finding: Finding,
        who: Subject | None,
        sources: tuple[str, ...],
        published: datetime,
        placement: _Placement | None,
        checked: str | None,
        signature: str,
    ) -> FindingRow:
        return FindingRow(
            article_id=article.id,
            pressure=finding.pressure,
            level=finding.level,
            score=finding.score,
            manager_key=who.key if who else None,
            manager_name=who.name if who else finding.manager,
            club_key=who.club_key if who else finding.club_key,
            club_name=who.club_name if who else finding.club,
            outlet=article.outlet,
            origins=sources,
            title=article.title,
            url=article.url,
            text_sig=signature,
            first_poll=article.first_poll,
            weight=placement.weight if placement else 0.0,
            published_at=published,
            story_id=placement.story_id if placement else None,
            claim_check=checked,
            data=finding.to_json(),
        )

    async def _record_tips(
        self,
        db: aiosqlite.Connection,
        article: StoredArticle,
        finding: Finding,
        who: Subject,
        sources: tuple[str, ...],
        placement: _Placement,
        published: datetime,
        scope: int,
    ) -> None:
        """Store each tipped person (never the incumbent) and fold the tip into his tally."""
        seen: set[str] = set()
        for suggestion in finding.successors:
            pid, name, key = person_id(self.registry.registry, suggestion.name, suggestion.key)
            if pid == who.key or pid in seen or not fold(name):
                continue
            seen.add(pid)
            tip = tips.Tip(
                manager_key=who.key,
                person_id=pid,
                person_key=key,
                person_name=name,
                outlets=sources,
                level=finding.level,
                seen_at=published,
                url=article.url,
                evidence=suggestion.evidence,
                new_story=not await mentions_db.story_has_tip(db, placement.story_id, pid),
                scope=scope,
            )
            await mentions_db.insert(
                db,
                [
                    MentionRow(
                        article_id=article.id,
                        manager_key=who.key,
                        person_key=key,
                        person_name=name,
                        person_id=pid,
                        evidence=suggestion.evidence,
                        outlet=source,
                        url=article.url,
                        level=finding.level,
                        story_id=placement.story_id,
                        seen_at=published,
                    )
                    for source in sources
                ],
            )
            current = await mentions_db.get_tip(db, who.key, pid, scope)
            await mentions_db.put_tip(db, tips.merge(current, tip))

    async def withdraw_expired(self, now: datetime) -> list[int]:
        """Withdraw every sacking (and appointment) still only reported `confirm.REPORT_EXPIRY` after
        its first report; returns the sackings' story ids. Nothing irreversible happened for them (no
        tenure ended or opened), so this only changes their status; an announced story gets a new alert
        number so the alert loop sees it again with status "withdrawn" and can edit what it posted
        (`StoryAlert.supersedes`)."""
        withdrawn: list[int] = []
        async with self.store.transaction() as db:
            for story in await stories_db.reported_before(db, now - confirm.REPORT_EXPIRY):
                await stories_db.set_status(db, story.id, confirm.WITHDRAWN)
                if story.alert_seq is not None:
                    await stories_db.mark_alertable(db, story.id)
                withdrawn.append(story.id)
            appointments = await self._appointing.withdraw_expired(db, now)
        if appointments:
            log.info("withdrew %d unconfirmed appointment report(s)", appointments)
        if withdrawn:
            log.info("withdrew %d unconfirmed sacking report(s): %s", len(withdrawn), withdrawn)
        return withdrawn

    async def _end_tenure(
        self, db: aiosqlite.Connection, who: Subject, on: date, article: StoredArticle
    ) -> bool:
        """A confirmed sacking closes the manager's spell, in the transaction that confirmed it: a
        failed write takes the finding with it, so the article is recorded whole or not at all."""
        if not who.registered or who.club_key is None:
            return False
        reason = f"{article.outlet}: {article.title}"
        return await self.registry.end_tenure_in(db, who.key, who.club_key, on, reason)


def _decided_on(decision: confirm.Decision) -> date | None:
    """The day of the sacking's first report when the story's sacking is confirmed, else None."""
    return decision.decided_at.date() if decision.confirmed and decision.decided_at else None


def _sacking(finding: Finding, who: Subject | None, placement: _Placement | None) -> Sacking | None:
    """The sacking story a level-3 finding joined, at which an interim it names stands in."""
    if who is None or placement is None or placement.syndicated or finding.level < 3:
        return None
    return Sacking(placement.story_id, who.club_key, placement.decided_on)


def _confirmed_on(before: confirm.Decision | None, after: confirm.Decision) -> date | None:
    """The day of the first report when this finding confirmed the sacking, else None."""
    if not after.confirmed or (before is not None and before.confirmed) or after.decided_at is None:
        return None
    return after.decided_at.date()
