"""The language-neutral reader: one article, one pack, one Finding.

Everything language-specific comes from the pack; what is read, in order:
sport (the pack's other-sport vocabulary against football's, plus registry clubs) → cues, each
adjusted by the pack's modifiers and the article's date (packread) → people: registry people and
names a pack frame makes plain, nothing else → the manager: the one the strongest cue is about →
level (a level-3 cue counts only when its sentence is about him) → successors (frames) → sources.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import datetime

from bot.analysis.entities import Cast, Entity, build_cast, club_display_name
from bot.analysis.models import Evidence, Finding, GapClaim, SuccessorTip
from bot.analysis.names import surname_key
from bot.analysis.packnames import (
    Framed,
    coordinated,
    framed_names,
    is_person_name,
    role_appositions,
    successor_appositions,
)
from bot.analysis.packread import PackCue, after_setback, find_pack_cues, first_words, last_words, word_list
from bot.analysis.packs import Pack
from bot.analysis.packs.words import Words
from bot.analysis.places import PLACE_NAMES, place_at, place_trails
from bot.analysis.scoring import score_for
from bot.analysis.sources import find_sources
from bot.analysis.text import Doc, fold, make_doc
from bot.registry.registry import Registry

# Not language facts: how the reader weighs what it found (documented here, once).
# Once any other-sport word is written, football's signs must outnumber them by this ratio to keep a
# story: a coach firing in handball or basketball read as football would end a tenure for good.
SPORT_MARGIN = 1.5
SPORT_REACH = 40  # characters: a registry club with an other-sport word this close is that sport's club
NEAR_SENTENCES = 2  # a cue speaks of the manager named up to this many sentences before it
MAX_EVIDENCE = 5
_COACH_ROLES = ("manager", "interim", "candidate")  # registry roles of people who coach
CUE_NAME_REACH = 40  # characters between a cue and a full name that its grammar makes the subject
CLAIM_REACH = 40  # characters after a gap phrase in which the other club is named
FORMER_REACH = 30  # characters before a club frame's name in which "former" makes it a past club
SOURCE_WORDS = 4  # attribution words count within this many words of the outlet's name
COACH_PENALTY = 6.0  # a registry coach between jobs ranks below anyone made a manager here
LEDE_WEIGHT = 4.0  # the person the headline (or first sentence) names is the story's subject
MAX_SPANS = 64  # spans checked for overlap per person: a name repeated 10,000 times stays linear
MIN_SURNAME = 4  # letters: a shorter lone word ("Gil", "Al") is too often something else to be him


def _words(text: str) -> frozenset[str]:
    """A word set written as one readable block of text."""
    return frozenset(text.split())


def read(
    text: str,
    title: str | None,
    published: datetime | None,
    registry: Registry | None,
    pack: Pack,
    doc: Doc | None = None,
) -> Finding:
    """Read one article with `pack` (see the module docstring); `doc` is the article already split,
    when the caller has it (splitting is a tenth of the cost)."""
    nothing = Finding(pressure=False, level=0, score=0.0, lang=pack.lang)
    doc = doc if doc is not None else make_doc(text, title)
    cues = find_pack_cues(pack, doc, published)
    path = [f"pack {pack.lang}: {len(cues)} cue(s)"] + [
        f"cue {c.id} (level {c.base}) {c.phrase!r} in sentence {c.sentence.index}"
        + (f"; {'; '.join(c.steps)}" if c.steps else "")
        for c in cues
    ]
    # A gap needs a "behind" or "ahead" phrase; games in hand alone say nothing.
    claims = any(pack.claims[k].search(doc.low) for k in ("behind", "ahead") if k in pack.claims)
    if not any(c.level for c in cues) and not claims:
        return _with(nothing, [*path, "no cue left after modifiers: no pressure"])
    cast = build_cast(doc, registry)
    if not _football(pack, doc, cast):
        return _with(nothing, [*path, "reads as another sport: no finding"])
    # Table gaps are facts of their own, read with or without pressure (the article's club first).
    gaps = _gap_claims(pack, doc, cast, None) if claims else ()
    if not any(c.level for c in cues):
        return _with(nothing, [*path, "no cue left after modifiers: no pressure"], gaps)
    framed = framed_names(pack, doc)
    club_frames = framed_names(pack, doc, clubs=True)
    # A club a role is written with is no person, even one the registry lacks ("Trainer von
    # Arminia Bielefeld, Uwe Neuhaus"): role and successor appositions read past it.
    clubs = sorted(_club_spans(cast) + [(f.start, f.end) for f in club_frames])
    surnames = _known_surnames(cast)
    framed = _with_appositions(
        framed,
        role_appositions(pack, doc, clubs) + successor_appositions(pack, doc, clubs, surnames),
    )
    framed = _with_appositions(framed, coordinated(pack, doc, framed, surnames))
    surnames |= {surname_key(f.surface) for f in framed if " " in f.surface.strip()}
    if pack.nouns_capitalised:
        # Every noun is capitalised ("die Coaches der Bundesliga-Teams"): a lone word is a name
        # only when the text or the registry knows it as a surname.
        framed = [f for f in framed if " " in f.surface.strip() or surname_key(f.surface) in surnames]
    people = _people(pack, doc, cast, framed, registry, published)
    beside = _cue_subjects(pack, doc, cast, people, cues)
    manager, why = _manager(doc, cast, people, framed, cues, beside)
    if manager is None:
        return _with(nothing, [*path, "no manager a registry or role phrase names: abstain"], gaps)
    path.append(f"manager {manager.name}: {why}")
    about = _about(doc, cast, manager, cues)
    if not about:
        return _with(nothing, [*path, f"no cue is about {manager.name}"], gaps)
    level = max(c.level for c in about)
    top = [c for c in about if c.level == level]
    deciding = top[0]
    if level == 3 and all(pack.is_departure(c.id) for c in top):
        # "Resigned", "is no longer the coach": leaving is a sacking only under pressure (corpus
        # rules); a departure with nothing else read about him is his own choice.
        pushed = [c for c in about if c.level and not pack.is_departure(c.id)]
        if not pushed and not after_setback(pack, doc, deciding):
            why = f"cue {deciding.id}: he left and nothing else reads pressure on him, not a sacking"
            return _with(nothing, [*path, why], gaps)
    path.append(f"level {level} from cue {deciding.id} in sentence {deciding.sentence.index}")
    club = _club(pack, doc, cast, manager, registry, club_frames)
    gaps = _gap_claims(pack, doc, cast, club) if claims else ()
    successors = _successors(pack, framed, manager, registry)
    evidence: list[Evidence] = []
    for cue in top:
        if all(e.sentence != cue.sentence.text for e in evidence) and len(evidence) < MAX_EVIDENCE:
            evidence.append(Evidence(cue.phrase, cue.sentence.text))
    return Finding(
        pressure=True,
        level=level,
        score=score_for(level, len(top), len(about) - len(top)),
        manager=manager.name,
        club=club.name if club else None,
        manager_key=manager.registry_key,
        club_key=club.registry_key if club else None,
        successors=successors,
        gap_claims=gaps,
        sources=tuple(sources_in(pack, doc)),
        evidence=tuple(evidence),
        cue_id=deciding.id,
        club_statement=level == 3 and any(c.club_statement for c in top),
        reported=any(c.reported for c in top),
        denied=any(c.denied for c in about),
        lang=pack.lang,
        explain=tuple(path),
    )


def _gap_claims(pack: Pack, doc: Doc, cast: Cast, home: Entity | None) -> tuple[GapClaim, ...]:
    """Table gaps by the pack's claim grammar: the club named before the phrase in its sentence
    (else the article's club) trails ("behind") or leads ("ahead") the club named right after it;
    a games-in-hand phrase in the same sentence is the trailing side's when it follows that side."""
    out: list[GapClaim] = []
    for kind in ("behind", "ahead"):
        regex = pack.claims.get(kind)
        for m in regex.finditer(doc.low) if regex is not None else ():
            points = _number(pack, m.group())
            sentence = doc.sentence_at(m.start())
            after = cast.clubs_in(m.end(), min(sentence.end, m.end() + CLAIM_REACH))
            before = cast.clubs_in(sentence.start, m.start())
            subject = before[-1][2] if before else home
            place = None if after else place_at(pack, doc.low, m.end())
            if points is None or subject is None or not (after or place):
                continue
            if place is not None:
                claim = _place_claim(subject, place, points, kind)
                if claim not in out:
                    out.append(claim)
                continue
            if after[0][2].key == subject.key:
                continue
            other = after[0][2]
            team, leader = (subject, other) if kind == "behind" else (other, subject)
            hand = pack.claims.get("games_in_hand")
            held = hand.search(doc.low[sentence.start : sentence.end]) if hand is not None else None
            games = _number(pack, held.group()) if held is not None else None
            if games is not None and kind == "ahead":
                games = -games  # the subject, the leader, has them
            claim = GapClaim(team.name, leader.name, points, games, team.registry_key, leader.registry_key)
            if claim not in out:
                out.append(claim)
    return tuple(out)


def _place_claim(subject: Entity, place: str, points: int, kind: str) -> GapClaim:
    """A gap between the subject club and a table place; a place below the club (the relegation
    zone) trails it whatever the phrase's direction ("a 3 punti dalla zona retrocessione")."""
    name = PLACE_NAMES[place]
    if place_trails(place, ahead=kind == "ahead"):
        return GapClaim(name, subject.name, points, None, None, subject.registry_key)
    return GapClaim(subject.name, name, points, None, subject.registry_key, None)


def _number(pack: Pack, text: str) -> int | None:
    """The first number in a matched phrase: digits or one of the pack's number words."""
    for word in re.findall(r"[\w-]+", text):
        if word.isdigit():
            return int(word)
        if word in pack.numbers:
            return pack.numbers[word]
    return None


class _Near:
    """A pack's attribution words, looked for only right beside the outlet's name."""

    def __init__(self, pattern: Words, before: bool) -> None:
        self.pattern, self.before = pattern, before

    def search(self, text: str, /) -> re.Match[str] | None:
        if self.before:
            return self.pattern.search(last_words(text, SOURCE_WORDS))
        # After the name, the verb belongs to it only within its clause: "ESPN by a source; report
        # Marca" and "Sky Sports, the pundit said" give the verb to someone else.
        clause = _CLAUSE_END.search(text)
        return self.pattern.search(first_words(text[: clause.start()] if clause else text, SOURCE_WORDS))


_CLAUSE_END = re.compile(r"[,;:.!?()\[\]]")


def sources_in(pack: Pack, doc: Doc) -> list[str]:
    """Outlets the article attributes claims to, by the pack's attribution words."""
    before = _Near(pack.sources_before, True) if pack.sources_before is not None else None
    after = _Near(pack.sources_after, False) if pack.sources_after is not None else None
    return find_sources(doc, before, after)


def _with(finding: Finding, path: list[str], gaps: tuple[GapClaim, ...] = ()) -> Finding:
    return Finding(
        pressure=False, level=0, score=0.0, lang=finding.lang, gap_claims=gaps, explain=tuple(path)
    )


def _football(pack: Pack, doc: Doc, cast: Cast) -> bool:
    """Football when no other-sport word is written, or football's signs outnumber them SPORT_MARGIN
    to one; a registry club counts for football (twice) only when no other-sport word is written
    beside it ("Strasbourg ... Handball" is a handball club)."""
    others = [m.span() for m in pack.sport_other.finditer(doc.low)] if pack.sport_other else []
    if not others:
        return True
    football = sum(1 for _ in pack.sport_football.finditer(doc.low)) if pack.sport_football else 0
    starts = [s for s, _e in others]
    ends = sorted(e for _s, e in others)
    for club in cast.clubs.values():
        if club.registry_key:
            football += 2 * sum(1 for s, e in club.spans if not _beside(starts, ends, s, e))
    return football > SPORT_MARGIN * len(others)


def _beside(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    """An other-sport word starts within SPORT_REACH characters after `e` or ends within them
    before `s` (`starts`, `ends` sorted)."""
    i = bisect_left(starts, e)
    if i < len(starts) and starts[i] - e <= SPORT_REACH:
        return True
    j = bisect_right(ends, s)
    return j > 0 and s - ends[j - 1] <= SPORT_REACH


def _club_spans(cast: Cast) -> list[tuple[int, int]]:
    return [(s, e) for s, e, key in cast.mentions if key in cast.clubs]


def _with_appositions(framed: list[Framed], extra: list[Framed]) -> list[Framed]:
    """Frames first; a role apposition adds only a name no frame already covers."""
    taken = [(f.start, f.end) for f in framed]
    added = [f for f in extra if not any(s < f.end and f.start < e for s, e in taken)]
    return sorted(framed + added, key=lambda f: f.start) if added else framed


def _people(
    pack: Pack,
    doc: Doc,
    cast: Cast,
    framed: list[Framed],
    registry: Registry | None,
    published: datetime | None,
) -> dict[str, Entity]:
    """Registry people in the text, plus names a frame makes plain (joined to a registry person or
    an earlier name by surname). A capitalised run no frame speaks of is never a person."""
    people = {k: e for k, e in cast.people.items() if e.registry_key}
    by_surname = {e.surname: e for e in people.values()}
    not_people = {fold(f.surface) for f in framed if f.kind == "not_person"}
    club_spans = _club_spans(cast)
    for f in framed:
        if f.kind == "not_person" or fold(f.surface) in not_people:
            continue
        if any(s < f.end and f.start < e for s, e in club_spans):
            continue  # the registry reads a club right there ("Lyon menacé", "Palermo in discussione")
        words = f.surface.split()
        if any(fold(w) in _NOT_NAME_WORDS for w in words) or not is_person_name(pack, f.surface):
            continue
        key = surname_key(f.surface)
        ent = by_surname.get(key)
        if ent is None:
            ent = Entity("txt:" + fold(f.surface), f.surface, "person")
            people[ent.key] = ent
            by_surname[key] = ent
        elif len(words) > len(ent.name.split()) and not ent.registry_key:
            ent.name = f.surface
        ent.spans.append((f.start, f.end))
        ent.sentences.add(doc.sentence_at(f.start).index)
    # Every later bare mention of a framed surname counts for that person.
    for ent in people.values():
        if ent.registry_key:
            continue
        for s, e, key in cast.mentions:
            other = cast.people.get(key)
            if other is not None and other.surname == ent.surname and (s, e) not in ent.spans:
                ent.spans.append((s, e))
                ent.sentences.add(doc.sentence_at(s).index)
    _bare_surnames(doc, people)
    del registry, published
    return people


_CAPITALISED_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*")


def _bare_surnames(doc: Doc, people: dict[str, Entity]) -> None:
    """The surname of a text-framed person written alone where the cast saw no person ("s'est
    séparé de Vanhaezebrouck") counts for him; one pass over the text's words."""
    by_last: dict[str, Entity] = {}
    for ent in people.values():
        last = ent.name.split()[-1] if not ent.registry_key and ent.name.split() else ""
        if len(last) >= MIN_SURNAME and last[:1].isupper():
            by_last.setdefault(last, ent)
    if not by_last:
        return
    for m in _CAPITALISED_WORD.finditer(doc.text):
        named = by_last.get(m.group())
        if named is not None and not any(s <= m.start() < e for s, e in named.spans[:MAX_SPANS]):
            named.spans.append(m.span())
            named.sentences.add(doc.sentence_at(m.start()).index)


def _cue_subjects(
    pack: Pack, doc: Doc, cast: Cast, people: dict[str, Entity], cues: list[PackCue]
) -> set[str]:
    """Full names written right beside a level-2/3 cue ("Asier Garitano fue destituido", "esonerato
    Luca Gotti"), or right before a murmur: the cue's own grammar makes their part plain, as a role
    word would. They join `people`; their keys are returned."""
    found: set[str] = set()
    for cue in cues:
        if cue.level < 1:
            continue
        # A murmur names its subject before it ("Fabio Caserta, invitato a dimettersi"); after it,
        # a name is as often the critic.
        end = cue.end + CUE_NAME_REACH if cue.level >= 2 else cue.start
        for s, _e, ent in cast.people_in(cue.start - CUE_NAME_REACH, end):
            if doc.sentence_at(s).index != cue.sentence.index or ent.exec_role or ent.player_role:
                continue
            if _other_role_before(pack, doc, s):
                continue  # "l'attaquant X", "le président X": the cue is not about a coach
            # A registry "other" the text calls the manager (an old article from his spell) counts.
            text_coach = ent.registry_role == "other" and not ent.registry_excludes
            if ent.media_role or (
                ent.registry_key and ent.registry_role not in _COACH_ROLES and not text_coach
            ):
                continue
            words = ent.name.split()
            if (
                len(words) < 2
                or not is_person_name(pack, ent.name)
                or any(fold(w) in _NOT_NAME_WORDS for w in words)
            ):
                continue
            people.setdefault(ent.key, ent)
            found.add(ent.key)
    return found


def _other_role_before(pack: Pack, doc: Doc, start: int) -> bool:
    """A pack `player`, `exec` or `media` word is written right before the name at `start`."""
    bodies = [pack.lists[k] for k in ("player", "exec", "media") if k in pack.lists]
    if not bodies:
        return False
    pattern = word_list(rf"(?<!\w)(?:{'|'.join(bodies)})[\s,]*$")
    return pattern.search(doc.low, max(0, start - CUE_NAME_REACH), start) is not None


# Organisation words that make a capitalised run something other than a person, whatever frame.
_NOT_NAME_WORDS = _words(
    """fc cf afc sc ac cd ud sd ss ssc sv vfl vfb tsg rb bsc league liga ligue serie bundesliga
    championship cup coppa copa coupe pokal premier project trust club stadium"""
)


def _manager(
    doc: Doc,
    cast: Cast,
    people: dict[str, Entity],
    framed: list[Framed],
    cues: list[PackCue],
    beside: set[str],
) -> tuple[Entity | None, str]:
    """The person the strongest cues are about, among people with a manager's role."""
    kinds: dict[str, Counter[str]] = {}
    by_surname: dict[str, str] = {}
    for person_key, person in people.items():
        by_surname.setdefault(person.surname, person_key)  # the first person with that surname
    for f in framed:
        key = by_surname.get(surname_key(f.surface))
        if key is not None:
            kinds.setdefault(key, Counter())[f.kind] += 1
    candidates: list[tuple[float, Entity, str]] = []
    strongest = max(c.level for c in cues)
    top_sentences = {c.sentence.index for c in cues if c.level == strongest}
    any_sentences = {c.sentence.index for c in cues if c.level}
    for key, ent in people.items():
        k = kinds.get(key, Counter())
        registry_manager = ent.registry_role in ("manager", "interim") or ent.manager_role > 0
        framed_manager = k["manager"] > 0
        # A coach between jobs (the registry's "candidate") may be the one under pressure when a
        # cue's sentence names him; he ranks below anyone the text or registry makes a manager.
        coach = ent.registry_role == "candidate" and bool(ent.sentences & any_sentences)
        if not (registry_manager or framed_manager or key in beside or coach):
            continue
        if k["successor"] and not framed_manager:
            continue
        if k["former"] and not framed_manager:
            continue
        score = 3.0 * len(ent.sentences & top_sentences) + len(ent.sentences & any_sentences)
        score += 0.5 * min(len(ent.spans), 6) + (LEDE_WEIGHT if 0 in ent.sentences else 0.0)
        score -= 2.0 * k["interim"]
        if coach and not (registry_manager or framed_manager or key in beside):
            score -= COACH_PENALTY
        why = (
            "registry manager"
            if registry_manager
            else "registry coach between jobs"
            if coach and not (framed_manager or key in beside)
            else f"named by frame ({k['manager']}x)"
            if framed_manager
            else "named beside a cue"
        )
        candidates.append((score, ent, why))
    if not candidates:
        return None, ""
    candidates.sort(key=lambda c: (-c[0], min(s for s, _ in c[1].spans) if c[1].spans else 0))
    return candidates[0][1], candidates[0][2]


def _about(doc: Doc, cast: Cast, manager: Entity, cues: list[PackCue]) -> list[PackCue]:
    """Cues about the manager: in a sentence naming him, or his club with nobody else named, or
    shortly after he is named. A level-3 cue must name him (or only his club) in its own sentence."""
    club_sentences = {i for c in cast.clubs.values() for i in c.sentences}
    others = {i for e in cast.people.values() if e.surname != manager.surname for i in e.sentences}
    out: list[PackCue] = []
    for cue in cues:
        if not cue.level:
            continue
        i = cue.sentence.index
        named = i in manager.sentences
        club_only = i in club_sentences and i not in others
        near = any(i - d in manager.sentences for d in range(1, NEAR_SENTENCES + 1)) and i not in others
        if cue.level == 3:
            if named or club_only or (i == 0 and not others & {0}):
                out.append(cue)
            elif near:
                cue.level = 2  # a decision stated near him but not of him: serious, not decided
                cue.steps.append("level 3 not stated of him -> 2")
                out.append(cue)
        elif named or club_only or near or (i == 0 and 0 not in others):
            out.append(cue)
    return out


def _club(
    pack: Pack, doc: Doc, cast: Cast, manager: Entity, registry: Registry | None, club_frames: list[Framed]
) -> Entity | None:
    """The manager's club: one his role is written with, one the registry says he coached, a
    registry club a role phrase names in a sentence about him ("l'allenatore del Monza"), his
    registry club, the registry club named most alongside him, else a club the registry lacks that a
    role phrase names beside him ("l'entraîneur de Valenciennes")."""
    if manager.role_clubs:
        return cast.clubs[Counter(manager.role_clubs).most_common(1)[0][0]]
    person = registry.people.get(manager.registry_key) if registry and manager.registry_key else None
    if person is not None:
        for named in cast.clubs.values():
            if named.registry_key and any(t.club_key == named.registry_key for t in person.tenures):
                return named
    framed = _framed_club(pack, doc, cast, manager, registry, club_frames)
    if framed is not None and framed.registry_key:
        return framed
    if registry is not None and manager.registry_club:
        known = registry.clubs.get(manager.registry_club)
        if known is not None:
            return Entity(known.key, club_display_name(known), "club", known.key)
    if cast.clubs:
        best = max(cast.clubs.values(), key=lambda c: (len(c.sentences & manager.sentences), len(c.spans)))
        if framed is None or best.sentences & manager.sentences:
            return best  # a registry club named beside him outweighs a name the registry lacks
    return framed


def _framed_club(
    pack: Pack, doc: Doc, cast: Cast, manager: Entity, registry: Registry | None, club_frames: list[Framed]
) -> Entity | None:
    """The first club a pack's club frame names in a sentence that names the manager; a registry
    club when the registry knows the name, else the name as written (a club the registry lacks).
    A former role ("l'ancien entraîneur de Metz") names a club he left."""
    if not club_frames:
        return None  # most articles: nothing to look up
    people_starts = sorted(s for e in cast.people.values() for s, _e in e.spans)
    former = word_list(rf"(?<!\w)(?:{pack.lists['former']})(?!\w)") if "former" in pack.lists else None
    for f in club_frames:
        if doc.sentence_at(f.start).index not in manager.sentences:
            continue
        if former is not None and former.search(doc.low, max(0, f.start - FORMER_REACH), f.start):
            continue
        before = doc.text[max(0, f.start - FORMER_REACH) : f.start].split()
        if before and before[-1][:1].isupper():
            continue  # "l'allenatore De Zerbi": the capitalised "De" is a surname's particle
        end = f.end  # "l'entraîneur de Valenciennes David Le Frapper": the club stops at the person
        inside = people_starts[bisect_right(people_starts, f.start) : bisect_left(people_starts, f.end)]
        if inside:
            end = inside[0]
        surface = doc.text[f.start : end].strip(" ,")
        if not surface:
            continue
        known = registry.club_by_name(surface) if registry is not None else None
        if known is not None:
            named = next((c for c in cast.clubs.values() if c.registry_key == known.key), None)
            return named or Entity(known.key, club_display_name(known), "club", known.key)
        if registry is not None and registry.person_by_name(surface) is not None:
            continue
        return Entity(f"club:{fold(surface)}", surface, "club")
    return None


def _known_surnames(cast: Cast) -> set[str]:
    """Surnames of registry people and of full names in the text: a lone capitalised word in a list
    is a person only when it is one of these (in German every noun is capitalised)."""
    return {e.surname for e in cast.people.values() if e.registry_key or " " in e.name.strip()}


def _not_a_person(registry: Registry | None, name: str) -> bool:
    """The registry knows `name` as a club (or it is none of its people and names a league)."""
    if registry is None or registry.person_by_name(name) is not None:
        return False
    return registry.club_by_name(name) is not None


def _successors(
    pack: Pack, framed: list[Framed], manager: Entity, registry: Registry | None
) -> tuple[SuccessorTip, ...]:
    ruled_out = {surname_key(f.surface) for f in framed if f.kind == "not_successor"}
    out: list[SuccessorTip] = []
    seen = {manager.surname}
    for f in framed:
        key = surname_key(f.surface)
        if f.kind in ("successor", "interim") and key not in seen and key not in ruled_out:
            if (
                any(fold(w) in _NOT_NAME_WORDS for w in f.surface.split())
                or not is_person_name(pack, f.surface)
                or _not_a_person(registry, f.surface)
            ):
                continue
            seen.add(key)
            out.append(SuccessorTip(f.surface, f.frame_id))
    return tuple(out)
