"""Successors: people the article names as possible, likely or actual replacements.

A person is a successor when a sentence that talks about the job (replace, take over, interim,
candidates, shortlist, favourite, tipped, appointed, ...) names them, and they are not:
the incumbent; the person being replaced in that sentence ("to replace X", "X's successor");
someone who ruled himself out or whom the club turned down; an executive (unless the sentence says
he "would take over" / steps in as interim); a player, a journalist; or someone appointed by a
different club in that sentence ("has been appointed as the new Crystal Palace manager").
A cue sentence that names nobody passes its cue to the next sentence ("...candidates. Among them
are A, B and C.").
"""

from __future__ import annotations

import re

from bot.analysis.entities import Cast, Entity
from bot.analysis.gate import GatedPattern, Prefiltered, WordScan
from bot.analysis.models import SuccessorTip
from bot.analysis.scoring import object_hits
from bot.analysis.text import Doc

_CUE = GatedPattern(
    r"(?:replace|replaces|replaced|replacing|replacements?|successors?|succeed|succeeds|succeeding|"
    r"take over|takes over|took over|taking over|take charge|took charge|taken charge|take the reins|"
    r"step(?:s|ped|ping)? in|interim|caretaker|stand-in|in temporary charge|candidates?|short-?list(?:ed)?|"
    r"front-?runners?|favourites?|favorites?|odds-on|tipped|in the frame|in the running|contenders?|"
    r"under consideration|being considered|considered|considering|linked with the (?:job|role|post|vacancy)|"
    r"approach(?:ed)? for|sounded out|appoint|appoints|appointed|appointment|named (?:as )?(?:the )?(?:new"
    r"|interim|head)|"
    r"was named|has been named|hire|hired|new (?:manager|head coach|coach|boss)|next (?:manager|head coach"
    r"|boss)|"
    r"top of (?:the|their) list|on (?:the|their) list|wish-?list|gaining traction|mooted|options|"
    r"in line to|first choice|leading (?:the race|contender)|race to (?:replace|succeed|become)|targets?|"
    r"would be (?:the )?ideal|in pole position|admired|pushing hard|first option|option|mentioned|"
    r"lead the team|take the team|in charge (?:of|for) the (?:next|team|game|first team)|take training|"
    r"oversee|are the names|the names (?:mentioned|linked|in the frame|on the list)|names i keep|approached"
    r"|been contacted|contacted|in talks with|talks with|returns? to the bench|back on the bench)\b"
)
_TRANSFER = re.compile(
    r"\b(?:sign|signs|signing|signed|transfer|fee|striker|midfielder|defender|winger|goalkeeper|forward|loan"
    r"|bid for|million|[£€$]\d|release clause|january window|summer window)\b|[£€$]\s?\d"
)
_JOB = re.compile(
    r"\b(?:manager|coach|boss|job|role|post|bench|vacancy|dugout|hot ?seat|successor|interim|caretaker"
    r"|take over|take charge|in charge|appoint|appointed|helm|reins)\b"
)
_TAKE_OVER = re.compile(
    r"\b(?:would|will|could|to) (?:take over|step in|take charge)|\binterim|\bcaretaker|\btook over"
    r"|\btakes over"
    r"|\bstep(?:s|ped)? in|\bin temporary charge|\bnamed (?:as )?(?:the )?interim"
)
# "replace X", "X's successor": X is the one being replaced, never a successor in this sentence.
_REPLACED_AFTER = Prefiltered(
    re.compile(
        r"(?:\breplaced\s+(?:[\w'-]+\s+){0,3}?(?:manager|boss|coach|head coach)\s+$)|(?:\breplace|\breplaces"
        r"|\breplacing|\bsucceed|\bsucceeds|\bsucceeding|\bin place of|\bsuccessor to"
        r"|\btook over from|\btaking over from|\btake over from|\breplacement for|\bsuccessor for"
        r"|\bafter sacking"
        r"|\bsacked|\bdismissed|\bfired|\bunder|\bpredecessors?|\bsince|\bafter)\s+(?:manager\s+|boss\s+"
        r"|head coach\s+|coach\s+)?$"
    )
)
_REPLACED_BEFORE = re.compile(
    r"^'s?\s+(?:successor|replacement|job|role|post|position|shoes|departure|exit|sacking|dismissal"
    r"|resignation)"
)
# A club named as someone's background ("former Lazio and Chelsea boss X", "since leaving Wolves").
_ROLE_AFTER_CLUB = re.compile(r"^[\w\s&/'-]{0,25}?\b(?:manager|boss|coach|head coach|job|academy|b team)\b")
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:former|ex|at|from|leaving|left|since|with|of|for|joined|managed)\W{1,3}$"
)
_RULED_OUT = GatedPattern(
    r"(?:ruled himself out|has ruled himself out|rules himself out|not interested|has no interest|"
    r"turned down (?:the|an|a|their) (?:job|approach|offer|role|chance|opportunity)|rejected (?:the|an|a) "
    r"(?:approach|offer|job)|need not apply|needn't apply|is not a candidate|committed his future|"
    r"signed a new contract|out of the running|snubbed)",
    prefilter=True,
)
_LIST_NEXT = re.compile(
    r"^\W*(?:among (?:them|those)|they include|these include|those (?:named|mentioned|linked)|names include|"
    r"the (?:list|names|candidates|options|contenders) (?:include|are)|top of the list|the likes of|[-*•]"
    r"|\d+\.)"
)
_NEGATED = re.compile(r"\b(?:not|no|never|without|nobody|none)\b")
_TURNED_DOWN = re.compile(r"\bturned down\s+$")
_APPOINTED_ELSEWHERE = Prefiltered(
    re.compile(
        r"\b(?:appointed|named|hired|unveiled|installed|confirmed)\b[^.]{0,40}\bnew\s+$"
        r"|\b(?:took over at|joined|has taken (?:the )?(?:job|charge) at|the new)\s+$"
    )
)


