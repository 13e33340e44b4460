"""Pressure cues: the phrases a football journalist reads as a manager's job being at risk.

Each cue has a base level (design.md "Pressure levels"): 1 murmurs, 2 serious (the club acts or has
lost faith), 3 decided. The sentence around a cue can change what it means:
- negation ("no plans to sack", "will not get a vote of confidence") lowers it to 1: the subject is
  on the table, but nothing happened;
- modality ("could be sacked", "set to be axed", "if ... he will be sacked") turns a level-3 verb
  into a level-2 threat;
- history ("the last managers to be sacked", "who was sacked by X", "since being fired", "feared
  the sack ... in 2008") makes any cue describe the past, so it does not count. A bare year counts
  as history only before 2020 (the analysis has no clock; recent years are usually the story's own).
Denials ("quash rumours of an imminent departure") and third-party hedges ("in case he is sacked")
lower a cue to 1; "the exit of X appears imminent" is a level-2 threat, not a decision.
All matching is on the folded text, in one pass over the whole article for all three levels
(gate.py), plus one pass for headline verbs that need a capitalised name after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.gate import GatedPattern, Prefiltered, WordScan
from bot.analysis.text import Doc, Sentence

_DECIDED = (
    r"\b(?:(?:has|have|had|was|were|been|being)\s+)?(?:sacked|fired|dismissed|axed|ousted|sacking|firing"
    r"|exonerated|exonerates|exoneration)\b"
    r"|\brelieved (?:[\w'\s-]{0,40}? )?of (?:his |her |their )?(?:\w+ )?duties"
    r"|\bconfirm(?:s|ed)? (?:the )?(?:departure|exit|dismissal|sacking) of|\bmarching orders"
    r"|\bcessation of|\bceased as (?:coach|manager)"
    r"|\bout as (?:[\w-]+ )?(?:head coach|coach|manager|boss)\b|\bwield(?:s|ed)? the axe"
    r"|\b(?:reign|tenure|spell|era) (?:is over|has ended|ended|comes to an end|came to an end|is at an end)"
    r"|\breleas(?:ed|es|e) (?:[\w'\s-]{0,40}? )?from (?:his |her |their )?(?:\w+ )?duties"
    r"|\bfreed (?:[\w'\s-]{0,40}? )?from (?:his |her |their )?(?:\w+ )?duties"
    r"|\bend(?:s|ed)? (?:of )?(?:their|its|his|the) collaboration|\bend of (?:its|their|the"
    r"|his) collaboration"
    r"|\b(?:sack|sacks|fire|fires|axe|axes|dismiss|dismisses|oust|ousts)\s+(?:(?:head\s+)?coach|manager"
    r"|boss)\b"
    r"|\bparted (?:company|ways)|\bpart(?:s|ing)? (?:company|ways)\b|\brelieved (?:\w+ )?of (?:his |her "
    r"|their )?(?:\w+ )?duties"
    r"|\brelieves \w+(?: \w+){0,3} of (?:his |her )?(?:\w+ )?duties|\bby mutual consent"
    r"|\bmutual agreement to part"
    r"|\b(?:has |have )?(?:resigned|stepped down|quit)\b|\bresigns\b|\bsteps down\b|\bshown the door"
    r"|\bgiven the boot"
    r"|\b(?:departure|exit|dismissal|sacking|firing) (?:has been |was |is )?(?:confirmed|announced)"
    r"|\b(?:departure|exit|dismissal|sacking) of [\w\s'-]{1,30}? (?:has been|was|is) (?:confirmed|announced)"
    r"|\bterminated (?:his|the) contract|\bcontract (?:was |has been )?terminated|\blet go\b|\bsacking of\b"
    r"|\bdeparted (?:coach|manager)|\bno longer (?:the )?(?:manager|head coach|coach|in charge)"
    r"|\bleft (?:the club|his post|his role) (?:with immediate effect|by mutual consent)"
)
_SERIOUS = (
    r"\b(?:dismissal|sacking|departure|exit|firing|cessation) (?:is |looks |appears |seems )?imminent"
    r"|\bimminent (?:dismissal|sacking|departure|exit|firing)|\bmeet(?:s|ing)? to decide"
    r"|\bon thin ice|\bdays are numbered|\b(?:given|gives|issued|issues|handed) (?:\w+ ){0,2}(?:a "
    r"|his )?(?:final |stern )?"
    r"warning|\b(?:has been|was) warned|\btalks with the board|\bdecide (?:on )?(?:his|the manager's"
    r"|the coach's) future"
    r"|\bat risk of (?:being )?(?:sacked|dismissed|fired|losing his job)|\bsack (?:looms|fears|threat)"
    r"|\b(?:reflecting on|reflect on|evaluating|assessing|discussing|considering) (?:the )?(?:future of"
    r"|his future)"
    r"|\b(?:potential|possible|likely) (?:replacement|successor)\b"
    r"|\bdecision (?:on his future )?(?:is )?expected"
    r"|\bdrawing up (?:a )?(?:short-?list|list)|\b(?:evaluat|consider|explor|weigh|assess)(?:e|es|ed"
    r"|ing) (?:the |possible "
    r"|potential )?(?:alternatives|options)"
    r"|\b(?:names|candidates) on the (?:list|shortlist)|\b(?:club|board|leadership|hierarchy) (?:has "
    r"|have )?begun"
    r"|\bmove (?:him|the manager|the coach|the boss) on\b|\bdecision to (?:sack|dismiss|part ways with"
    r"|replace) (?:him|the"
    r" manager|the coach)|\bvote of confidence|\b(?:crisis|crunch|clear-the-air) (?:talks|meeting|summit)"
    r"|\bemergency (?:talks"
    r"|meeting|board meeting)"
    r"|\bboard meeting|\bultimatum|\bmust[- ]win|\bnext (?:two|three|four|five|couple of|few|\d) (?:games"
    r"|matches|fixtures)"
    r"|\bface the consequences|\bfacing the (?:sack|axe|chop)|\bface the (?:sack|axe|chop)|\bsack race"
    r"|\bon the brink|\bcould be (?:sacked|fired|axed|dismissed)|\b(?:set|poised|likely|expected"
    r"|about) to be (?:sacked|fired|axed|dismissed)"
    r"|\bwill be (?:sacked|fired|axed|dismissed)|\brisks? the (?:sack|axe)|\b(?:job|future"
    r"|position) (?:is )?on the line"
    r"|\blast chance|\bhang(?:s|ing)? by a thread|\bdead man walking|\blos(?:t|e|ing) (?:patience|faith)"
    r"|\brunning out of patience|\bchange their minds?|\bbeginning of the end|\bdecision on (?:his"
    r"|the manager's) future"
    r"|\btalks (?:over|about) (?:his|the manager's) future|\bshort-?list|\bcandidates? (?:list|to replace"
    r"|to succeed)"
    r"|\b(?:list of|several|potential|possible|three|two|four) (?:candidates|replacements|successors)"
    r"|\b(?:identified|identify|identifies|drawn up|drew up|lined up|line up|exploring|explore|considering"
    r"|noted|note down)"
    r"\b[\w\s,'-]{0,40}?\b(?:replacements?|successors?|candidates|options|managers? to replace)"
    r"|\breplacement (?:would|will) come from within|\bwould take over if|\bif (?:necessary"
    r"|needed)\b[^.]{0,40}take over"
    r"|\bin (?:contact|talks) with [\w\s]{0,30}?(?:replace|successor)|\bsounded out|\bsuccession plan"
    r"|\bgames? to save (?:his|their) job|\bfighting for (?:his|their) (?:job|future)|\bin jeopardy"
)
_MURMURS = (
    r"\bcontinuity (?:is )?(?:in doubt|at risk|in question|questioned|in the air)|\bfuture (?:is )?in the air"
    r"|\b(?:hangs|hanging) in the balance"
    r"|\bpressure (?:piles|is piling|piling|intensifies|increases|building)|\bchant(?:s|ed|ing)? against"
    r"|\bquestions? (?:over|about|surround(?:ing)?) [\w' ]{0,25}?(?:job|future|position)"
    r"|\b(?:came|comes|coming) under (?:heavy |fierce )?criticism|\bfac(?:es|ing|ed) (?:heavy "
    r"|fierce )?criticism"
    r"|\bheavily critici[sz]ed"
    r"|\blost the dressing room|\btime (?:is |at [\w\s]{1,20}? is )?running out|\brunning out of time"
    r"|\b(?:job|position|bench|future) (?:is )?(?:at (?:serious |real |great )?risk|wobbling|shaking"
    r"|under threat)"
    r"|\bshaking\b|\bat risk\b|\bwobbl(?:ing"
    r"|es)"
    r"|\bkeep(?:s|ing)? faith (?:in|with)|\bunder (?:\w+ )?(?:pressure|the cosh|scrutiny|fire|threat)"
    r"|\b(?:mounting|growing|increasing|intense|huge"
    r"|enormous) pressure"
    r"|\bpressure (?:grows|is growing|mounts|is mounting|has mounted|on)\b|\bhot ?seat"
    r"|\bfuture (?:is )?(?:in doubt|uncertain)"
    r"|\buncertain future|\bquestions? (?:over|about|marks? over) (?:his|the manager's) (?:job|future"
    r"|position)"
    r"|\bpoor (?:run|form|start)|\bwinless|\bwithout a win|\bbad run|\bslump|\bcrisis\b|\bbooed|\bbooing"
    r"|\bfans turn(?:ed)? on|\bbacklash|\bcalls for (?:him|his|the manager) to (?:go|leave|be sacked)"
    r"|\b(?:job|future) in trouble"
    r"|\bpleads? for time|\bunder-pressure|\bunder-fire|\b(?:growing|increasingly) frustrated|\bbeleaguered"
    r"|\bembattled|\bunder threat|\bstruggl(?:ing|es)"
    r"|\b(?:retains?|still (?:has|have)|keeps?) the (?:full )?(?:backing|support) of (?:the )?(?:club|board"
    r"|owners?"
    r"|hierarchy|chairman|president|directors)"
    r"|\b(?:club|board|owners?|hierarchy|chairman|president|directors|bosses"
    r"|chiefs)\b[\w\s,']{0,30}?\b(?:back"
    r"|backs|backed|backing|support|supports|stick with|sticks with|stand by|stands by) (?:the manager|him"
    r"|their manager|their boss|the coach)\b"
    r"|\bdecided? to stick with|\bstill (?:believe|believes|have faith|has faith) in"
    r"|\bwill not look to replace"
    r"|\b(?:replace|replacing|succeed|succeeding) (?:him|the (?:[\w-]+ )?(?:manager|coach|head coach|boss))\b"
    r"|\bsack\b|\bsacking\b|\bthe axe\b|\bout (?:chants|signs"
    r"|banners)"
    r"|\blose his job|\bnext (?:manager|boss|coach) to (?:be sacked|lose his job|go)|\bqueue to replace"
    r"|\bfavourite to replace|\btipped to replace"
)
# Present-tense headline verbs ("United sack Ten Hag") only count with a name right after them.
# Literal alternation first, so `re` can skip ahead by first letter; the context is checked after.
_VERB_LOW = re.compile(r"(?:sacks|sack|fires|fire|dismisses|dismiss|axes|axe|ousts|oust)\s+")
_NOT_A_NAME = re.compile(r"(?:FC|CF|AFC|SC|United|City)\b")


def _headline_verbs(doc: Doc) -> list[tuple[int, int]]:
    """ "United sack Ten Hag": a present-tense sacking verb with a capitalised name right after it
    (not "Under-fire Leeds", not "Chicago Fire FC")."""
    found = []
    low, text = doc.low, doc.text
    for m in _verbs_at_word_starts(low):
        start, end = m.span()
        if start and (low[start - 1].isalnum() or low[max(0, start - 6) : start] in ("under-", "under ")):
            continue
        nxt = text[end : end + 1]
        if nxt and nxt.isupper() and not _NOT_A_NAME.match(text, end):
            found.append((start, end))
    return found


def _verbs_at_word_starts(low: str) -> list[re.Match[str]]:
    """`_VERB_LOW` matches not glued to a letter or digit before them, as `finditer` would give
    them: a glued match only spans its own word and the spaces after it, so dropping it hides no
    other match; candidates come from the character before them, which `re` skips to in C."""
    found = []
    if _VERB_HEAD.match(low):
        m = _VERB_LOW.match(low)
        if m is not None:
            found.append(m)
    last_end = found[0].end() if found else 0
    for candidate in _VERB_GATE.finditer(low):
        pos = candidate.end()
        if pos < last_end or low[pos - 1].isalnum():
            continue
        m = _VERB_LOW.match(low, pos)
        if m is not None:
            last_end = m.end()
            found.append(m)
    return found


_VERB_HEAD = re.compile(r"(?:sack|fire|dismiss|axe|oust)")
_VERB_GATE = re.compile(r"[^a-z0-9](?=sack|fire|dismiss|axe|oust)")


def _branches(pattern: str) -> str:
    """A `\\b`-led alternation without its `\\b`s: the scan checks the word start once, up front."""
    return pattern.removeprefix(r"\b").replace(r"|\b", "|")


# One pass over the text for all three levels; at any position the stronger level is tried first.
_ALL_LEVELS = GatedPattern(
    "(?P<l3>" + _branches(_DECIDED) + ")|(?P<l2>" + _branches(_SERIOUS) + ")"
    "|(?P<l1>" + _branches(_MURMURS) + ")"
)
_LEVEL_OF = {"l3": 3, "l2": 2, "l1": 1}

_NEGATION = Prefiltered(
    re.compile(
        r"\b(?:no|not|never|nor|n't|without|deny|denies|denied|dismissed talk|rules? out|ruled out"
        r"|no intention|no plans|not yet|far away|has not reached|hasn't reached|won't|will not|fails? to"
        r"|failed to|refused? to|"
        r"rather than|instead of|no need|unlikely)\b[^.;:]{0,40}$"
    )
)
_HEDGE_AFTER = re.compile(
    r"^.{0,80}?\b(?:(?:is )?still described as far away|not (?:yet )?at that point|not reached that point|"
    r"not (?:yet )?reached that stage|not (?:yet )?come to that)",
    re.DOTALL,
)
_MODAL = re.compile(
    r"\b(?:could|would|might|may|will|shall|should|set to|poised to|likely to|expected to|about to|facing|"
    r"face|risk|risks|threat of|brink|if|unless|to be|before being|in danger of|fear|fears|want|wants|"
    r"calls? for|urged? to|must|whether|would-be|potential)\b[^.;]{0,40}$"
)
# "the match to be axed", "plans were scrapped": the thing ended is not a person.
_THING_BEFORE = re.compile(
    r"\b(?:match|game|fixture|tie|event|plans?|deal|scheme|programme|show|tour|trip|project"
    r"|bid)\b[^.;]{0,15}$"
)
_DENIAL_AFTER = re.compile(
    r"\s+(?:the\s+)?(?:reports?|claims?|speculation|suggestions?|talk|rumou?rs?|the idea|stories|fears)\b"
)
_RUMOUR_BEFORE = Prefiltered(
    re.compile(
        r"\b(?:quash|quashed|quashing|played down|plays down|downplayed|rubbished|rubbishes|denied|denies)\b"
        r"[^.;]{0,25}$|\b(?:rumou?rs|speculation|talk) (?:of|about|over)\s+(?:an?\s+|his\s+)?$"
    )
)
_PENDING_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:is|appears|seems|looks|could be|would be|may be|is now) (?:\w+ )?(?:imminent|close"
    r"|near"
    r"|expected|likely|on the cards|a matter of (?:time|days|hours))\b|[^.;]{0,40}?\blooms\b"
)
# How far back in its sentence a cue looks for "if"/"unless": a real sentence is shorter, and the bound
# keeps one giant unpunctuated "sentence" with thousands of cues linear.
_CLAUSE_REACH = 400
_IN_CASE = re.compile(r"\bin case\b[^.;]{0,40}$")
_CONDITIONAL = re.compile(r"\b(?:if|unless|in the event|should (?:they|the club)|whether|in case)\b")
_HISTORY = re.compile(
    r"\b(?:last (?:season|year|summer)|years? ago|months ago|previously|the last managers?|"
    r"since (?:being|he was|his)|after being|who was|who were|before|earlier in his career|predecessors?|"
    r"the last (?:\w+ )?(?:managers?|coaches|bosses)|as it was under|"
    r"his (?:first|previous) spell|back in|former)\b"
)
_HISTORY_AFTER = re.compile(
    r"^[^.;]{0,30}\b(?:last (?:season|year)|years? ago|back in|previously)\b"
    r"|^[^.;]{0,90}\b(?:in|of|during) (?:(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december) )?(?P<year>(?:19|20)\d\d)\b"
)
_YEAR_BEFORE = re.compile(r"\bin ((?:19|20)\d\d)\b[^.;]{0,50}$")
_ANY_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9][0-9](?![0-9])")
# With no publication date, an article is taken to be from its latest year mentioned, and no older
# than this: a year before it is history ("sacked in 2008"), the article's own year is news.
UNDATED_FLOOR_YEAR = 2020


def reference_year(doc: Doc, published_year: int | None) -> int:
    """The article's own year: its publication year, else its latest year mentioned (at least
    UNDATED_FLOOR_YEAR), so "In 2026 Real Madrid sacked X" is news and "sacked in 2008" history."""
    if published_year is not None:
        return published_year
    years = [int(y) for y in _ANY_YEAR.findall(doc.low)]
    return max([UNDATED_FLOOR_YEAR, *years])


_VOLUNTARY = WordScan(
    re.compile(
        r"\bleav(?:e|es|ing) (?:[\w-]+ ){0,3}to (?:join|take over at|take charge (?:at|of)|become)\b"
        r"|\bsign(?:s|ed)? (?:a )?new (?:[\w-]+ )?(?:contract|deal)|\bcontract extension"
        r"|\bextended his (?:contract|deal)|"
        r"\b(?:announced?|announces|confirmed|revealed|decided|decision)\b[^.]{0,60}\b(?:will|to|would) "
        r"(?:leave|step down|stand down|depart|retire)\b|\brunning out of energy|\bown decision"
        r"|\bon his own terms"
        r"|\bretire(?:s|d|ment)?\b|\bto leave (?:the club )?at the end of the season|\bfarewell"
        r"|\bgo out on a high"
    ),
    prefilter=True,
)
_OWNER_TARGET = re.compile(
    r"\b(?:owners?|ownership|glazers?|kroenkes?|board|chairman|president|takeover|regime|family)\b"
)
_MANAGER_WORDS = re.compile(
    r"\b(?:manager|boss|head coach|coach|gaffer|he|him|his|the \w+(?:man|ard|ian|ese|ch|ot))\b"
)


@dataclass(frozen=True, slots=True)
class Cue:
    level: int  # after negation/modality/history adjustments; 0 = ignored
    base: int
    phrase: str
    sentence: Sentence
    start: int
    end: int
    negated: bool = False
    historic: bool = False


def find_cues(doc: Doc, year: int = UNDATED_FLOOR_YEAR) -> list[Cue]:
    """Every cue in the article, in text order, each adjusted by its context; `year` is the
    article's own (`reference_year`): years before it are history."""
    found: list[Cue] = []
    taken = bytearray(len(doc.text) + 1)
    for start, end in _headline_verbs(doc):
        taken[start:end] = b"\x01" * (end - start)
        found.append(_adjust(doc, 3, doc.text[start:end].strip(), doc.sentence_at(start), start, end, year))
    for m in _ALL_LEVELS.finditer(doc.low):
        start, end = m.start(), m.end()
        phrase = doc.text[start:end].strip()  # as written, for the evidence shown to users
        if not phrase or taken.find(1, start, end) != -1:
            continue
        base = _LEVEL_OF[m.lastgroup or "l1"]
        found.append(_adjust(doc, base, phrase, doc.sentence_at(start), start, end, year))
    found.sort(key=lambda c: c.start)
    return found


