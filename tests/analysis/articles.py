"""Hand-written articles in the styles the bot meets (our own text; facts may be invented).

Each case states what a football journalist would read in it. `successors` and `manager` compare by
surname; `club` by containment; `gaps` as (trailing, leading, points, games in hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    pressure: bool
    level: int
    manager: str | None = None
    club: str | None = None
    successors: tuple[str, ...] = ()
    gaps: tuple[tuple[str, str, int, int | None], ...] = ()
    sources: tuple[str, ...] = ()
    title: str | None = None
    not_successors: tuple[str, ...] = field(default=())
    published: datetime | None = None


_FIRST: tuple[Case, ...] = (
    Case(
        "tabloid-brink",
        """BLUES BOSS ON THE BRINK

Mauricio Pochettino has been given three games to save his job after another miserable night at
Stamford Bridge. Chelsea chiefs held crisis talks on Sunday, and the Argentine knows a defeat at
Wolves would almost certainly cost him his job. Insiders claim Roberto De Zerbi and Ruben Amorim have
already been sounded out as possible replacements. One source said: "Patience has run out."
""",
        True,
        2,
        "Pochettino",
        "Chelsea",
        ("De Zerbi", "Amorim"),
    ),
    Case(
        "agency-fired",
        """Hertha Berlin fire coach Pal Dardai after winless run

BERLIN (Reuters) - Hertha Berlin fired coach Pal Dardai on Monday following a run of six matches
without a win that left the club 14th in the second division. Sporting director Benjamin Weber said
the decision had been taken after a long analysis. Under-19 coach Oliver Reiss will take charge of
the team on an interim basis until a permanent successor is found, the club said in a statement.
""",
        True,
        3,
        "Dardai",
        "Hertha",
        ("Reiss",),
        sources=("Reuters",),
        not_successors=("Weber",),
    ),
    Case(
        "spanish-press-thread",
        """The continuity of Xavi Hernández on the Barcelona bench hangs by a thread, according to Mundo
Deportivo. The board led by president Joan Laporta met on Tuesday evening after the painful home
defeat to Girona, and the mood in the offices was described as very tense. Sources close to the
directors explain that the coach has two matches to turn the situation around. If the results do
not arrive, Rafa Márquez, currently the coach of Barça Atlètic, is the favourite to take over the
first team until the end of the season. The club trails Real Madrid by eight points in the league.
""",
        True,
        2,
        "Hernández",
        "Barcelona",
        ("Márquez",),
        gaps=(("Barcelona", "Real Madrid", 8, None),),
        sources=("Mundo Deportivo",),
        not_successors=("Laporta",),
    ),
    Case(
        "italian-press-allegri",
        """Juventus, Allegri's position at risk: the club is evaluating the alternatives

Massimiliano Allegri's bench at Juventus is wobbling. After the draw against Empoli and the
elimination from the cup, the club's leadership has begun to evaluate alternatives, reports La
Gazzetta dello Sport. The names on the list are Thiago Motta, who is doing excellent work at Bologna,
and Antonio Conte, free after leaving Tottenham. The bianconeri are now 9 points behind Inter, who also
have a game in hand.
""",
        True,
        2,
        "Allegri",
        "Juventus",
        ("Motta", "Conte"),
        gaps=(("Juventus", "Inter", 9, None),),
        sources=("La Gazzetta dello Sport",),
    ),
    Case(
        "fan-blog-murmurs",
        """Is it time to ask questions of the gaffer?

Another weekend, another limp display. I have defended Gary O'Neil more than most, but Wolves' poor
run is now impossible to ignore, and the boos at full time told their own story. The head coach is
under pressure and his future is uncertain, even if nobody at the club has said a word about it. We
sit seven points adrift of safety and the next month looks brutal.
""",
        True,
        1,
        "O'Neil",
        "Wolverhampton",
        gaps=(("Wolverhampton", "safety", 7, None),),
    ),
    Case(
        "mls-parted-ways",
        """Chicago Fire FC parted ways with head coach Ezra Hendrickson on Wednesday, the club announced.
Hendrickson went 21-35-20 across his two-plus seasons in charge and Chicago sit 11 points below the
playoff line. Assistant coach Frank Klopas will serve as interim head coach for the remainder of the
season while general manager Georg Heitz leads the search for a permanent replacement.
""",
        True,
        3,
        "Hendrickson",
        "Chicago Fire",
        ("Klopas",),
        gaps=(("Chicago Fire", "the playoff line", 11, None),),
        not_successors=("Heitz",),
    ),
    Case(
        "nfl-sacks",
        """The Vikings defense sacked the quarterback six times on Sunday, and the pass rush has now
