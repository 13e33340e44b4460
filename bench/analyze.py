"""Articles analysed per second on one core, over a mixed set of generated ~3 KB articles.

    python bench/analyze.py [--articles N] [--json]

The articles are assembled from our own sentence templates (pressure stories, sackings, successor
lists, table talk, other sports, padding prose), so no shared data is needed; they are denser in cues
than real articles, so this is the pessimistic figure. Baseline, measured in the same run over the
same texts: cleaning and sentence splitting alone, the floor any analysis pays. When
../shared/corpus/dev is present, a second figure runs the real (~2 KB) articles, each read with its
own language's pack (all packs loaded), beside the English-only reader alone on the same texts (the
reading before language packs) as the in-run baseline.
Times are CPU time of this process (so other load on the machine skews them less). Target: >= 1,000/s.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis import analyze  # noqa: E402
from bot.analysis.engine import _analyze  # noqa: E402
from bot.analysis.packs import available, load_pack  # noqa: E402
from bot.analysis.text import make_doc  # noqa: E402
from bot.registry.loader import load_registry  # noqa: E402

TARGET_PER_SECOND = 1_000
REAL_TARGET_PER_SECOND = 1_500  # real articles, all packs loaded (issue 11)
CORPUS = ROOT / ".." / "shared" / "corpus" / "dev"  # optional second figure on real text

MANAGERS = [
    ("Carlo Ancelotti", "Real Madrid"), ("Erik ten Hag", "Manchester United"), ("Mikel Arteta", "Arsenal"),
    ("Thomas Tuchel", "Bayern Munich"), ("Massimiliano Allegri", "Juventus"), ("Sean Dyche", "Everton"),
    ("Gary O'Neil", "Wolves"), ("Ezra Hendrickson", "Chicago Fire"), ("Pal Dardai", "Hertha Berlin"),
]  # fmt: skip
CANDIDATES = [
    "Roberto De Zerbi",
    "Ruben Amorim",
    "Thomas Frank",
    "Graham Potter",
    "Raul Gonzalez",
    "Ange Postecoglou",
]
RIVALS = ["Barcelona", "Liverpool", "Inter", "Borussia Dortmund", "Aston Villa", "Celtic"]
OUTLETS = ["Marca", "The Athletic", "Sky Sports", "ESPN", "La Gazzetta dello Sport", "the Telegraph"]

PRESSURE = [
    "{m} is under growing pressure at {c} after a third straight defeat.",
    "{c} have held crisis talks over the future of {m}, according to {o}.",
    "The board at {c} has given {m} an ultimatum: win the next two games or face the consequences.",
    "{c} have sacked {m} with immediate effect after a miserable run of results.",
    "Sources at {c} say there are no plans to sack {m}, despite the boos at full time.",
    "{m} was relieved of his duties on Monday morning, {c} confirmed in a statement.",
]
SUCCESSORS = [
    "{s} is the early favourite to replace {m}, with {t} also on the shortlist.",
    "Reserve team coach {s} will take charge on an interim basis, reports {o}.",
    "{c} have identified {s} and {t} as potential replacements.",
]
TABLE = [
    "{c} are now nine points behind {r} with a game in hand.",
    "They trail {r} by four points going into the international break.",
    "{c} sit seven points adrift of safety with ten games to play.",
]
OTHER = [
    "The Vikings sacked the quarterback four times and the NFL defense allowed only 180 yards.",
    "Shareholders passed a vote of no confidence in the chief executive at the annual general meeting.",
    "England's rugby head coach has been sacked after a poor Six Nations campaign.",
]
PADDING = [
    "The squad trained at the club's complex on Tuesday ahead of the weekend fixture.",
    "Supporters have been frustrated by the lack of creativity in midfield this season.",
    "The striker has scored eleven goals in all competitions and remains the key figure in attack.",
    "Recruitment over the last two transfer windows has been heavily criticised by pundits.",
    "Ticket prices and the atmosphere at home games have become a recurring theme on fan forums.",
    "Injuries to two first-choice defenders have forced the coaching staff into several reshuffles.",
]


def make_article(rng: random.Random, size: int = 3_000) -> str:
    manager, club = rng.choice(MANAGERS)
    words = {
        "m": manager,
        "c": club,
        "s": rng.choice(CANDIDATES),
        "t": rng.choice(CANDIDATES),
        "r": rng.choice(RIVALS),
        "o": rng.choice(OUTLETS),
    }
    pools = [PRESSURE, SUCCESSORS, TABLE, PADDING, PADDING] if rng.random() < 0.8 else [OTHER, PADDING]
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences = [rng.choice(rng.choice(pools)).format(**words) for _ in range(3)]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def measure(texts: list[str], fn: object, repeat: int = 3) -> float:
    """Best-of-`repeat` articles per second for `fn(text)`."""
    assert callable(fn)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            fn(text)
        best = min(best, time.process_time() - start)
    return len(texts) / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(4)
    texts = [make_article(rng) for _ in range(args.articles)]
    registry = load_registry()
    analyze(texts[0], registry=registry)  # warm caches: compiled regexes, registry indexes
    full = measure(texts, lambda t: analyze(t, registry=registry))
    floor = measure(texts, make_doc)
    items = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]
    real = [(i["text"], i.get("title"), i.get("lang", "en")) for i in items] * 20
    for lang in available():
        load_pack(lang)
    real_rate = real_english = None
    if real:
        real_rate = measure(real, lambda a: analyze(a[0], title=a[1], lang=a[2], registry=registry))
        real_english = measure(real, lambda a: _analyze(a[0], a[1], None, registry))
    result = {
        "articles": len(texts),
        "mean_bytes": round(sum(len(t.encode()) for t in texts) / len(texts)),
        "articles_per_second": round(full, 1),
        "baseline_split_only_per_second": round(floor, 1),
        "cost_vs_baseline": round(floor / full, 2),
        "target_per_second": TARGET_PER_SECOND,
        "meets_target": full >= TARGET_PER_SECOND,
        "real_corpus_articles_per_second": round(real_rate, 1) if real_rate else None,
        "real_corpus_english_reader_only_per_second": round(real_english, 1) if real_english else None,
        "real_target_per_second": REAL_TARGET_PER_SECOND,
        "packs": list(available()),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['articles']} articles, ~{result['mean_bytes']} bytes each, one core")
    print(f"analyze:            {full:8.1f} articles/s  (target >= {TARGET_PER_SECOND})")
    print(f"baseline (split):   {floor:8.1f} articles/s")
    print(f"full analysis costs {result['cost_vs_baseline']}x the clean+split floor")
    if real_rate and real_english:
        print(
            f"real dev-corpus articles, own-language packs {result['packs']}: {real_rate:8.1f} articles/s"
            f"  (target >= {REAL_TARGET_PER_SECOND})"
        )
        print(f"  same texts, English reader alone (before packs): {real_english:8.1f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
