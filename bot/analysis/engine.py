"""`analyze`: one article in, one Finding out. Pure: no I/O, no clock, never raises on text.

Pipeline: clean + split (text) → sport filter (sport) → people/clubs and their roles (entities) →
cues (cues) → the manager and his club (scoring.pick_manager) → which cues are about him and the
level/score (scoring) → successors, gap claims, sources.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from datetime import date, datetime

from bot.analysis.appointments import with_appointments
from bot.analysis.claims import find_gap_claims
from bot.analysis.cues import Cue, find_cues, is_voluntary_exit, reference_year, targets_owners
from bot.analysis.entities import Cast, Entity, build_cast, club_display_name
from bot.analysis.gate import Prefiltered
from bot.analysis.language import article_language
from bot.analysis.models import Evidence, Finding
from bot.analysis.overlay import overlay as _overlay
from bot.analysis.packs import available, load_pack
from bot.analysis.reader import read, sources_in
from bot.analysis.scoring import pick_manager, score_for
from bot.analysis.sport import is_football
from bot.analysis.successors import find_successors
from bot.analysis.text import Doc, make_doc
from bot.registry.registry import Registry

log = logging.getLogger(__name__)

MAX_CHARS = 200_000  # longer inputs are cut: nothing journalistic is this long, and analysis stays fast
_NOTHING = Finding(pressure=False, level=0, score=0.0)
_MANAGER_REF = re.compile(
    r"\b(?:he|him|his|manager|boss|head coach|coach|gaffer|the \w+(?:ian|ese|ard|ch|ot|an|ine|ish))\b"
)
_CLUB_REF = re.compile(r"\bthe (?:board|club|hierarchy|owners?|directors|chiefs|bosses|management)\b")
# Words without which an article with no cue can yield nothing: table claims and the murmurs that are
# read off the manager's name ("X out", "back X", "to replace X").
_MAYBE_SOMETHING = re.compile(r"point|\bout\b|\bback|replac|succeed|stick with|stand by|keep faith")
_JOB_CUE = re.compile(
    r"hot ?seat|future|job|position|bench|dressing room|booed|booing|fans turn|calls for|out\b|sack|axe|"
    r"replace|succeed|backing|support|faith|stick with|stand by|beleaguered|embattled|under-fire|time"
)
_VOLUNTARY_OK = re.compile(r"\b(?:leave|leaves|leaving|step(?:s|ped)? down|quit|resign(?:s|ed)?|depart)")


def analyze(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: datetime | None = None,
    registry: Registry | None = None,
    lang: str | None = None,
) -> Finding:
    """Read one article like a football journalist: who is under pressure, how much, who might follow.

    `lang` is the feed's declared language; when it is None or has no pack, the language is detected
    from the text (bot/analysis/language.py). A language without a pack gives no finding (abstain
    rather than misread). Runs in an analysis worker, so detection never blocks the event loop."""
    del source  # the feed outlet is provenance, not an attribution the text makes
    reg = registry if registry is not None else _default()
    try:
        return read_article(text, title, published, reg, lang)
    except Exception:  # pragma: no cover - last line of defence: a bad article must not stop the loop
        log.exception("analysis failed; reporting no finding")
        return _NOTHING


def read_article(
    text: str, title: str | None, published: datetime | None, registry: Registry | None, lang: str | None
) -> Finding:
    """`analyze` without its last-resort guard (tests call this to see a crash)."""
    text = text[:MAX_CHARS]
    code = article_language(lang, text, title=title)
    doc: Doc | None = None
    if code == "en":
        doc = make_doc(text, title)
        finding = _overlay(_analyze(text, title, published, registry, doc), doc, published)
    elif code not in available():
        return Finding(pressure=False, level=0, score=0.0, explain=(f"no pack for {code!r}: abstain",))
    else:
        finding = read(text, title, published, registry, load_pack(code))
    return with_appointments(finding, text, title, published, registry, load_pack(code), doc)


def _default() -> Registry | None:
    from bot.registry.loader import load_registry

    try:
        return load_registry()
    except Exception:  # pragma: no cover - a broken bundle degrades to text-only reading
        log.exception("registry unavailable; analysing from text alone")
        return None


def _analyze(
    text: str,
    title: str | None,
    published: datetime | None,
    registry: Registry | None,
    doc: Doc | None = None,
) -> Finding:
    if not text.strip() and not (title and title.strip()):
        return _NOTHING
    doc = doc if doc is not None else make_doc(text, title)
    cues = find_cues(doc, reference_year(doc, published.year if published else None))
    if not any(c.level for c in cues) and not _MAYBE_SOMETHING.search(doc.low):
        return _NOTHING  # most football news: no pressure cue, no table claim, nothing to read
    title_end = doc.sentences[0].end if title and doc.sentences else 0
    cast = build_cast(doc, registry)
    registry_club_mentions = sum(len(c.spans) for c in cast.clubs.values() if c.registry_key)
    if not is_football(doc.low, registry_club_mentions):
        return _NOTHING
    managers = _registry_managers(cast, registry, published)
    pick = pick_manager(doc, cast, cues, title_end, set(managers))
    manager = pick.entity if pick else None
    club = _club_of(cast, manager, managers, registry, published.date() if published else None)
    if manager is None and club is not None and registry is not None and club.registry_key:
        manager = _manager_from_registry(cast, club, registry, published)
    counted = _relevant(doc, cast, cues, manager, club) + _out_calls(doc, cast, manager)
    level = max((c.level for c in counted), default=0)
    if (
        level
        and is_voluntary_exit(doc)
        and not any(c.level >= 2 and not _VOLUNTARY_OK.search(c.phrase.lower()) for c in counted)
    ):
        level = 0
    gaps = tuple(find_gap_claims(doc, cast, club))
    if level == 0 or manager is None:
        return Finding(pressure=False, level=0, score=0.0, gap_claims=gaps)
    top = [c for c in counted if c.level == level]
    score = score_for(level, len(top), len(counted) - len(top))
    successors = tuple(find_successors(doc, cast, manager, club))
    return Finding(
        pressure=True,
        level=level,
        score=score,
        manager=manager.name if manager else None,
        club=club.name if club else None,
        manager_key=manager.registry_key if manager else None,
        club_key=club.registry_key if club else None,
        successors=successors,
        gap_claims=gaps,
        sources=tuple(sources_in(load_pack("en"), doc)),
        evidence=_evidence(top),
    )


def _registry_managers(cast: Cast, registry: Registry | None, published: datetime | None) -> dict[str, str]:
    """person key -> club key, for people the registry says managed a club named here, on the day."""
    if registry is None:
        return {}
    on = published.date() if published else None
    out: dict[str, str] = {}
    for club in cast.clubs.values():
        if club.registry_key:
            person = registry.manager_of(club.registry_key, on)
            if person is not None:
                out[person.key] = club.registry_key
    for ent in cast.people.values():
        if (
            ent.registry_key
            and ent.registry_role == "manager"
            and ent.registry_club
            and ent.registry_key not in out
        ):
            out[ent.registry_key] = ent.registry_club
    return out


def _club_of(
    cast: Cast,
    manager: Entity | None,
    managers: dict[str, str],
    registry: Registry | None,
    on: date | None = None,
) -> Entity | None:
    """The manager's club: "<Club> manager X" in the text; else the club named most, and most often
    beside him, with a nudge for the registry's record of his clubs; else the registry's club."""
    if manager is not None and manager.role_clubs:
        key = Counter(manager.role_clubs).most_common(1)[0][0]
        return cast.clubs[key]
    his_clubs: set[str] = set()
    if manager is not None and registry is not None and manager.registry_key:
        person = registry.people.get(manager.registry_key)
        his_clubs = {t.club_key for t in person.tenures} if person else set()
    if manager is not None and manager.registry_key in managers:
        his_clubs.add(managers[manager.registry_key])

    def weight(club: Entity) -> tuple[float, int]:
        score = float(min(len(club.spans), 6))
        if manager is not None:
            score += 3 * len(club.sentences & manager.sentences)
        if club.key in his_clubs:
            score += 3
        return score, -club.spans[0][0]

    if cast.clubs:
        return max(cast.clubs.values(), key=weight)
    if manager is not None and manager.registry_key in managers and registry is not None:
        key = managers[manager.registry_key]
        return Entity(key, club_display_name(registry.clubs[key]), "club", key)
    return _latest_club(manager, registry, on)


def _latest_club(manager: Entity | None, registry: Registry | None, on: date | None) -> Entity | None:
    """The club of the manager's coaching spell on the day (else his latest before it), from the
    registry, when the text names no club at all."""
    if manager is None or registry is None or manager.registry_key is None:
        return None
    person = registry.people.get(manager.registry_key)
    spells = [t for t in person.tenures if t.role in ("manager", "interim")] if person else []
    if on is not None:
        spells = [t for t in spells if t.started_on is None or t.started_on <= on]
    if not spells:
        return None
    latest = max(spells, key=lambda t: (t.ended_on is None, t.started_on or date.min))
    club = registry.clubs[latest.club_key]
    return Entity(club.key, club_display_name(club), "club", club.key)


def _manager_from_registry(
    cast: Cast, club: Entity, registry: Registry, published: datetime | None
) -> Entity | None:
    """When the text never names the manager but names his club, the registry's manager on the day."""
    if club.registry_key is None:
        return None
    person = registry.manager_of(club.registry_key, published.date() if published else None)
    if person is None or person.key not in cast.people:
        return None
    return cast.people[person.key]