recorded 38 sacks this season. Head coach Kevin O'Connell praised his linebackers after the win,
which keeps Minnesota in the NFC playoff hunt. The offense managed only 212 yards, but the defense
forced two fumbles and a late interception to seal it.
""",
        False,
        0,
    ),
    Case(
        "nba-coach-fired",
        """The Milwaukee Bucks fired head coach Adrian Griffin on Tuesday after just 43 games, despite the
team sitting near the top of the Eastern Conference. Doc Rivers is expected to be named as his
replacement. Griffin's defensive schemes had been questioned by veterans, and the NBA franchise
decided to move on before the playoff push. The Bucks are 30-13 and rank third in points per game.
""",
        False,
        0,
    ),
    Case(
        "rugby-sacked",
        """England's rugby union head coach has been sacked by the RFU after a dismal Six Nations, with
only two wins from five Tests. The governing body said a review of the campaign found the side had
gone backwards at the scrum and at the line-out. Leicester Tigers director of rugby Steve Borthwick is
the favourite to replace him, while Richard Cockerill will take interim charge.
""",
        False,
        0,
    ),
    Case(
        "business-no-confidence",
        """Shareholders passed a vote of no confidence in the chief executive at the company's annual
general meeting on Thursday, after a year in which the share price fell by a third. The board said it
would consider the result carefully. Governance experts said such a vote rarely leads to an immediate
departure, but the chairman is now under pressure to act before the next quarterly earnings report.
""",
        False,
        0,
    ),
    Case(
        "owner-protest",
        """Thousands of supporters marched to the stadium before kick-off to protest against the club's
owners, holding banners reading "Glazers Out" and "Sell the club". Pressure has been mounting on the
family for years. Inside the ground the mood was calmer: fans sang the name of manager Erik ten Hag,
and the players responded with a 3-0 win that lifted them to fifth in the Premier League table.
""",
        False,
        0,
    ),
    Case(
        "voluntary-exit",
        """Xabi Alonso announced on Friday that he will leave Bayer Leverkusen at the end of the season,
ending a hugely successful spell in which he delivered an unbeaten Bundesliga title. "It was my own
decision, and it was not easy," the Spaniard said. Leverkusen thanked him for three unforgettable
years and said they would name a successor in due course. They are five points clear of Bayern at the
top of the table.
""",
        False,
        0,
        gaps=(("Bayern", "Leverkusen", 5, None),),
    ),
    Case(
        "fixtures-piece",
        """The Scottish Premiership fixtures after the split have been confirmed. Celtic travel to Ibrox
on the final weekend of April holding a 6-point lead over Rangers. At the bottom, Livingston are
nine points adrift of Ross County with five games left, while
Aberdeen and Hibernian are level on points in the race for the final European place.
""",
        False,
        0,
        gaps=(
            ("Rangers", "Celtic", 6, None),
            ("Livingston", "Ross County", 9, None),
            ("Aberdeen", "Hibernian", 0, None),
        ),
    ),
    Case(
        "vote-of-confidence",
        """Everton's board have issued a public vote of confidence in manager Sean Dyche despite a run of
one win in ten games. In a statement released on Monday the club said Dyche retained the full support
of the owners. Everton are 18th, three points behind Nottingham Forest, and face Luton in what many
supporters see as a must-win game.
""",
        True,
        2,
        "Dyche",
        "Everton",
        gaps=(("Everton", "Nottingham Forest", 3, None),),
    ),
    Case(
        "resigned",
        """Steven Gerrard has resigned as manager of Al-Ettifaq by mutual agreement after a poor run of
results, the Saudi club confirmed on Monday. The former Liverpool captain leaves with the team tenth
in the Saudi Pro League. Assistant Dean Holden is expected to take charge of training this week.
""",
        True,
        3,
        "Gerrard",
        "Ettifaq",
        ("Holden",),
    ),
    Case(
        "mutual-consent",
        """Leeds United and manager Jesse Marsch have parted company by mutual consent, the club announced