def find_successors(
    doc: Doc, cast: Cast, incumbent: Entity | None, club: Entity | None
) -> list[SuccessorTip]:
    """Successor tips in order of first mention, each with the sentence that names them."""
    excluded = _ruled_out(doc, cast)
    anchors = _anchors(doc, cast, incumbent, club)
    tips: dict[str, SuccessorTip] = {}
    carry = False
    cue_sentences = {doc.sentence_at(m.start()).index for m in _CUE.finditer(doc.low)}
    for sentence in doc.sentences:
        has_cue = sentence.index in cue_sentences
        if not has_cue and not carry:
            continue
        low = doc.low[sentence.start : sentence.end]
        if _TRANSFER.search(low) and not _JOB.search(low):
            carry = False
            continue  # "want to replace Mudryk with Rashford": a player transfer, not the manager's job
        named = cast.people_in(sentence.start, sentence.end)
        eligible = [
            ent
            for s, e, ent in named
            if _eligible(doc, cast, ent, s, e, sentence.start, sentence.end, incumbent, club, low)
            and ent.key not in excluded
            and _latest_anchor(anchors, s) != "foreign"
        ]
        carry = has_cue and not eligible and not _NEGATED.search(low)
        carry = carry and bool(_LIST_NEXT.match(_next_text(doc, sentence.index)))
        for ent in eligible:
            if ent.key not in tips:
                tips[ent.key] = SuccessorTip(ent.name, sentence.text, ent.registry_key)
    return list(tips.values())