def _relevant(
    doc: Doc, cast: Cast, cues: list[Cue], manager: Entity | None, club: Entity | None
) -> list[Cue]:
    """The cues that are about this manager: his name, his club, or "he"/"the boss" right after him."""
    if manager is None and club is None:
        return []
    named = set(manager.sentences) if manager else set()
    club_sentences = set(club.sentences) if club else set()
    others = {
        i for ent in cast.people.values() if manager is None or ent.key != manager.key for i in ent.sentences
    }
    out: list[Cue] = []
    # Each sentence is searched once, however many cues it holds (a giant sentence stays linear).
    refs: dict[int, tuple[bool, bool, bool]] = {}
    for cue in cues:
        if cue.level == 0:
            continue
        i = cue.sentence.index
        about_him = i in named
        near = bool(named & {i - 1, i - 2}) or i in club_sentences or i == 0
        if i not in refs:
            sentence = doc.low[cue.sentence.start : cue.sentence.end]
            refs[i] = (
                bool(_MANAGER_REF.search(sentence)),
                bool(_CLUB_REF.search(sentence)),
                targets_owners(doc, cue),
            )
        manager_ref, club_ref, owners = refs[i]
        club_acts = cue.base >= 2 and bool(named & {i - 1, i - 2, i - 3}) and club_ref
        # A club-only sentence speaks of the manager when the cue is about a manager's job by nature;
        # "Arsenal are under pressure to respond" is about the title race.
        club_says = i in club_sentences and (cue.base >= 2 or bool(_JOB_CUE.search(cue.phrase.lower())))
        if not (about_him or (near and manager_ref) or club_says or club_acts):
            continue
        if not about_him and owners:
            continue
        if cue.base == 3 and cue.level == 3 and not about_him and i in others and i not in club_sentences:
            continue
        out.append(cue)
    return out