on Monday night. The American leaves with Leeds 17th and without a win in seven league games. First
team coach Michael Skubala will take charge for the trip to Everton. Andoni Iraola, Arne Slot and
Carlos Corberan have all been linked with the vacancy, according to The Athletic.
""",
        True,
        3,
        "Marsch",
        "Leeds",
        ("Skubala", "Iraola", "Slot", "Corberan"),
        sources=("The Athletic",),
    ),
    Case(
        "past-sacking-profile",
        """Unai Emery has Aston Villa dreaming of the Champions League. The Spaniard, who was sacked by
Arsenal in 2019, has transformed the Midlands club since arriving from Villarreal, and Villa are now
fourth, two points clear of Tottenham. Supporters chant his name at every home game, and the board
is preparing a new long-term contract.
""",
        False,
        0,
        gaps=(("Tottenham", "Aston Villa", 2, None),),
    ),
    Case(
        "match-preview-opponent",
        """Mikel Arteta's Arsenal host Chelsea on Saturday knowing a win would keep them top. The visitors
arrive in turmoil: Chelsea boss Graham Potter is under growing pressure after four straight defeats,
and reports say the club's owners are losing patience with him. Arteta said he had sympathy for his
opposite number. "Every manager goes through these moments," the Arsenal manager said.
""",
        True,
        2,
        "Potter",
        "Chelsea",
        not_successors=("Arteta",),
    ),
    Case(
        "pundit-calls",
        """Former Manchester United defender Gary Neville believes Erik ten Hag's time at Old Trafford is
running out. Speaking on Sky Sports, the pundit said the manager had lost the dressing room after the
defeat to Brighton. United have lost four of their first six league games and ten Hag is under intense
scrutiny, though the club are yet to comment on his future.
""",
        True,
        1,
        "ten Hag",
        "Manchester United",
        not_successors=("Neville",),
    ),
    Case(
        "ruled-out",
        """Bayern Munich's search for a new coach continues after the exit of Thomas Tuchel was
confirmed. Julian Nagelsmann has ruled himself out after signing a new deal with Germany, and Ralf
Rangnick turned down the job on Thursday. Bayern are now considering Vincent Kompany, who was
relegated with Burnley, as a surprise candidate, reports Sky Germany.
""",
        True,
        3,
        "Tuchel",
        "Bayern",
        ("Kompany",),
        sources=("Sky Germany",),
        not_successors=("Nagelsmann", "Rangnick"),
    ),
    Case(
        "gossip-column",
        """Transfer gossip: Tottenham eye Mainz star, Newcastle keep faith in Howe

Newcastle United have no plans to sack Eddie Howe despite the club's slide down the table, with the
owners happy with the work he has done, says the Telegraph. Howe's side are 12 points behind fourth
place. Elsewhere, Tottenham are monitoring a Mainz defender ahead of the summer window.
""",
        True,
        1,
        "Howe",
        "Newcastle",
        gaps=(("Newcastle", "fourth place", 12, None),),
        sources=("The Telegraph",),
    ),
    Case(
        "interim-appointed",
        """Southampton have sacked Russell Martin after a 5-0 home defeat to Tottenham left them bottom of
the Premier League, 11 points from safety. Under-21 head coach Simon Rusk will lead the team for the
next game. Ivan Juric is the frontrunner to take over permanently, with the club in talks.
""",
        True,
        3,
        "Martin",
        "Southampton",
        ("Rusk", "Juric"),
        gaps=(("Southampton", "safety", 11, None),),
    ),
    Case(
        "ultimatum-translated",
        """Ultimatum for Xabi at Real Madrid: the president wants a reaction in the next two games

Florentino Pérez has lost patience after the defeat in the derby, and Xabi Alonso must win the next
two games to save his job, report Marca and Cadena SER. At Valdebebas nobody hides the concern. If
the decision were taken, Zinedine Zidane would be the first option, while the former coach of the
Castilla, Santiago Solari, is also mentioned in the offices.
""",
        True,
        2,
        "Alonso",
        "Real Madrid",
        ("Zidane", "Solari"),
        sources=("Marca", "Cadena SER"),
        not_successors=("Pérez",),
    ),
    Case(
        "cricket-coach",
        """The England and Wales Cricket Board has dismissed its head coach after a heavy Ashes defeat in
which the batsmen failed to reach 300 in any innings. The ECB said the side needed fresh direction
before the next Test series. Former wicketkeeper Matt Prior is among the candidates to replace him.
""",
        False,
        0,
    ),
    Case(
        "level-trail-point",
        """Inter Milan stumbled to a 1-1 draw at Genoa and now trail Napoli by a point at the top of Serie
