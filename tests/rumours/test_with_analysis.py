"""The whole path with the real analysis: Service.rumours records articles the way news hands them over.

The stories below are written for this test: the reference story's facts (Ancelotti, Real Madrid,
crisis lunch with the president reported by Marca, Solari or Raúl González as stand-ins, nine points
behind Barcelona with a game in hand) told twice by two outlets, plus a copy and an unrelated piece.
"""

from __future__ import annotations

from datetime import timedelta

from bot.service import Service
from tests.rumours.conftest import T0, Newsroom

FIRST = """\
Real Madrid president Florentino Perez went to Valdebebas on Thursday to have lunch with Carlo
Ancelotti after the painful loss to AC Milan, Marca reports. The board still backs the Italian coach
but told him the players must respond immediately on the pitch.

There are no plans to dismiss Ancelotti for now. If things get worse, the club would look inside for
a caretaker until the summer: sporting director Santiago Solari or Castilla coach Raul Gonzalez would
take over. Madrid are already nine points behind Barcelona in La Liga, with a game in hand, and
Ancelotti knows that without wins in the coming weeks he will face the consequences.
"""

SECOND = """\
According to AS, Carlo Ancelotti has been given a few weeks to turn Real Madrid's season around
after crisis talks with the board. Should results not improve, Santiago Solari could take over
on an interim basis, the paper says, and Ancelotti would face the consequences of another slip.
"""

OTHER = """\
Barcelona beat Valencia 3-0 at Montjuic on Saturday night. Lamine Yamal scored twice and Raphinha
added a third as the leaders eased to victory in front of a full crowd.
"""


async def test_the_reference_story_reaches_the_board_and_the_successor_list(service: Service) -> None:
    news = Newsroom(service.store, service.rumours)
    first = await news.article("Perez and Ancelotti meet at Valdebebas", None, outlet="Marca", text=FIRST)
    recorded = await service.rumours.record_article(first)
    assert recorded is not None
    assert recorded.finding.manager == "Carlo Ancelotti" and recorded.finding.level >= 1
    assert recorded.new_story and recorded.weight > 0
    await news.publish("Ancelotti given weeks", None, outlet="AS", text=SECOND, at=T0 + timedelta(hours=6))
    await news.publish("Perez lunch: Ancelotti", None, outlet="Yahoo", text=FIRST, at=T0 + timedelta(hours=7))
    await news.publish("Barcelona cruise", None, outlet="Sport", text=OTHER, at=T0 + timedelta(hours=8))
    now = T0 + timedelta(days=1)

    counts = await service.rumours.counts()
    assert (counts.articles, counts.findings) == (4, 4)

    report = await service.rumours.successors("Ancelotti", now=now)
    names = [c.name for c in report.candidates]
    assert names[0] == "Santiago Solari" and report.candidates[0].outlet_count == 2
    assert "Raúl González" in names

    board = await service.rumours.hotseat("La Liga", now=now)
    top = board.entries[0]
    assert (top.manager, top.club) == ("Carlo Ancelotti", "Real Madrid")
    assert top.level >= recorded.finding.level

    profile = await service.rumours.manager_profile("Carlo Ancelotti", now=now)
    assert len(profile.stories) == 1
    assert set(profile.stories[0].outlets) == {"Marca", "AS"}  # the Yahoo copy added no source
    assert profile.stories[0].article_count == 3
