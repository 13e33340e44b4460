"""The English pack read over the English reader's finding: why, and strong evidence for a sacking.

The English reader (engine/cues/scoring) is tuned and fast; the pack adds what it lacks:
- every finding names the pack cue that decided its level (`cue_id`) and the decision path;
- a level-3 finding must survive the pack's modifiers on its own evidence sentence: a trap
  ("avoid the sack", "Manager of the Month"), history, negation, denial, a hypothetical or a
  modal ("should", "would", "if") makes the sacking what it really is (0, 1 or 2);
- `club_statement` when the sacking sentence is the club's own statement;
- a departure cue ("resigned", "no longer the manager") is a sacking only when the article reads
  pressure on him besides, or says what pushed him ("after the defeat").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from bot.analysis.cues import reference_year
from bot.analysis.models import Finding
from bot.analysis.packread import PackCue, adjust, after_setback, find_pack_cues, is_name_list
from bot.analysis.packs import Pack, load_pack
from bot.analysis.scoring import score_for
from bot.analysis.text import Doc, Sentence, fold_keep

LEGACY_CUE = "en.reader"  # the id when no pack cue covers the English reader's deciding phrase


def overlay(finding: Finding, doc: Doc, published: datetime | None) -> Finding:
    """`finding` as the English reader made it from `doc`, checked against the en pack."""
    if not finding.pressure or not finding.evidence:
        why = "English reader: no pressure cue about a named manager" if not finding.pressure else ""
        return replace(finding, lang="en", explain=(why,) if why else finding.explain)
    pack = load_pack("en")
    now = reference_year(doc, published.year if published else None)
    path = [f"pack en over the English reader: level {finding.level}, manager {finding.manager}"]
    best: PackCue | None = None
    located: list[PackCue] = []
    for ev in finding.evidence:
        cue = _locate(pack, doc, ev.cue, ev.sentence, finding.level)
        if cue is None:
            continue
        if _trapped(pack, doc, cue):
            cue.level = 0
            cue.steps.append("inside a trap phrase -> 0")
        elif finding.level == 3 and (why := _background(doc, cue, finding)):
            cue.level = 0
            cue.steps.append(f"{why} -> 0")
        elif finding.level == 3:
            adjust(pack, doc, cue, now)
            if cue.level == 3 and is_name_list(pack, doc, cue.sentence):
                cue.level = 0
                cue.steps.append("a list of many people's fates, not a decision about him -> 0")
        path.append(
            f"cue {cue.id} (level {cue.base}) {cue.phrase!r} in sentence {cue.sentence.index}"
            + (f"; {'; '.join(cue.steps)}" if cue.steps else "")
        )
        located.append(cue)
        if best is None or cue.level > best.level:
            best = cue
    if best is None:
        return replace(finding, lang="en", cue_id=LEGACY_CUE, explain=tuple(path))
    level = min(finding.level, best.level)
    if level < finding.level and finding.manager:
        # The deciding cue meant less than it said: the article still holds whatever else the pack
        # reads about him (a sacking chant in a story of "Roeder out" banners is still a murmur).
        rest = _other_cues(pack, doc, published, finding.manager, best)
        if rest is not None and rest.level > level:
            level = min(rest.level, finding.level - 1)
            path.append(
                f"next cue about him: {rest.id} (level {rest.level}) in sentence {rest.sentence.index}"
            )
            best = rest
    if level == 3 and pack.is_departure(best.id) and finding.manager:
        other = _other_cues(pack, doc, published, finding.manager, best, skip_departures=True)
        if other is None and not after_setback(pack, doc, best):
            level = 0
            path.append("he left and nothing else reads pressure on him: a departure, not a sacking")
    if level == 0:
        path.append("no evidence left at any level: no pressure")
        return Finding(pressure=False, level=0, score=0.0, gap_claims=finding.gap_claims, lang="en",
                       explain=tuple(path))  # fmt: skip
    if level != finding.level:
        path.append(f"level {finding.level} -> {level}: the sacking is not stated as fact")
    path.append(f"level {level} from cue {best.id}")
    return replace(
        finding,
        level=level,
        score=finding.score if level == finding.level else score_for(level, 1, 0),
        cue_id=best.id,
        # The club's word may sit in another sentence than the headline's "sack" ("..., the club
        # confirmed"): any sacking cue about him that it carries makes the sacking the club's own.
        club_statement=level == 3 and any(c.level == 3 and c.club_statement for c in (*located, best)),
        reported=best.reported,
        lang="en",
        explain=tuple(path),
    )


def _locate(pack: Pack, doc: Doc, phrase: str, sentence: str, level: int) -> PackCue | None:
    """The evidence phrase as a cue at its place in the text, named by the pack cue covering it."""
    at = doc.text.find(sentence)
    if at == -1:
        return None
    start = doc.text.find(phrase, at, at + len(sentence))
    if start == -1:
        return None
    end = start + len(phrase)
    s = doc.sentence_at(start)
    # The pack cue whose match covers the phrase, the longest first: "getting sacked in the
    # morning" (a chant, level 1) says more than the "sacked" inside it.
    cue_id, base, longest = LEGACY_CUE, level, 0
    sentence_low = doc.low[s.start : s.end]
    for cue, m in pack.cue_scan.finditer(sentence_low) if pack.cue_scan else ():
        m_start, m_end = s.start + m.start(), s.start + m.end()
        if m_start >= end:
            break
        overlaps = m_end > start
        covers = m_start <= start and end <= m_end
        if (covers and m_end - m_start > longest) or (overlaps and not longest and cue.level == level):
            cue_id, base = cue.id, cue.level
            longest = m_end - m_start if covers else 0
    return PackCue(cue_id, base, base, start, end, s, phrase)


def _other_cues(
    pack: Pack,
    doc: Doc,
    published: datetime | None,
    manager: str,
    skip: PackCue,
    skip_departures: bool = False,
) -> PackCue | None:
    """The strongest pack cue in a sentence naming the manager (or the title), other than `skip`."""
    surname = fold_keep(manager.split()[-1]).lower()
    best: PackCue | None = None

    def names_him(s: Sentence) -> bool:
        return s.index == 0 or surname in doc.low[s.start : s.end]

    for cue in find_pack_cues(pack, doc, published, names_him):
        if cue.start == skip.start or not cue.level or (skip_departures and pack.is_departure(cue.id)):
            continue
        if cue.level == 3 and is_name_list(pack, doc, cue.sentence):
            continue
        if best is None or cue.level > best.level:
            best = cue
    return best


# "X, who was sacked ...": a relative clause hung on a name is background about that person; the
# news is in the main clause. Bounded windows keep it linear.
_RELATIVE = re.compile(r"([^\W\d_][\w'’-]*),\s+(?:who|whom)\s+(?:[\w'’-]+\s+){0,3}$")
_BY_OTHER = re.compile(r"\s*by\s+([A-Z][\w'’-]*)")
_RELATIVE_REACH = 80


def _background(doc: Doc, cue: PackCue, finding: Finding) -> str:
    """Why a level-3 cue in a relative clause says nothing new about the finding's manager: it is
    about someone else ("Moyes replaces Dyche, who was sacked"), or it is his past at another club
    ("Dyche, who was sacked by Burnley, took charge at Everton"); "" when it stands."""
    text = doc.text
    m = _RELATIVE.search(text, max(cue.sentence.start, cue.start - _RELATIVE_REACH), cue.start)
    if m is None or not finding.manager:
        return ""
    named = fold_keep(m.group(1)).lower()
    if named not in fold_keep(finding.manager).lower().split():
        return f"a relative clause about {m.group(1)}, not {finding.manager}"
    by = _BY_OTHER.match(text, cue.end, min(cue.sentence.end, cue.end + _RELATIVE_REACH))
    if by is not None and by.group(1).lower() not in (finding.club or "").lower():
        return f"his past: sacked by {by.group(1)}, not his club now"
    return ""


def _trapped(pack: Pack, doc: Doc, cue: PackCue) -> bool:
    """The cue lies inside a trap phrase of its sentence ("avoid the sack")."""
    base = cue.sentence.start
    for _trap, m in pack.trap_scan.finditer(doc.low[base : cue.sentence.end]) if pack.trap_scan else ():
        if base + m.start() <= cue.start and cue.end <= base + m.end():
            return True
    return False
