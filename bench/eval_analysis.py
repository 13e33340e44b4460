"""Evaluate `analyze` on a labelled corpus (default ../shared/corpus/dev), per language and overall.

    python bench/eval_analysis.py [--corpus DIR] [--split study|held-out|all] [--detect] [--json]

Figures per language (en es it de fr pt) and overall, for each half of a fixed split and for both
together: pressure precision/recall/F1, level accuracy, sacking (level 3) precision/recall, manager
and club accuracy, successor F1, gap-claim F1, and the misses grouped by kind.

Scoring rules (../shared/corpus/README.md):
- `sport: "other"` articles must give no finding: expected pressure false, level 0.
- Managers and successors match by surname, accent- and case-insensitively; clubs through the
  registry, else by folded containment or the same first significant word ("Bayern" ~ "Bayern Munich").
- A "non-person name" is a manager or successor the registry knows as a club or league, or that holds
  a word only organisations carry ("League", "Project", "FC"...), or a lone all-capitals word.

The split is fixed so rules can be checked on articles nobody studied: an article is `held-out` when
the first byte of sha256("hotseat-split-1" + file stem) is odd, else `study`. Read only the study
half when writing rules; the held-out half says how they do on text nobody tuned them to.

The article's language is the file's `lang` (what a feed declares), or with `--detect` what
`bot.analysis.language` detects from the text. Exits 0 with one line when the corpus is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis import Finding, analyze  # noqa: E402
from bot.analysis.language import detect_language  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402

REGISTRY = load_registry()
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "dev"
LANGS = ("en", "es", "it", "de", "fr", "pt")
SPLITS = ("study", "held-out")
SPLIT_SALT = "hotseat-split-1"
MISS_KINDS = (
    "false sacking",
    "missed sacking",
    "false pressure",
    "missed pressure",
    "wrong level",
    "wrong manager",
    "wrong club",
    "non-person name",
    "successor FP",
    "successor FN",
    "gap FP",
    "gap FN",
)


def split_of(name: str) -> str:
    """`study` or `held-out`, fixed by the file name alone (see the module docstring)."""
    stem = name.removesuffix(".json")
    return "held-out" if hashlib.sha256((SPLIT_SALT + stem).encode()).digest()[0] % 2 else "study"


# Letters NFKD leaves whole that the press also writes spelled out ("Solskjær" = "Solskjaer").
_SPELLED = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ı": "i", "þ": "th"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").split())


def surname(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b) and surname(a or "") == surname(b or "")


_AFFIXES = {"fc", "afc", "cf", "sc", "ac", "as", "the", "club", "de", "cd", "ssc", "sv", "vfl", "1"}
# Words that name organisations, competitions or outlets, never a person.
_ORG_WORDS = {
    "league", "liga", "ligue", "serie", "bundesliga", "championship", "premier", "cup", "copa", "coppa",
    "pokal", "coupe", "project", "trust", "fc", "cf", "afc", "club", "united", "city", "federation",
    "federacion", "federazione", "verband", "association", "uefa", "fifa", "press", "news", "sport",
}  # fmt: skip


def _club_words(name: str) -> list[str]:
    return [w for w in fold(name).replace("(", " ").replace(")", " ").split() if w not in _AFFIXES]


def same_club(a: str | None, b: str | None) -> bool:
    """Same club, loosely: the registry resolves both to one club ("Hearts" ~ "Heart of Midlothian"), or
    containment, or the same first significant word ("Bayern" ~ "Bayern Munich")."""
    if not a or not b:
        return False
    ca, cb = REGISTRY.club_by_name(a), REGISTRY.club_by_name(b)
    if ca is not None and cb is not None:
        return ca.key == cb.key
    wa, wb = _club_words(a), _club_words(b)
    if not wa or not wb:
        return False
    fa, fb = " ".join(wa), " ".join(wb)
    return fa in fb or fb in fa or wa[0] == wb[0]


_LEAGUE_NAMES = {fold(league.name) for league in REGISTRY.leagues()}


def is_non_person(name: str) -> bool:
    """A name that cannot be a manager or successor (see the module docstring)."""
    if len(name.split()) == 1 and name.isupper() and len(name) > 1:
        return True  # "NEIL": a shouted word, not a name as a reader would write it
    if REGISTRY.person_by_name(name) is not None:
        return False
    folded = fold(name)
    if REGISTRY.club_by_name(name) is not None or folded in _LEAGUE_NAMES:
        return True
    return bool(_ORG_WORDS & set(folded.split()))


def _same_gap(want: tuple[str, str, int], got: tuple[str, str, int]) -> bool:
    return want[2] == got[2] and same_club(want[0], got[0]) and same_club(want[1], got[1])


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


@dataclass(slots=True)
class Tally:
    """Counts for one group of articles (a language, a half, or everything)."""

    articles: int = 0
    pressure: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp fp fn
    sacking: list[int] = field(default_factory=lambda: [0, 0, 0])
    successors: list[int] = field(default_factory=lambda: [0, 0, 0])
    gaps: list[int] = field(default_factory=lambda: [0, 0, 0])
    level_ok: int = 0
    manager: list[int] = field(default_factory=lambda: [0, 0])  # right, asked
    club: list[int] = field(default_factory=lambda: [0, 0])
    misses: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in MISS_KINDS})

    def report(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "pressure": prf(*self.pressure),
            "level_accuracy": self.level_ok / self.articles if self.articles else 1.0,
            "sacking": prf(*self.sacking),
            "manager_accuracy": self.manager[0] / self.manager[1] if self.manager[1] else 1.0,
            "club_accuracy": self.club[0] / self.club[1] if self.club[1] else 1.0,
            "successors": prf(*self.successors),
            "gap_claims": prf(*self.gaps),
            "misses": {k: v for k, v in self.misses.items() if v},
        }


def _add(counts: list[int], tp: int, fp: int, fn: int) -> None:
    counts[0] += tp
    counts[1] += fp
    counts[2] += fn


def score_article(name: str, item: dict[str, Any], got: Finding, tallies: Iterable[Tally]) -> None:
    """Add one article's outcome to every tally it belongs to."""
    labels = item["labels"]
    football = item.get("sport", "football") == "football"
    want = bool(labels["pressure"]) and football
    want_level = labels["level"] if want else 0
    misses: list[tuple[str, str]] = []
    p = (int(got.pressure and want), int(got.pressure and not want), int(want and not got.pressure))
    if p[1]:
        misses.append(("false pressure", f"level {got.level}, {got.manager!r}"))
    if p[2]:
        misses.append(("missed pressure", f"want level {want_level}, {labels['manager']!r}"))
    s = (
        int(got.level == 3 and want_level == 3),
        int(got.level == 3 and want_level != 3),
        int(want_level == 3 and got.level != 3),
    )
    if s[1]:
        misses.append(("false sacking", f"want level {want_level}; {got.manager!r}: {_cue(got)}"))
    if s[2]:
        misses.append(("missed sacking", f"got level {got.level}, want {labels['manager']!r}"))
    if got.level != want_level and not (s[1] or s[2] or p[1] or p[2]):
        misses.append(("wrong level", f"got {got.level} want {want_level}: {_cue(got)}"))
    man = club = (0, 0)
    succ = (0, 0, 0)
    if want:
        man = (int(same_person(got.manager, labels["manager"])), 1)
        club = (int(same_club(got.club, labels["club"])), 1)
        if not man[0]:
            misses.append(("wrong manager", f"got {got.manager!r} want {labels['manager']!r}"))
        if not club[0]:
            misses.append(("wrong club", f"got {got.club!r} want {labels['club']!r}"))
        want_s = {surname(x) for x in labels["successors"]}
        got_s = {surname(x.name) for x in got.successors} if got.pressure else set()
        succ = (len(want_s & got_s), len(got_s - want_s), len(want_s - got_s))
        if succ[1]:
            misses.append(("successor FP", f"extra {sorted(got_s - want_s)}"))
        if succ[2]:
            misses.append(("successor FN", f"missing {sorted(want_s - got_s)}"))
    odd = [n for n in (got.manager, *(x.name for x in got.successors)) if n and is_non_person(n)]
    if odd:
        misses.append(("non-person name", f"{odd}"))
    gaps = (0, 0, 0)
    if football:
        want_g = [(g["team"], g["other"], g["points"]) for g in labels["gap_claims"]]
        got_g = [(g.team, g.other, g.points) for g in got.gap_claims]
        matched = [w for w in want_g if any(_same_gap(w, g) for g in got_g)]
        extra = [g for g in got_g if not any(_same_gap(w, g) for w in want_g)]
        gaps = (len(matched), len(extra), len(want_g) - len(matched))
        if extra:
            misses.append(("gap FP", f"{extra}"))
        if gaps[2]:
            misses.append(("gap FN", f"{[w for w in want_g if w not in matched]}"))
    for tally in tallies:
        tally.articles += 1
        _add(tally.pressure, *p)
        _add(tally.sacking, *s)
        _add(tally.successors, *succ)
        _add(tally.gaps, *gaps)
        tally.level_ok += int(got.level == want_level)
        tally.manager[0] += man[0]
        tally.manager[1] += man[1]
        tally.club[0] += club[0]
        tally.club[1] += club[1]
        for kind, what in misses:
            tally.misses[kind].append(f"{name}: {what}")