A. Simone Inzaghi insisted there was no crisis. "We are still in the race," he said. AC Milan are
level on points with Juventus in third.
""",
        False,
        0,
        gaps=(("Inter", "Napoli", 1, None), ("Milan", "Juventus", 0, None)),
    ),
)


MORE_CASES: tuple[Case, ...] = (
    Case(
        "breaking-italian",
        """BREAKING: Napoli have exonerated Rudi Garcia

It is official: after the 0-1 home defeat to Empoli, the Napoli club has exonerated coach Rudi Garcia,
who paid for a start to the season well below expectations. President Aurelio De Laurentiis has
already chosen the replacement: Walter Mazzarri returns to the bench ten years later, reports Sky
Sport Italia. The champions are now 10 points from the top.
""",
        True,
        3,
        "Garcia",
        "Napoli",
        ("Mazzarri",),
        gaps=(("Napoli", "top spot", 10, None),),
        sources=("Sky Sport Italia",),
        not_successors=("De Laurentiis",),
    ),
    Case(
        "german-translated",
        """Hoffenheim release Pellegrino Matarazzo from his duties

TSG Hoffenheim have released head coach Pellegrino Matarazzo from his duties with immediate effect.
The decision was taken after the 1-3 defeat against Wolfsburg, managing director Andreas Schicker
explained. Until a successor is found, U19 coach Marcel Rapp will lead the team in training.
""",
        True,
        3,
        "Matarazzo",
        "Hoffenheim",
        ("Rapp",),
        not_successors=("Schicker",),
    ),
    Case(
        "french-collaboration",
        """Olympique Lyonnais and Laurent Blanc end their collaboration

Olympique Lyonnais announced on Monday evening the end of its collaboration with coach Laurent Blanc,
after a catastrophic start to the Ligue 1 season. The club, bottom of the table, is three points
behind Lorient. Fabio Grosso, formerly of Frosinone, is the favoured option to succeed him according
to L'Equipe.
""",
        True,
        3,
        "Blanc",
        "Lyonnais",
        ("Grosso",),
        gaps=(("Lyonnais", "Lorient", 3, None),),
        sources=("L'Équipe",),
    ),
    Case(
        "player-released",
        """Juventus have terminated the contract of midfielder Paul Pogba after his four-year ban for
doping was confirmed on appeal. The club said the decision was taken with regret. Massimiliano Allegri,
who has kept the side third in Serie A, praised the professionalism of the rest of the squad and said
they would focus on the next match against Frosinone.
""",
        False,
        0,
    ),
    Case(
        "contract-extension",
        """Mikel Arteta has signed a new three-year contract with Arsenal, the club announced on Thursday.
The Spaniard, who was under pressure in his second season, has since transformed the team into title
contenders. "I am so proud to lead this club," he said. Arsenal are two points behind Liverpool at the
top of the Premier League with a game in hand.
""",
        False,
        0,
        gaps=(("Arsenal", "Liverpool", 2, 1),),
    ),
    Case(
        "national-team-resigns",
        """Gareth Southgate has resigned as England manager after the defeat to Spain in the Euro 2024
final. The FA said it would begin the search for a successor immediately, and Lee Carsley, the
under-21 boss, is expected to take temporary charge for the Nations League games in September.
""",
        True,
        3,
        "Southgate",
        "England",
        ("Carsley",),
    ),
    Case(
        "crunch-meeting",
        """Under-fire Leeds boss Daniel Farke faces a crunch meeting with the board this week after a
fourth defeat in five Championship games left the promotion favourites ninth. The club's owners are
understood to be growing frustrated, and a heavy loss at Sunderland on Saturday could prove decisive,
says the Yorkshire Evening Post. Leeds trail leaders Sunderland by 11 points.
""",
        True,
        2,
        "Farke",
        "Leeds",
        gaps=(("Leeds", "Sunderland", 11, None),),
    ),
    Case(
        "historic-near-sack",
        """Jurgen Klopp has revealed that he feared the sack during his difficult first months at
Borussia Dortmund in 2008. "I thought they would fire me after we lost to Schalke," he told a German
podcast. Klopp went on to win two Bundesliga titles with Dortmund before his glittering spell at
Liverpool.
""",
        False,
        0,
    ),
    Case(
        "sack-race-column",
        """The Premier League sack race is hotting up. Bookmakers have made Vincent Kompany the
