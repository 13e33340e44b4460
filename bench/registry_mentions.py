"""How fast the registry finds clubs and people in article text.

Runs `Registry.find_mentions` over ~3 KB articles (the labelled dev corpus from ../shared when present,
always a synthetic mixed set) and compares it with two baselines measured in the same run: the
same-length fold alone (the floor every search pays) and a flat regex alternation of the same aliases
(what the trie regex replaces). Usage: python bench/registry_mentions.py [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.registry.loader import load_registry
from bot.registry.names import fold_letters

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "dev"
FILLER = (
    "The board met on Tuesday after a run of poor results and the supporters made their feelings known. "
    "Sources close to the dressing room say the players still back the coach, but the next two games "
    "are being described as decisive. The sporting director declined to comment on the reports. "
)


def synthetic_articles(count: int, seed: int = 7) -> list[str]:
    """~3 KB texts: filler prose with real names sprinkled in, accents and joined forms included."""
    registry = load_registry()
    rng = random.Random(seed)
    names = [c.short_name for c in registry.clubs.values()] + [p.name for p in registry.people.values()]
    names += ["#RealMadrid", "Barça", "ATLÉTICO DE MADRID", "Raúl González", "Man Utd", "Spurs"]
    articles = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) for p in parts) < 3000:
            parts.append(FILLER)
            parts.append(f"{rng.choice(names)} and {rng.choice(names)} were mentioned. ")
        articles.append("".join(parts)[:3000])
    return articles


def corpus_articles() -> list[str]:
    if not CORPUS.is_dir():
        return []
    texts = []
    for path in sorted(CORPUS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts.append(f"{data.get('title') or ''}\n{data.get('text') or ''}")
    return texts


def per_kb_ms(run: Callable[[str], object], texts: list[str], repeat: int) -> float:
    total_bytes = sum(len(t.encode("utf-8")) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            run(text)
    elapsed = time.perf_counter() - start
    return elapsed * 1000 / (total_bytes / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    started = time.perf_counter()
    registry = load_registry()
    build_ms = (time.perf_counter() - started) * 1000
    aliases = sorted(registry.mention_aliases(), key=len, reverse=True)
    alternation = "|".join(re.escape(a).replace(r"\ ", "[^0-9a-z]+") for a in aliases)
    flat = re.compile(r"(?<![0-9a-z])(?:" + alternation + r")(?![0-9a-z])")

    synthetic = synthetic_articles(200)
    real = corpus_articles()
    figures: dict[str, object] = {
        "load_ms": round(build_ms, 1),
        "clubs": len(registry.clubs),
        "people": len(registry.people),
        "mention_aliases": len(aliases),
    }
    for label, texts, repeat in (("synthetic", synthetic, 3), ("corpus", real, 30)):
        if not texts:
            figures[label] = "skipped: ../shared/corpus/dev is absent"
            continue
        mention = per_kb_ms(registry.find_mentions, texts, repeat)
        floor = per_kb_ms(fold_letters, texts, repeat)
        naive = per_kb_ms(lambda t: flat.findall(fold_letters(t)), texts, 1)
        avg_kb = sum(len(t.encode("utf-8")) for t in texts) / len(texts) / 1024
        figures[label] = {
            "articles": len(texts),
            "avg_kb": round(avg_kb, 2),
            "find_mentions_ms_per_kb": round(mention, 4),
            "articles_per_s_3kb": round(1000 / (mention * 3)),
            "fold_only_ms_per_kb": round(floor, 4),
            "flat_alternation_ms_per_kb": round(naive, 4),
            "speedup_vs_flat": round(naive / mention, 1),
            "mentions_found": sum(len(registry.find_mentions(t)) for t in texts),
        }
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"registry: {figures['clubs']} clubs, {figures['people']} people, "
            f"{figures['mention_aliases']} searchable spellings, loaded in {figures['load_ms']} ms"
        )
        for label in ("synthetic", "corpus"):
            value = figures[label]
            if isinstance(value, str):
                print(f"{label}: {value}")
                continue
            assert isinstance(value, dict)
            print(
                f"{label}: {value['articles']} articles of {value['avg_kb']} KB: "
                f"find_mentions {value['find_mentions_ms_per_kb']} ms/KB "
                f"(~{value['articles_per_s_3kb']} articles/s at 3 KB); "
                f"fold alone {value['fold_only_ms_per_kb']} ms/KB; "
                f"flat alternation {value['flat_alternation_ms_per_kb']} ms/KB "
                f"-> trie is {value['speedup_vs_flat']}x faster"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