def _adjust(doc: Doc, base: int, phrase: str, sentence: Sentence, start: int, end: int, year: int) -> Cue:
    low = doc.low
    before = low[max(sentence.start, start - _CLAUSE_REACH) : start]
    after = low[end : min(sentence.end, end + _CLAUSE_REACH)]
    ahead = low[end : end + 200]
    negated = bool(_NEGATION.search(before[-60:])) or (
        _maybe_hedge(ahead) and bool(_HEDGE_AFTER.search(ahead))
    )
    tail = after[:100]
    historic = bool(_HISTORY.search(before[-60:])) or (_maybe_past(tail) and _past_after(tail, year))
    if not historic and "in " in before[-60:]:
        was = _YEAR_BEFORE.search(before[-60:])
        historic = was is not None and int(was.group(1)) < year
    level = base
    if historic or (base == 3 and _THING_BEFORE.search(before[-40:])):
        level = 0
    elif negated:
        level = 1 if base >= 2 else 0
    elif base == 3 and _DENIAL_AFTER.match(after):
        level = 1  # "dismissed reports that ...": a denial, so there is talk
    elif base >= 2 and _RUMOUR_BEFORE.search(before[-50:]):
        level = 1  # "moved to quash rumours of an imminent departure": talk, denied
    elif base == 3 and _PENDING_AFTER.match(after):
        level = 2  # "the exoneration of X appears imminent": coming, not done
    elif base == 3 and _IN_CASE.search(before[-60:]):
        level = 1  # "in case he's given his marching orders": others hedging, nothing threatened
    elif base == 3 and (_MODAL.search(before[-50:]) or _CONDITIONAL.search(before)):
        level = 2
    return Cue(level, base, phrase, sentence, start, end, negated, historic)