favourite to be the next manager to lose his job after Burnley's ninth defeat of the season left them
second from bottom, six points from safety. Kompany insisted he still has the backing of the owners.
""",
        True,
        1,
        "Kompany",
        "Burnley",
        gaps=(("Burnley", "safety", 6, None),),
    ),
    Case(
        "caretaker-named",
        """Sevilla have named Jose Luis Mendilibar as caretaker coach until the end of the season after
sacking Jorge Sampaoli on Tuesday night. The Argentine leaves with the Andalusian club just two points
above the relegation zone following a 2-0 defeat at Getafe.
""",
        True,
        3,
        "Sampaoli",
        "Sevilla",
        ("Mendilibar",),
        gaps=(("the relegation zone", "Sevilla", 2, None),),
    ),
    Case(
        "club-denies",
        """Aston Villa have dismissed reports that Unai Emery's job is under threat, insisting the
Spaniard retains the full confidence of the board. Villa have won only one of their last six matches,
but a club spokesperson described speculation over his future as "complete nonsense".
""",
        True,
        1,
        "Emery",
        "Aston Villa",
    ),
    Case(
        "mls-interim-tag",
        """The New England Revolution relieved head coach Clint Peay of his duties on Wednesday after a
run of eight games without a win. Assistant coach Pablo Moreira will serve as interim head coach for
the remaining matches, while sporting director Curt Onalfo oversees the search for a permanent
replacement, according to MLSsoccer.com.
""",
        True,
        3,
        "Peay",
        "New England",
        ("Moreira",),
        sources=("MLSsoccer.com",),
        not_successors=("Onalfo",),
    ),
    Case(
        "ultimatum-eredivisie",
        """Ajax have given John van 't Schip an ultimatum: the coach has two games to save his job after
the humiliating defeat to AZ. According to De Telegraaf, the board will decide on his future after
the game against Feyenoord. Former Ajax player Maurice Steijn has already been approached by the
club.
""",
        True,
        2,
        "Schip",
        "Ajax",
        ("Steijn",),
        sources=("De Telegraaf",),
    ),
)


MESSY_CASES: tuple[Case, ...] = (
    Case(
        "forum-thread",
        """Re: Postecoglou out?? [Page 14]

Posted by SpursTillIDie » Sun Mar 10, 2025 9:14 pm
Honestly lads I can't see Levy keeping him past the summer. Ange has lost the dressing room and the
tactics are the same every week. 16th in the table!!!

Posted by LilywhiteLenny » Sun Mar 10, 2025 9:31 pm
Reports today say the board are already drawing up a shortlist. Thomas Frank and Marco Silva are the
names I keep seeing. Quote Reply Share
""",
        True,
        2,
        "Postecoglou",
        "Tottenham",
        ("Frank", "Silva"),
        not_successors=("Levy",),
        published=datetime(2025, 3, 10, 21, 40),
    ),
    Case(
        "tag-strip-page",
        """Share on Facebook Share on X Copy link
ChelseaEnzo MarescaPremier LeagueTransfers
Enzo Maresca under pressure as Chelsea slump continues

Chelsea head coach Enzo Maresca is facing mounting criticism after a fourth game without a win, with
supporters chanting against the system at Stamford Bridge.
Related: Chelsea vs Arsenal preview | Chelsea injury news
Advertisement
""",
        True,
        1,
        "Maresca",
        "Chelsea",
    ),
    Case(
        "press-conference-quotes",
        """Gennaro Gattuso was in defiant mood ahead of Sunday's trip to Brest. "Am I worried about my
job? No. I have the support of the president and I work every day," the Marseille coach said. "The
pressure is part of this job." Marseille are ninth, 17 points behind Paris Saint-Germain, and the
French press has reported that the club's owner is running out of patience.
""",
        True,
        2,
        "Gattuso",
        "Marseille",
        gaps=(("Marseille", "Paris Saint-Germain", 17, None),),
    ),
    Case(
        "live-blog",
        """LIVE: Premier League news and transfer updates

14:02 Wolves confirm Gary O'Neil exit
Wolves have sacked Gary O'Neil after the 2-1 defeat at Ipswich. The club said Vitor Pereira is their
preferred candidate and talks are at an advanced stage.