_OUT_CALL = re.compile(
    r"\s+out\b(?!\s+(?:of|for|to|on|in|with|at|after|since|until|from|injured|there|again))"
)


_REPLACE_BEFORE = Prefiltered(
    re.compile(
        r"\b(?:replace|replacing|succeed|succeeding|successor to|replacement for|take over from)\s+"
        r"(?:(?:the\s+)?(?:under-pressure\s+|beleaguered\s+)?(?:manager|boss|head coach|coach)\s+)?$"
    )
)


_BACKED_BEFORE = re.compile(
    r"(?:\b(?P<who>club|board|owners?|hierarchy|chairman|president|directors|bosses|chiefs)\b[^.;]{0,25}?)?"
    r"(?<!['\"])\b(?P<verb>back|backs|backed|stick with|sticks with|stand by|stands by|keep faith in"
    r"|keeps faith in|kept faith in)\s+(?:(?:the\s+)?(?:manager|boss|head coach|coach)\s+)?$"
)


def _out_calls(doc: Doc, cast: Cast, manager: Entity | None) -> list[Cue]:
    """Murmurs that need the manager's own name: "Postecoglou out", "Moyes Out signs" (fans calling
    for him to go) and "to replace Pochettino" (someone is being lined up for his job)."""
    if manager is None:
        return []
    cues: list[Cue] = []
    for s, e in manager.spans:
        m = _OUT_CALL.match(doc.low, e)
        if m is not None:
            cues.append(Cue(1, 1, doc.text[s : m.end()], doc.sentence_at(s), s, m.end()))
        window = doc.low[max(0, s - 60) : s]
        # The verb is required: "back", "stick with", "stand by" or "keep/keeps/kept faith in".
        maybe = "back" in window or "stick" in window or "stand" in window or "faith" in window
        backed = _BACKED_BEFORE.search(window) if maybe else None
        if backed is not None:  # "Arsenal back Mikel Arteta despite ...": a public backing is pressure
            start = s - (len(doc.low[max(0, s - 60) : s]) - backed.start("verb"))
            if backed.group("who") or any(
                0 <= start - ce <= 3 for _cs, ce, _c in cast.clubs_in(start - 40, start)
            ):
                cues.append(Cue(1, 1, doc.text[start:e], doc.sentence_at(s), start, e))
        before = _REPLACE_BEFORE.search(doc.low[max(0, s - 50) : s])
        if before is not None:
            start = s - (len(doc.low[max(0, s - 50) : s]) - before.start())
            cues.append(Cue(1, 1, doc.text[start:e], doc.sentence_at(s), start, e))
    return cues


def _evidence(top: list[Cue]) -> tuple[Evidence, ...]:
    seen: set[int] = set()
    out: list[Evidence] = []
    for cue in top:
        if cue.sentence.index in seen:
            continue
        seen.add(cue.sentence.index)
        out.append(Evidence(cue.phrase, cue.sentence.text))
        if len(out) == 5:
            break
    return tuple(out)
