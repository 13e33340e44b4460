"""From cues to a level and a score; and who, of everyone named, is the manager under pressure.

Level (engine._relevant): the highest level among the cues that are about the manager, after each
cue's own negation/modality/history adjustment (see cues.py). A cue is about him when its sentence
names him; or says "he"/"the boss" within two sentences of him; or names his club and the cue is
job-specific ("hot seat", any level-2/3 cue) rather than team-wide ("under pressure to win the
league"); or, for level 2-3, has the board/club acting within three sentences of him. Cues aimed
at owners ("Glazers out") never count. A voluntary departure or a new contract with no sign of
being pushed (no level-2/3 cue other than "leave/step down") is level 0. No manager, no finding.

Score in [0, 1]: a band per level plus a little for corroboration,
    score = BAND[level] + min(0.1, 0.025 * (supporting cues at that level - 1))
          + min(0.05, 0.0125 * (cues at lower levels))
with BAND = {0: 0.0, 1: 0.35, 2: 0.65, 3: 0.9}, so levels never overlap and a lone cue sits at the
bottom of its band. Level 0 is always 0.0.

Manager choice: each person gets
    mentions (≤ 8) + 3 if called manager/coach/boss (+1.5 per such mention, ≤ 3)
    + 4 per time he is the object of a sacking/replacement phrase (≤ 2) + 1.5 per pressure-cue
    sentence naming him (≤ 3) + 2 if in the headline + 3 if the lede names him in a cue or as the
    one sacked + 2 if the registry says he manages a club named here,
minus 6 when the text makes him an executive, a player or a journalist, 3 when he is only ever
"former" or "interim" manager, and 3 when every sentence naming him is about candidates. The best score wins
if he looks like a coach at all: a manager role word, a sacking phrase, a registry manager, or a
cue sentence naming him (registry coaches, or anyone named twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.cues import Cue
from bot.analysis.entities import Cast, Entity
from bot.analysis.gate import Prefiltered
from bot.analysis.text import Doc

BAND = {0: 0.0, 1: 0.35, 2: 0.65, 3: 0.9}

_OBJECT_BEFORE = Prefiltered(
    re.compile(
        r"(?:\bsack|\bsacks|\bsacked|\bsacking|\bfire|\bfires|\bfired|\bdismiss|\bdismissed|\bdismisses|\baxe"
        r"|\baxed"
        r"|\brelieved|\brelieve|\breplace|\breplacing|\bsucceed|\bsucceeding|\bparted (?:company|ways) with"
        r"|\bpart ways with|\boust|\bousted|\bpressure on|\bsuccessor to|\bfuture of|\bno confidence in"
        r"|\bconfidence in|\bbacked|\bback|\bbacking|\bstick with)\s+(?:(?:the\s+)?(?:under-pressure\s+"
        r"|beleaguered\s+)?"
        r"(?:(?:head\s+)?coach|manager|boss)\s+)?$"
    )
)
_WEAK_OBJECT = re.compile(
    r"(?:replace|replacing|succeed|succeeding|successor to|future of|no confidence in|confidence in|backed"
    r"|back|backing|stick with|pressure on)\b"
)
_OBJECT_AFTER = re.compile(
    r"^(?:'s?)?\s+(?:has been|was|is|had been|have been|will be|could be|would be|is set to be)\s+"
    r"(?:sacked|fired|dismissed|axed|relieved|ousted|replaced|under pressure|on the brink|in the hot ?seat)"
    r"|^(?:'s?)\s+(?:job|future|position|successor|replacement|sacking|dismissal|departure|exit)\b"
    r"|^\s+(?:is|was|remains)\s+(?:under (?:\w+ )?(?:pressure|the cosh|fire|scrutiny)|on the brink"
    r"|facing the sack"
    r"|in the hot ?seat)"
    r"|^\s+(?:has|have)\s+(?:left|departed|resigned|stepped down|parted)"
)
_CANDIDATE_SENT = re.compile(
    r"\b(?:candidates?|tipped|favourite|favorite|shortlist|linked|in the frame|in the running|"
    r"replace|replacement|successor|succeed|take over|interim|caretaker|options|top of the list)\b"
)


@dataclass(frozen=True, slots=True)
class Pick:
    entity: Entity
    score: float


def object_hits(doc: Doc, ent: Entity) -> int:
    """How often the text makes this person the one sacked, replaced or put under pressure."""
    if ent.object_hits is not None:
        return ent.object_hits
    hits = strong = 0
    for s, e in ent.spans:
        before = _OBJECT_BEFORE.search(doc.low[max(0, s - 45) : s])
        after = _OBJECT_AFTER.search(doc.low[e : e + 45])
        if before or after:
            hits += 1
            if after or not _WEAK_OBJECT.match(before.group(0) if before else ""):
                strong += 1
    ent.object_hits = hits
    ent.strong_object_hits = strong
    return hits


def strong_object_hits(doc: Doc, ent: Entity) -> int:
    """Object hits that only a manager gets: sacked, fired, relieved ("replace X" fits players too)."""
    object_hits(doc, ent)
    return ent.strong_object_hits or 0


def pick_manager(
    doc: Doc, cast: Cast, cues: list[Cue], title_end: int, registry_managers: set[str]
) -> Pick | None:
    cue_sentences = {c.sentence.index for c in cues if c.level > 0}
    lede = _lede(doc, title_end)
    best: Pick | None = None
    for ent in cast.people.values():
        objects = object_hits(doc, ent)
        in_cues = len(ent.sentences & cue_sentences)
        coachlike = not ent.registry_excludes and (
            ent.manager_role > 0
            or ent.interim_role > 0
            or strong_object_hits(doc, ent) > 0
            or ent.registry_key in registry_managers
            or (
                in_cues >= 1
                and (ent.registry_role in ("manager", "candidate") or len(ent.spans) >= 2)
                and not (ent.exec_role or ent.player_role or ent.media_role)
            )
        )
        if not coachlike:
            continue
        score = float(min(len(ent.spans), 8))
        if ent.manager_role:
            score += 3 + 1.5 * min(ent.manager_role, 3)
        score += 4 * min(objects, 2)
        score += 1.5 * min(in_cues, 3)
        if any(s < title_end for s, _e in ent.spans):
            score += 2
        if ent.sentences & lede and (objects or ent.sentences & lede & cue_sentences):
            score += 3
        if ent.registry_key in registry_managers:
            score += 2
        if ent.exec_role > ent.manager_role or ent.registry_role == "executive":
            score -= 6
        if ent.player_role + ent.media_role > ent.manager_role:
            score -= 6
        if (ent.former_role or ent.interim_role) and not ent.manager_role and not objects:
            score -= 3
        if (
            ent.sentences
            and all(
                _CANDIDATE_SENT.search(doc.low[doc.sentences[i].start : doc.sentences[i].end])
                for i in ent.sentences
            )
            and not objects
        ):
            score -= 3
        if best is None or score > best.score:
            best = Pick(ent, score)
    if best is None or best.score <= 1:
        return None
    return best


def _lede(doc: Doc, title_end: int) -> set[int]:
    """The first real sentence after the title: where news writing names its subject."""
    for sentence in doc.sentences:
        if sentence.start >= title_end and len(sentence.text) > 60:
            return {sentence.index}
    return set()


def score_for(level: int, supporting: int, lower: int) -> float:
    if level == 0:
        return 0.0
    value = BAND[level] + min(0.1, 0.025 * max(0, supporting - 1)) + min(0.05, 0.0125 * lower)
    return round(min(1.0, value), 3)