def _cue(got: Finding) -> str:
    return ", ".join(e.cue for e in got.evidence[:2]) or "-"


def evaluate(corpus: Path, lang_of: Callable[[dict[str, Any]], str] | None = None) -> dict[str, Any]:
    """{"all"|"study"|"held-out": {"overall"|lang: metrics}} for every labelled file in `corpus`."""
    groups: dict[str, dict[str, Tally]] = {}
    for path in sorted(corpus.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        lang = item["lang"] if lang_of is None else lang_of(item)
        got = analyze(item["text"], title=item.get("title"), lang=lang)
        split = split_of(path.name)
        tallies = [
            groups.setdefault(half, {}).setdefault(group, Tally())
            for half in ("all", split)
            for group in ("overall", item["lang"])
        ]
        score_article(path.name, item, got, tallies)
    order = ("overall", *LANGS)
    return {
        half: {g: groups[half][g].report() for g in order if g in groups.get(half, {})}
        for half in ("all", *SPLITS)
        if half in groups
    }


def _detected(item: dict[str, Any]) -> str:
    return detect_language(item["text"], title=item.get("title"))


def _line(group: str, m: dict[str, Any]) -> str:
    pr, sk, su, ga = m["pressure"], m["sacking"], m["successors"], m["gap_claims"]
    return (
        f"{group:8} {m['articles']:4}  {pr['precision']:.2f} {pr['recall']:.2f} {pr['f1']:.2f}  "
        f"{m['level_accuracy']:.2f}  {sk['precision']:.2f} {sk['recall']:.2f}  "
        f"{m['manager_accuracy']:.2f} {m['club_accuracy']:.2f}  {su['f1']:.2f}  {ga['f1']:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--split", choices=("all", *SPLITS), help="print misses of this half only")
    parser.add_argument("--detect", action="store_true", help="detect each article's language from its text")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.json")):
        print(f"corpus not found at {args.corpus}; skipping")
        return 0
    result = evaluate(args.corpus, _detected if args.detect else None)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    head = "group    docs  pressure P/R/F1  level  sack P/R   man  club  succ  gaps"
    for half, groups in result.items():
        print(f"== {half}")
        print(head)
        for group, metrics in groups.items():
            print(_line(group, metrics))
    shown = args.split or "all"
    print(f"misses ({shown}):")
    for kind, lines in result.get(shown, {}).get("overall", {}).get("misses", {}).items():
        print(f"  {kind} ({len(lines)}):")
        for line in lines:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