13:40 Arsenal injury update
Mikel Arteta says Bukayo Saka will miss the next two matches.
""",
        True,
        3,
        "O'Neil",
        "Wolverhampton",
        ("Pereira",),
        not_successors=("Arteta", "Saka"),
    ),
    Case(
        "short-brief",
        "Rangers sack Philippe Clement after Scottish Cup exit. Assistant Stevie Smith takes interim charge.",
        True,
        3,
        "Clement",
        "Rangers",
        ("Smith",),
    ),
    Case(
        "womens-team-other-club",
        """Tottenham manager Ange Postecoglou praised his side's character after a 3-0 win over Brentford,
which lifted them to fifth. Elsewhere, Brentford are reported to be relaxed about Thomas Frank's
future despite the defeat.
""",
        False,
        0,
    ),
    Case(
        "ownership-takeover",
        """The takeover of Everton by the Friedkin Group has been completed, ending years of uncertainty.
Farhad Moshiri sold his stake after the club were docked points. Manager Sean Dyche welcomed the new
owners and said the players can focus on football again. Everton are four points above the relegation
zone.
""",
        False,
        0,
        gaps=(("the relegation zone", "Everton", 4, None),),
    ),
    Case(
        "italian-tv-rumour",
        """Milan, Fonseca's bench is shaking: Sérgio Conceição ready to take over

The Rossoneri's defeat in the derby has put Paulo Fonseca's position at serious risk. According to
Sky Sport Italia, the club management is reflecting on the future of the Portuguese coach, and the
name of Sérgio Conceição is gaining ground as a possible replacement. A decision is expected after the
next game.
""",
        True,
        2,
        "Fonseca",
        "Milan",
        ("Conceição",),
        sources=("Sky Sport Italia",),
    ),
)


NEGATIVE_CASES: tuple[Case, ...] = (
    Case(
        "title-race-pressure",
        """Arsenal are under pressure to respond after Liverpool won again on Saturday. Mikel Arteta said his
side would be ready for Sunday's game at Brighton. Arsenal trail Liverpool by four points.
""",
        False,
        0,
        gaps=(("Arsenal", "Liverpool", 4, None),),
    ),
    Case(
        "transfer-replace",
        """Chelsea boss Graham Potter is under pressure after a fourth straight defeat. The club want to
replace Mykhailo Mudryk with Marcus Rashford in the January window, and they are also targeting
Victor Osimhen for a fee of around £100 million.
""",
        True,
        1,
        "Potter",
        "Chelsea",
        not_successors=("Rashford", "Osimhen", "Mudryk"),
    ),
    Case(
        "manager-wants-player",
        """Chelsea head coach Enzo Maresca wants to replace Mykhailo Mudryk with a new winger in January,
and the club are prepared to sanction a bid for Jadon Sancho. Chelsea are fourth in the Premier League.
""",
        False,
        0,
    ),
    Case(
        "manager-backs-player",
        """Pep Guardiola backs Erling Haaland to end his goal drought against Brentford on Saturday. "He will
score again, I have no doubts," the City manager said. Manchester City are second, three points behind
Liverpool.
""",
        False,
        0,
        gaps=(("Manchester City", "Liverpool", 3, None),),
    ),
    Case(
        "club-backs-manager",
        """Everton back Sean Dyche despite a fourth straight defeat, with the club insisting he retains the
full support of the board ahead of the derby.
""",
        True,
        1,
        "Dyche",
        "Everton",
    ),
    Case(
        "interim-in-charge",
        """Interim boss Ruud van Nistelrooy will take charge of Manchester United against Chelsea on
Sunday after Erik ten Hag was sacked on Monday. Van Nistelrooy said he was honoured, while the club
continue talks with Ruben Amorim.
""",
        True,
        3,
        "ten Hag",
        "Manchester United",
        ("Nistelrooy", "Amorim"),
    ),
    Case(
        "potential-boss-headline",
        """Austrian coach Oliver Glasner is the bookmakers' favourite to replace Gary O'Neil at Wolves, and is
admired for his pressing style.""",
        True,
        1,
        "O'Neil",
        "Wolverhampton",
        ("Glasner",),
        title="Who is potential Wolves boss Glasner?",
    ),
    Case(
        "college-football",
        """Texas A&M fired head football coach Jimbo Fisher on Sunday with two games left in a 6-4 season,