def _anchors(doc: Doc, cast: Cast, incumbent: Entity | None, club: Entity | None) -> list[tuple[int, str]]:
    """Where the text is about our club ("home") or another club's coaching change ("foreign").

    Trackers and round-ups tell several sackings one after another; a tip belongs to the change
    whose club or departed manager was named last before it.
    """
    out: list[tuple[int, str]] = []
    change = {doc.sentence_at(m.start()).index for m in _CHANGE.finditer(doc.low)}
    home_keys = {e.key for e in (incumbent, club) if e is not None}
    home = {doc.sentence_at(s).index for s, _e, k in cast.mentions if k in home_keys}
    away = change - home
    for s, e, key in cast.mentions:
        if incumbent is not None and key == incumbent.key:
            out.append((s, "home"))
        elif key in cast.clubs:
            if club is not None and key == club.key:
                out.append((s, "home"))
            elif doc.sentence_at(s).index in away and not (
                _ROLE_AFTER_CLUB.match(doc.low[e : e + 40])
                or _BACKGROUND_BEFORE.search(doc.low[max(0, s - 15) : s])
            ):
                out.append((s, "foreign"))
    for ent in cast.people.values():
        if (incumbent is None or ent.key != incumbent.key) and object_hits(doc, ent):
            out.extend((s, "foreign") for s, _e in ent.spans)
    out.sort()
    return out


_CHANGE = WordScan(
    re.compile(
        r"\b(?:sacked|fired|dismissed|parted|relieved|departure|replacement|successor|interim|caretaker|"
        r"appointed|named|hired|vacancy|coaching change|new (?:head )?coach|new manager|stepping in"
        r"|took over)\b"
    )
)


def _latest_anchor(anchors: list[tuple[int, str]], pos: int) -> str | None:
    latest = None
    for at, kind in anchors:
        if at >= pos:
            break
        latest = kind
    return latest


def _next_text(doc: Doc, index: int) -> str:
    if index + 1 >= len(doc.sentences):
        return ""
    nxt = doc.sentences[index + 1]
    return doc.low[nxt.start : nxt.end]


def _ruled_out(doc: Doc, cast: Cast) -> set[str]:
    out: set[str] = set()
    for m in _RULED_OUT.finditer(doc.low):
        sentence = doc.sentence_at(m.start())
        for s, _e, ent in cast.people_in(sentence.start, sentence.end):
            if s < m.start() and m.start() - s < 80:
                out.add(ent.key)
    if "turned down" not in doc.low:
        return out
    for s, _e, key in cast.mentions:
        if _TURNED_DOWN.search(doc.low[max(0, s - 20) : s]):
            out.add(key)
    return out


def _eligible(
    doc: Doc,
    cast: Cast,
    ent: Entity,
    s: int,
    e: int,
    sent_start: int,
    sent_end: int,
    incumbent: Entity | None,
    club: Entity | None,
    low: str,
) -> bool:
    if incumbent is not None and ent.key == incumbent.key:
        return False
    if ent.player_role or ent.media_role or ent.registry_role == "other":
        return False
    executive = ent.registry_role == "executive" or ent.exec_role > ent.manager_role
    if executive and not _TAKE_OVER.search(doc.low[e : min(sent_end, e + 100)]):
        return False
    before = doc.low[max(sent_start, s - 40) : s]
    if _REPLACED_AFTER.search(before) or _REPLACED_BEFORE.search(doc.low[e : e + 20]):
        return False
    if _APPOINTED_ELSEWHERE.search(doc.low[max(sent_start, s - 80) : s]):
        return False
    return not _appointed_by_other_club(doc, cast, s, e, sent_end, club)


_APPOINTED_NEW = re.compile(r"^[^.]{0,80}?\b(?:appointed|named|unveiled|confirmed)\b[^.]{0,30}?\bnew\s+")


def _appointed_by_other_club(
    doc: Doc, cast: Cast, s: int, e: int, sent_end: int, club: Entity | None
) -> bool:
    """ "X has been appointed as the new <Other> manager": X took another job, not this one."""
    if club is None:
        return False
    tail = doc.low[e:sent_end]
    m = _APPOINTED_NEW.match(tail)
    if m is None:
        return False
    for cs, _ce, other in cast.clubs_in(e + m.end(), min(sent_end, e + m.end() + 30)):
        return other.key != club.key and cs >= e
    return False