def _past_after(tail: str, year: int) -> bool:
    """ "... sacked last season", "... sacked in March 2008" (a year before the article's)."""
    m = _HISTORY_AFTER.search(tail)
    return m is not None and (m.group("year") is None or int(m.group("year")) < year)


def _maybe_hedge(text: str) -> bool:
    """Cheap pre-test for `_HEDGE_AFTER` (most cues have no hedge after them)."""
    return "far away" in text or "at that point" in text or "reached that" in text or "come to that" in text


def _maybe_past(text: str) -> bool:
    """Cheap pre-test for `_HISTORY_AFTER`: a year, "ago", "last", "back in" or "previously"."""
    return (
        "ago" in text
        or "last" in text
        or "back in" in text
        or "previous" in text
        or (_ASCII_DIGIT.search(text) is not None if text.isascii() else any(map(str.isdigit, text)))
    )


_ASCII_DIGIT = re.compile(r"[0-9]")  # for ASCII text, exactly the characters str.isdigit accepts


def is_voluntary_exit(doc: Doc) -> bool:
    """The manager chose to go (announced departure, retirement) rather than being pushed."""
    return bool(_VOLUNTARY.search(doc.low))


def targets_owners(doc: Doc, cue: Cue) -> bool:
    """A murmur aimed at the owners or board ("pressure mounted for their exit", "Glazers out")."""
    text = doc.low[cue.sentence.start : cue.sentence.end]
    return bool(_OWNER_TARGET.search(text)) and not _MANAGER_WORDS.search(text)