owing him a buyout of more than $75 million. Athletic director Ross Bjork said the football program
needed a new direction, and offensive coordinator Elijah Robinson will serve as interim coach for the
bowl game.
""",
        False,
        0,
    ),
    Case(
        "nrl-coach",
        """The Wests Tigers have sacked coach Tim Sheens after another wooden spoon in the NRL. Rugby league
great Benji Marshall, currently an assistant, is the favourite to replace him next season.
""",
        False,
        0,
    ),
    Case(
        "voluntary-with-successor-talk",
        """Jurgen Klopp will leave Liverpool at the end of the season after announcing he is running out of
energy. The club have begun the search for his replacement, and Xabi Alonso is the early favourite to
replace him, according to The Athletic. Liverpool are top of the Premier League.
""",
        False,
        0,
    ),
    Case(
        "manager-of-the-month",
        """Unai Emery has been named Premier League manager of the month for December after Aston Villa won
all five of their league games. The Spaniard, appointed in 2022 after leaving Villarreal, has taken
the club to third. Villa are four points behind leaders Liverpool.
""",
        False,
        0,
        gaps=(("Aston Villa", "Liverpool", 4, None),),
    ),
    Case(
        "transfer-story",
        """Newcastle United are considering a move for Brentford striker Ivan Toney, with the club exploring
options before the transfer window closes. Eddie Howe is keen to add another forward after injuries to
Callum Wilson. The striker's agent is expected to hold talks this week.
""",
        False,
        0,
    ),
)


PHRASING_CASES: tuple[Case, ...] = (
    Case(
        "out-as-manager",
        """Steve Cooper out as Leicester manager after just 12 Premier League games

Steve Cooper's reign at the King Power is over. The Welshman leaves with Leicester 16th, one point
above the relegation zone, and first-team coach Ben Dawson will take charge of training until a new
appointment is made.
""",
        True,
        3,
        "Cooper",
        "Leicester",
        ("Dawson",),
        gaps=(("the relegation zone", "Leicester", 1, None),),
    ),
    Case(
        "thin-ice",
        """Ruud van Nistelrooy is on thin ice at Leicester after a sixth straight defeat, and the board is
understood to be reflecting on his future ahead of the trip to Brentford.
""",
        True,
        2,
        "Nistelrooy",
        "Leicester",
    ),
    Case(
        "poached",
        """Brighton head coach Graham Potter leaves to become Chelsea manager after the two clubs agreed a
compensation package. Potter's assistant Bruno Saltor will follow him to Stamford Bridge, while
Brighton are expected to name a successor within the fortnight.
""",
        False,
        0,
    ),
    Case(
        "questions-over-future",
        """Questions over Mikel Arteta's future have grown after Arsenal's limp exit to Olympiacos, and
some supporters chanted against the manager's tactics at full time. Arsenal remain fifth.
""",
        True,
        1,
        "Arteta",
        "Arsenal",
    ),
)


TRANSLATED_CASES: tuple[Case, ...] = (
    Case(
        "spanish-technician",
        """Valencia: the continuity of Rubén Baraja is in the air

The defeat at Mestalla against Alavés has left the Valencian technician in a very delicate situation.
The club's leadership will meet to decide the future of the coach on Monday, and the name of Carlos
Corberán, currently at West Brom, is the one that sounds strongest to take over, according to Relevo.
Valencia are bottom, four points from salvation.
""",
        True,
        2,
        "Baraja",
        "Valencia",
        ("Corberán",),
        gaps=(("Valencia", "safety", 4, None),),
        sources=("Relevo",),
    ),
    Case(
        "italian-imminent",
        """Monza, the dismissal of Alessandro Nesta is imminent: Bocchetti towards the return

The exoneration of Alessandro Nesta appears imminent after the home defeat to Cagliari. The Monza
management has already contacted Salvatore Bocchetti, who guided the team last season, to take the
bench again, reports Calciomercato.
""",
        True,
        2,
        "Nesta",
        "Monza",
        ("Bocchetti",),
        sources=("Calciomercato",),
    ),
    Case(
        "spanish-cessation",
        """The club has communicated the cessation of Quique Sánchez Flores as first-team coach. The
Sevilla board took the decision after the defeat against Real Madrid, and the youth team coach will
direct the next training session while the sporting director looks for a replacement.
""",
        True,
        3,
        "Flores",
        "Sevilla",
    ),
)


CASES: tuple[Case, ...] = (
    _FIRST + MORE_CASES + MESSY_CASES + NEGATIVE_CASES + PHRASING_CASES + TRANSLATED_CASES
)
