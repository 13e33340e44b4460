"""Evaluate `analyze` on a labelled corpus (default ../shared/corpus/dev): prints metrics and each miss.

    python bench/eval_analysis.py [--corpus DIR] [--json]

Expected pressure is the label's, except that `sport: "other"` articles must give no finding.
Managers and successors match by folded surname, clubs by folded containment ("West Ham" ~
"West Ham United"). Exits 0 with a message when the corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis import analyze  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402

REGISTRY = load_registry()

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "dev"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").split())


def surname(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b) and surname(a or "") == surname(b or "")


_AFFIXES = {"fc", "afc", "cf", "sc", "ac", "as", "the", "club", "de", "cd", "ssc", "sv", "vfl", "1"}


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


def _same_gap(want: tuple[str, str, int], got: tuple[str, str, int]) -> bool:
    return want[2] == got[2] and same_club(want[0], got[0]) and same_club(want[1], got[1])


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(corpus: Path) -> dict[str, Any]:
    files = sorted(corpus.glob("*.json"))
    counts = dict.fromkeys(("tp", "fp", "fn", "tn", "level_ok", "man_n", "man_ok", "club_n", "club_ok"), 0)
    succ = dict.fromkeys(("tp", "fp", "fn"), 0)
    gaps = dict.fromkeys(("tp", "fp", "fn"), 0)
    misses: list[str] = []
    for path in files:
        item = json.loads(path.read_text(encoding="utf-8"))
        labels = item["labels"]
        want = bool(labels["pressure"]) and item.get("sport", "football") == "football"
        want_level = labels["level"] if want else 0
        got = analyze(item["text"], title=item.get("title"))
        name = path.name
        if got.pressure and want:
            counts["tp"] += 1
        elif got.pressure:
            counts["fp"] += 1
            misses.append(f"{name}: false pressure (level {got.level}, {got.manager}) {got.evidence[:1]}")
        elif want:
            counts["fn"] += 1
            misses.append(f"{name}: missed pressure (want level {want_level}, {labels['manager']})")
        else:
            counts["tn"] += 1
        if got.level == want_level:
            counts["level_ok"] += 1
        else:
            misses.append(f"{name}: level {got.level} want {want_level}")
        if want:
            counts["man_n"] += 1
            counts["club_n"] += 1
            if same_person(got.manager, labels["manager"]):
                counts["man_ok"] += 1
            else:
                misses.append(f"{name}: manager {got.manager!r} want {labels['manager']!r}")
            if same_club(got.club, labels["club"]):
                counts["club_ok"] += 1
            else:
                misses.append(f"{name}: club {got.club!r} want {labels['club']!r}")
            want_s = {surname(s) for s in labels["successors"]}
            got_s = {surname(s.name) for s in got.successors} if got.pressure else set()
            succ["tp"] += len(want_s & got_s)
            succ["fp"] += len(got_s - want_s)
            succ["fn"] += len(want_s - got_s)
            if want_s != got_s:
                misses.append(
                    f"{name}: successors extra {sorted(got_s - want_s)} missing {sorted(want_s - got_s)}"
                )
        if item.get("sport", "football") == "football":
            want_g = [(g["team"], g["other"], g["points"]) for g in labels["gap_claims"]]
            got_g = [(g.team, g.other, g.points) for g in got.gap_claims]
            matched = [w for w in want_g if any(_same_gap(w, g) for g in got_g)]
            extra = [g for g in got_g if not any(_same_gap(w, g) for w in want_g)]
            gaps["tp"] += len(matched)
            gaps["fn"] += len(want_g) - len(matched)
            gaps["fp"] += len(extra)
            if extra or len(matched) < len(want_g):
                missing = [w for w in want_g if w not in matched]
                misses.append(f"{name}: gaps extra {extra} missing {missing}")
    n = len(files)
    p, r, f = f1(counts["tp"], counts["fp"], counts["fn"])
    sp, sr, sf = f1(succ["tp"], succ["fp"], succ["fn"])
    gp, gr, gf = f1(gaps["tp"], gaps["fp"], gaps["fn"])
    return {
        "articles": n,
        "pressure": {"precision": p, "recall": r, "f1": f},
        "level_accuracy": counts["level_ok"] / n if n else 0.0,
        "manager_accuracy": counts["man_ok"] / counts["man_n"] if counts["man_n"] else 1.0,
        "club_accuracy": counts["club_ok"] / counts["club_n"] if counts["club_n"] else 1.0,
        "successors": {"precision": sp, "recall": sr, "f1": sf, **succ},
        "gap_claims": {"precision": gp, "recall": gr, "f1": gf, **gaps},
        "misses": misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.json")):
        print(f"corpus not found at {args.corpus}; skipping")
        return 0
    result = evaluate(args.corpus)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    pr = result["pressure"]
    su = result["successors"]
    ga = result["gap_claims"]
    print(f"articles: {result['articles']}")
    print(f"pressure   P {pr['precision']:.2f}  R {pr['recall']:.2f}  F1 {pr['f1']:.2f}  (target F1 >= 0.90)")
    print(f"level accuracy   {result['level_accuracy']:.2f}")
    print(f"manager accuracy {result['manager_accuracy']:.2f}  (target >= 0.90)")
    print(f"club accuracy    {result['club_accuracy']:.2f}")
    print(f"successors P {su['precision']:.2f}  R {su['recall']:.2f}  F1 {su['f1']:.2f}  (target F1 >= 0.80)")
    print(f"gap claims P {ga['precision']:.2f}  R {ga['recall']:.2f}  F1 {ga['f1']:.2f}")
    print("misses:")
    for miss in result["misses"]:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
