"""Names a pack makes plain: frame slots, role and successor appositions, coordinated names.

A name is a capitalised run in the original text that a pack phrase speaks of; nothing else is a
name. Language-neutral: every word comes from the pack (SCHEMA.md "frame")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.names import NAME_RUN, doc_name_runs, name_runs, surname_key
from bot.analysis.packread import REACH_CHARS, first_words, last_words, word_list
from bot.analysis.packs import Pack
from bot.analysis.text import Doc, fold_keep


def is_name_shaped(surface: str) -> bool:
    """Capitalised words in mixed case ("Carlo Ancelotti", "Marc-André ter Stegen"): not an
    all-capitals shout ("NEIL", "UFFICIALE") and not a lowercase phrase."""
    letters = [ch for ch in surface if ch.isalpha()]
    return bool(letters) and surface[:1].isupper() and any(ch.islower() for ch in letters)


def not_name_word(pack: Pack, word: str) -> bool:
    """The word is in the pack's `[lists] not_name` (articles, prepositions, common nouns: "El",
    "Mannschaft"): never a name or part of one."""
    body = pack.lists.get("not_name")
    if body is None:
        return False
    return word_list(body).fullmatch(fold_keep(word.strip(".,;:!?\"'«»()")).lower()) is not None


def _capital_not_name(pack: Pack, word: str) -> bool:
    """A capitalised `not_name` word ("El", "Mannschaft"); lowercase particles ("del" in "Vicente
    del Bosque") stay part of a name."""
    return word[:1].isupper() and not_name_word(pack, word)


def is_person_name(pack: Pack, name: str) -> bool:
    """No capitalised word of `name` is a `not_name` word, and it is name-shaped."""
    words = name.split()
    return (
        is_name_shaped(name)
        and not any(_capital_not_name(pack, w) and not _particle(pack, words, i) for i, w in enumerate(words))
        and not _article_between_nouns(pack, words)
    )


def _article_between_nouns(pack: Pack, words: list[str]) -> bool:
    """Where every noun is capitalised, a lowercase `not_name` word right after a capitalised one
    is an article joining two nouns ("Coaches der Bundesliga-Teams"), not a name's particle, which
    follows another particle or opens the surname ("Rafael van der Vaart", "Heinz von der Heyde")."""
    if not pack.nouns_capitalised:
        return False
    return any(
        w[:1].islower() and words[i - 1][:1].isupper() and not_name_word(pack, w)
        for i, w in enumerate(words)
        if i
    )


def name_span(pack: Pack, text: str, s: int, e: int) -> tuple[int, int] | None:
    """The name in the capitalised run `text[s:e]`: `not_name` words trimmed off both ends; None
    when one is left inside it, or what is left is no name (`is_name_shaped`)."""
    words = text[s:e].split(" ")
    while words and (not words[0] or _capital_not_name(pack, words[0])):
        s += len(words.pop(0)) + 1
    while words and (not words[-1] or _capital_not_name(pack, words[-1])):
        e -= len(words.pop()) + 1
    inside = [w for i, w in enumerate(words) if _capital_not_name(pack, w) and not _particle(pack, words, i)]
    if not words or inside or _article_between_nouns(pack, words):
        return None
    surface = text[s:e]
    return (s, e) if surface.strip() == surface and is_name_shaped(surface) else None


def _particle(pack: Pack, words: list[str], i: int) -> bool:
    """A short article word between a first name and a capitalised surname is the surname's
    particle ("David Le Frapper", "Christian Le Guen", "Eusebio Di Francesco"); where every noun is
    capitalised (German) it may as well be an article between two nouns, so never there."""
    return (
        not pack.nouns_capitalised
        and 0 < i < len(words) - 1
        and len(words[i]) <= 3
        and words[i - 1][:1].isupper()
        and words[i + 1][:1].isupper()
    )


@dataclass(frozen=True, slots=True)
class Framed:
    """A capitalised name a pack frame says something about ("el técnico {person}")."""

    kind: str
    frame_id: str
    start: int
    end: int
    surface: str


def framed_names(pack: Pack, doc: Doc, *, clubs: bool = False) -> list[Framed]:
    """Names in frame slots (the club frames' with `clubs`), in text order. A name is a capitalised
    run in the original text right after (or before) the frame's words; nothing else is a name."""
    text = doc.text
    by_end: dict[int, int] | None = None
    out: list[Framed] = []
    scan = pack.club_frame_scan if clubs else pack.frame_scan
    for frame, m in scan.finditer(doc.low) if scan else ():
        if frame.phrase.slot_side == "after":
            pos = m.end()
            while pos < len(text) and text[pos] == " ":
                pos += 1
            run = NAME_RUN.match(text, pos)
            # The name follows after a space, or glued to an elided article ("d'Inzaghi").
            if run is None or (pos == m.end() and doc.low[m.end() - 1 : m.end()] != "'"):
                continue
            s, e = run.span()
            if e < len(text) and (text[e].isalnum() or text[e] == "_"):
                continue  # the run is the start of a longer word ("UFFIcIALE")
        else:
            if by_end is None:
                by_end = {e: s for s, e in doc_name_runs(doc)}
            e = m.start()
            while e > 0 and text[e - 1] == " ":
                e -= 1
            if e > 0 and text[e - 1] == "-" and e == m.start():
                e -= 1  # a compound's first half: "Bielefeld-Trainer", "Rapid-Coach"
                s = text.rfind(" ", 0, e) + 1
                if not text[s : s + 1].isupper():
                    continue
            elif e in by_end:
                s = by_end[e]
            else:
                continue
        if text[e - 2 : e] == "'s":
            e -= 2
        span = name_span(pack, text, s, e)
        if span is not None:
            out.append(Framed(frame.kind, frame.id, span[0], span[1], text[span[0] : span[1]]))
    out.sort(key=lambda f: f.start)
    return out


# How far (characters) after a role word its person may be named: "el técnico argentino del Getafe,
# José Bordalás"; further on, a name is as likely the subject of another clause.
ROLE_REACH = 48
ROLE_WORDS = 6  # at most this many words between the role word and the name
_CLAUSE_END = re.compile(r"[;:!?()\"«»\[\]]|\s[-–—]\s")


SUCCESSOR_REACH = 64  # characters after a successor word ("sustituto", "Nachfolger") its names may sit in
SUCCESSOR_NAMES = 2  # full names read after one successor word ("el favorito de X es Y")


def successor_appositions(
    pack: Pack, doc: Doc, club_spans: list[tuple[int, int]], surnames: set[str] | None = None
) -> list[Framed]:
    """Full names written shortly after one of the pack's `[lists] successor` words ("in pole per
    la panchina c'è Fabio Liverani", "Nachfolger: Heiko Scholz"), up to two: one may be the outgoing
    manager ("el sustituto de Ronald Koeman será Xavi"), whom the successor list later drops. In a
    list, a lone word counts only when it is one of `surnames` (people the text or registry knows)."""
    words = pack.lists.get("successor")
    if words is None:
        return []
    text = doc.text
    out: list[Framed] = []
    for m in word_list(rf"(?<!\w){words}(?!\w)").finditer(doc.low):
        sentence = doc.sentence_at(m.start())
        end = min(sentence.end, m.end() + SUCCESSOR_REACH)
        stop = _CLAUSE_END.search(text, m.end(), end)
        pos = m.end()
        if stop is not None and text[stop.start()] == ":" and stop.start() - m.end() <= LIST_LEAD:
            # "Molti i nomi in corsa: da A a B, passando per C, D o E": the list to the sentence's end.
            out.extend(_listed(pack, text, stop.end(), sentence.end, club_spans, surnames or set()))
            continue
        end = stop.start() if stop is not None else end
        for _ in range(SUCCESSOR_NAMES):
            found = _first_name_run(pack, text, pos, end, club_spans, skip_single=True)
            if found is None:
                break
            out.append(
                Framed("successor", "successor_apposition", found[0], found[1], text[found[0] : found[1]])
            )
            pos = found[1]
    return out


LIST_LEAD = 24  # characters between a successor word and the colon that opens its list of names
LIST_NAMES = 8  # names read from one such list at most


def _listed(
    pack: Pack, text: str, start: int, end: int, club_spans: list[tuple[int, int]], surnames: set[str]
) -> list[Framed]:
    """The capitalised names of a list, clubs passed over; a lone word only when it is a known
    surname (in German every noun is capitalised)."""
    out: list[Framed] = []
    for s, e in name_runs(text[start : min(end, start + REACH_CHARS)]):
        s, e = s + start, e + start
        if any(cs < e and s < ce for cs, ce in club_spans):
            continue
        span = _known_person(pack, text, s, e, surnames)
        if span is not None:
            out.append(Framed("successor", "successor_list", span[0], span[1], text[span[0] : span[1]]))
        if len(out) == LIST_NAMES:
            break
    return out


def coordinated(pack: Pack, doc: Doc, framed: list[Framed], surnames: set[str]) -> list[Framed]:
    """Names joined by the pack's `and` to a framed successor or interim share its frame: "Scholz
    und Zandi übernehmen vorerst", "a Cannavaro e De Rossi" (a lone word only when it is one of
    `surnames`, as in `_listed`)."""
    joiner = pack.lists.get("and")
    if joiner is None:
        return []
    text = doc.text
    after = word_list(rf"[ ]*,?[ ]*(?<!\w)(?:{joiner})[ ]+")
    before = word_list(rf"[ ]+(?:{joiner})[ ]+$")
    out: list[Framed] = []
    for f in framed:
        if f.kind not in ("successor", "interim"):
            continue
        m = after.match(doc.low, f.end)
        run = NAME_RUN.match(text, m.end()) if m is not None else None
        span = _known_person(pack, text, *run.span(), surnames) if run is not None else None
        if span is not None:
            out.append(Framed(f.kind, f.frame_id, span[0], span[1], text[span[0] : span[1]]))
        b = before.search(doc.low, max(0, f.start - 12), f.start)
        if b is not None:
            base = max(0, b.start() - 40)
            back = [r for r in name_runs(text[base : b.start()]) if r[1] == b.start() - base]
            span = (
                _known_person(pack, text, base + back[-1][0], base + back[-1][1], surnames) if back else None
            )
            if span is not None:
                out.append(Framed(f.kind, f.frame_id, span[0], span[1], text[span[0] : span[1]]))
    return out


def _known_person(pack: Pack, text: str, s: int, e: int, surnames: set[str]) -> tuple[int, int] | None:
    """`name_span` of the run, when it is a full name or a lone known surname."""
    span = name_span(pack, text, s, e)
    if span is None or (
        " " not in text[span[0] : span[1]] and surname_key(text[span[0] : span[1]]) not in surnames
    ):
        return None
    return span


def role_appositions(pack: Pack, doc: Doc, club_spans: list[tuple[int, int]]) -> list[Framed]:
    """Full names written shortly after one of the pack's role words, past adjectives and the
    club's name ("l'allenatore dell'Udinese Luca Gotti", "Trainer des MSV Duisburg, Pavel Dotchev"):
    the role word names his job as a frame would. A run inside a club's name (`club_spans`) is
    skipped; the first other capitalised run decides (a full name, or nothing)."""
    role = pack.lists.get("role")
    if role is None:
        return []
    former = pack.lists.get("former")
    interim = pack.lists.get("interim")
    text = doc.text
    out: list[Framed] = []
    for m in word_list(rf"(?<!\w){role}(?!\w)").finditer(doc.low):
        sentence = doc.sentence_at(m.start())
        end = min(sentence.end, m.end() + ROLE_REACH)
        stop = _CLAUSE_END.search(text, m.end(), end)
        if stop is not None:
            end = stop.start()
        found = _first_name_run(pack, text, m.end(), end, club_spans)
        if found is None:
            continue
        s, e = found
        before = last_words(doc.low[sentence.start : m.start()], 2)
        after = first_words(doc.low[m.end() : s], 2)
        kind = "manager"
        if former is not None and word_list(rf"(?<!\w){former}(?!\w)").search(before):
            kind = "former"
        elif interim is not None and word_list(rf"(?<!\w){interim}(?!\w)").search(before + " " + after):
            kind = "interim"
        out.append(Framed(kind, "role_apposition", s, e, text[s:e]))
    return out


def _first_name_run(
    pack: Pack,
    text: str,
    start: int,
    end: int,
    club_spans: list[tuple[int, int]],
    skip_single: bool = False,
) -> tuple[int, int] | None:
    """The first capitalised run in text[start:end] outside a club's name, when it is a full name
    (two words or more) no more than ROLE_WORDS words after `start`; with `skip_single`, one-word
    runs (a surname, a place) are passed over instead of ending the search."""
    pos = start
    while pos < end:
        run = NAME_RUN.search(text, pos, end)
        if run is None:
            return None
        s, e = run.span()
        if s and (text[s - 1].isalnum() or text[s - 1] in "_-"):
            pos = e  # glued to the word before: not a name's start
            continue
        if len(text[start:s].split()) > ROLE_WORDS:
            return None
        whole = NAME_RUN.match(text, s)
        e = whole.end() if whole is not None else e
        club_end = max((ce for cs, ce in club_spans if cs < e and s < ce), default=None)
        if club_end is not None:
            # "de Lyon Paul Mercier" is one capitalised run: the name is what follows the club.
            while club_end < e and text[club_end] == " ":
                club_end += 1
            if club_end >= e:
                pos = e
                continue
            s = club_end
        if e < len(text) and (text[e].isalnum() or text[e] == "_"):
            return None
        span = name_span(pack, text, s, e)
        if span is None or " " not in text[span[0] : span[1]]:
            if skip_single and " " not in text[s:e].strip():
                pos = e
                continue
            return None
        return span
    return None
