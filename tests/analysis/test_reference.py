"""The reference story (Ancelotti, Real Madrid) in our own words, and the real seed file when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import Finding, analyze

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "000_87e0b83675fd727f.txt"

# Same facts as the seed, retold in different sentences.
PARAPHRASE = """\
Carlo Ancelotti, the Real Madrid manager, has survived difficult spells before, and a thumping
cup win over Barcelona last year quietened the doubters. Los Blancos do not meet their great rivals
again for a couple of months, and there is a lot to fix before then.

After the defeat to AC Milan, Ancelotti sat down with the Real Madrid board and insisted he could
still turn the season around. On Thursday club president Florentino Perez visited the training
ground at Valdebebas and ate lunch with the Italian, say Marca. Perez and the directors told him
the team must react on the pitch, while trying to calm things down and stand behind their coach.

The newspaper adds that the club has not sounded out any other coach about taking over. There are
no plans to sack Ancelotti in the short term, and the mood is not as dark as it was under Julen
Lopetegui or Rafael Benitez, the last two managers dismissed in mid-season.

Should the results force the club's hand, the stand-in until the summer would be found in house:
sporting director Santiago Solari or Castilla coach Raul Gonzalez would take over if necessary,
although that scenario is still described as far away.

Backing the manager in public is the natural move, much like the much-feared vote of confidence.
Luckily for Ancelotti it has not reached that point, yet other reports today say that unless wins
arrive in the coming weeks, Ancelotti will face the consequences. Real Madrid already sit nine
points behind Barcelona in La Liga with a game in hand, so they cannot afford more slips.
"""


def _check(finding: Finding) -> None:
    assert finding.pressure is True
    assert finding.level == 2
    assert finding.manager == "Carlo Ancelotti"
    assert finding.club == "Real Madrid"
    surnames = sorted(s.name.split()[-1] for s in finding.successors)
    assert surnames == ["Gonzalez", "Solari"] or surnames == ["González", "Solari"]
    assert all("take over" in s.evidence for s in finding.successors)
    claims = [(g.team, g.other, g.points, g.games_in_hand) for g in finding.gap_claims]
    assert ("Real Madrid", "Barcelona", 9, 1) in claims
    assert finding.sources == ("Marca",)
    assert finding.evidence
    assert 0.65 <= finding.score < 0.9


def test_paraphrased_reference_story() -> None:
    _check(analyze(PARAPHRASE))


@pytest.mark.skipif(not SEED.exists(), reason="shared seed story not available")
def test_real_reference_story() -> None:
    _check(analyze(SEED.read_text(encoding="utf-8")))


def test_to_json_is_the_cli_contract() -> None:
    data = analyze(PARAPHRASE).to_json()
    assert set(data) == {
        "pressure", "level", "score", "manager", "club", "successors", "gap_claims", "sources", "evidence"
    }  # fmt: skip
    assert data["gap_claims"][0] == {
        "team": "Real Madrid",
        "other": "Barcelona",
        "points": 9,
        "games_in_hand": 1,
    }
