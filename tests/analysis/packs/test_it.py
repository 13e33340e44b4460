"""Italian pack: its phrases, traps and negatives on sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from tests.analysis.packs.reading import frames, gaps, level, levels, marked, other_sport, successors

LANG = "it"
CASES_INFINITIVE = [
    ("La società ha deciso di esonerare l'allenatore.", 3),
    ("Il club ha scelto di separarsi dal tecnico dopo il ko.", 3),
    ("I tifosi chiedono di esonerare il tecnico.", 2),  # a demand, not a decision
    ("Il presidente non vuole esonerarlo adesso.", 1),  # negated intention
    ("Il Genoa pensa di separarsi dall'allenatore.", 2),  # considering
]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Il Torino ha esonerato l'allenatore dopo il ko interno.", 3),
        ("Il club ha deciso di esonerarlo stamattina.", 3),
        ("Esonero ufficiale per il tecnico del Cagliari.", 3),
        ("Il tecnico è stato sollevato dall’incarico.", 3),
        ("La società ha sollevato il mister dalla guida tecnica.", 3),
        ("Risoluzione consensuale tra il club e il tecnico.", 3),
        ("Il tecnico non è più l'allenatore del Bari.", 3),
        ("Per il tecnico è l'ultima spiaggia.", 2),
        ("Ultimatum della società all'allenatore.", 2),
        ("Vertice di crisi in sede con il tecnico.", 2),
        ("La società ha già contattato il possibile sostituto.", 2),
        ("Il tecnico rischia l'esonero dopo il pari.", 2),
        ("Panchina sempre più in bilico per il tecnico.", 1),
        ("Contestazione dei tifosi contro l'allenatore.", 1),
        ("Il tecnico è sotto pressione.", 1),
        ("La Juventus vince e resta prima.", 0),
    ],
)
def test_levels(text: str, want: int) -> None:
    assert level("it", text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Se la squadra perde domenica, l'allenatore sarà esonerato.", 2),  # a conditional
        ("Il club potrebbe esonerare il tecnico in settimana.", 2),  # modality
        ("La società smentisce l'esonero dell'allenatore.", 1),  # denial
        ("Il club non ha esonerato il tecnico.", 1),  # negation
        ("Il tecnico fu esonerato dal Napoli nel 2015.", 0),  # history
        ("Il tecnico è stato esonerato dal pagamento della multa.", 0),  # an exemption
        ("Con la vittoria il tecnico ha evitato l'esonero.", 0),  # avoided the sack
        ("Premiato come allenatore del mese di ottobre.", 0),
    ],
)
def test_modifiers_and_traps(text: str, want: int) -> None:
    assert level("it", text) == want


def test_club_statement_is_marked() -> None:
    assert marked("it", "La società in una nota ha comunicato l'esonero del tecnico.", "club_statement")
    assert not marked("it", "I tifosi parlano dell'esonero del tecnico.", "club_statement")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Il tecnico Marco Rossi ha diretto l'allenamento.", "manager"),
        ("Al suo posto arriva Marco Rossi.", "successor"),
        ("Squadra affidata a Marco Rossi fino a giugno.", "interim"),
        ("Il traghettatore Marco Rossi guiderà la squadra.", "interim"),
        ("Marco Rossi in pole per la panchina.", "successor"),
        ("Marco Rossi ha rifiutato la proposta.", "not_successor"),
    ],
)
def test_frames(text: str, kind: str) -> None:
    assert kind in frames("it", text)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("La Roma è a -7 dalla vetta con una partita in meno.", {"behind", "games_in_hand"}),
        ("Il Lecce ha due punti di vantaggio sulla zona retrocessione.", {"ahead"}),
        ("Il Trapani è distante solo 4 lunghezze.", {"behind"}),
        ("La Roma ha segnato tre gol.", set()),
    ],
)
def test_gap_claims(text: str, kinds: set[str]) -> None:
    assert gaps("it", text) == kinds


def test_other_sports_and_politics_are_recognised() -> None:
    assert other_sport("it", "L'allenatore della squadra di pallavolo è stato esonerato.")
    assert other_sport("it", "Il governo pone la questione di fiducia sulla legge di bilancio.")
    assert not other_sport("it", "Il Genoa esonera l'allenatore.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Decisiva la gara con il Milan per il tecnico.", 2),
        ("La posizione del tecnico si fa sempre più traballante.", 1),
        ("I tifosi hanno invitato il tecnico a dimettersi.", 1),
    ],
)
def test_must_win_and_murmurs(text: str, want: int) -> None:
    assert level("it", text) == want


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Squadra affidata all'allenatore della Primavera Marco Rossi.", "interim"),
        ("Il sostituto di Bianchi sarà Marco Rossi.", "successor"),
    ],
)
def test_youth_coach_and_named_successor(text: str, kind: str) -> None:
    assert kind in frames("it", text)


def test_leaving_of_his_own_will_is_no_sacking() -> None:
    assert level("it", "Il tecnico si è dimesso di sua spontanea volontà.") == 0


@pytest.mark.parametrize(
    ("text", "want"),
    CASES_INFINITIVE,
)
def test_an_infinitive_is_a_decision_only_after_a_stated_one(text: str, want: int) -> None:
    assert levels(LANG, text).get("decided", 0) == (3 if want == 3 else 0)
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Per il tecnico è un momento difficile.", 1),
        ("Cresce il malumore dei tifosi.", 1),
        ("Processo all'allenatore dopo il ko.", 1),
        ("La società blinda il mister.", 2),
        ("Il tecnico resta in sella.", 2),
        ("Ritiro punitivo per la squadra.", 2),
        ("Faccia a faccia con la dirigenza dopo la sconfitta.", 2),
        ("Il portiere ha parato un rigore.", 0),
    ],
)
def test_more_of_the_press_vocabulary(text: str, want: int) -> None:
    assert level(LANG, text) == want


SACKED = "Il Genoa ha esonerato l'allenatore Mario Bianchi. "


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            SACKED + "In pole per la panchina c'è Fabio Neri.",
            ["Fabio Neri"],
        ),
        (
            SACKED + "Molti i nomi in corsa: da Luca Rossi a Neri, passando per Verdi. Piace Mario Neri.",
            ["Luca Rossi", "Neri"],
        ),
        (SACKED + "Il capitano Luca Rossi ha parlato.", []),
    ],
)
def test_successor_words_lists_and_coordination(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Sono già sei gli allenatori esonerati in Serie A.", 2),
        ("Il tecnico è stato esonerato ieri.", 3),
    ],
)
def test_a_plural_participle_is_several_people_not_one_decision(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Il tecnico è stato sollevato dalla guida della prima squadra.", 3),
        ("Il club ha interrotto il rapporto con l'allenatore.", 3),
        ("Separazione consensuale tra il club e il tecnico.", 3),
        ("Il tecnico non siederà più sulla panchina del Lecce.", 3),
        ("Il ct è stato sollevato di morale dalla vittoria.", 0),
    ],
)
def test_departures_reviews_and_demands(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("È saltata la panchina del Lecce.", 3),
        ("Al tecnico il club ha dato il benservito.", 3),
        ("Se perde, rischia di saltare la panchina.", 2),
        ("Il portiere salta la partita.", 0),
    ],
)
def test_the_press_idioms_of_a_dismissal(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Il portiere ha contato le ore di volo.", 0),
        ("Per il tecnico sono ore contate.", 2),
        ("Domenica è la resa dei conti per il tecnico.", 2),
        ("La società valuta la sfiducia al tecnico.", 2),
        ("Il presidente pensa a un cambio di allenatore.", 2),
        ("Il cambio di modulo ha funzionato.", 0),  # a change of system, not of coach
        ("La panchina che traballa è quella del tecnico.", 1),
        ("Serve una scossa alla squadra.", 1),
        ("Il tecnico è sotto esame.", 1),
        ("La squadra in crisi perde ancora.", 1),
        ("Il club festeggia la promozione, nessuna crisi.", 0),
        ("Crisi di risultati per il tecnico.", 1),
        ("Il risultato è stato esaminato dal giudice.", 0),
    ],
)
def test_doubts_crises_and_changes_on_the_bench(text: str, want: int) -> None:
    assert level(LANG, text) == want


@pytest.mark.parametrize(
    ("text", "manager"),
    [
        ("Palermo, Rossetti rischia l'esonero dopo il ko. Il Palermo ha perso ancora in casa.", "Rossetti"),
        ("Serie B: Rossetti in discussione. Il Palermo ha perso ancora in casa contro il Bari.", "Rossetti"),
        # a club in the same place is no person
        (
            "Serie B: Palermo in discussione. Il Palermo ha perso in casa contro il Bari, esonero in vista.",
            None,
        ),
    ],
)
def test_a_headline_surname_before_the_pressure_is_its_subject(text: str, manager: str | None) -> None:
    assert analyze(text, lang=LANG).manager == manager


@pytest.mark.parametrize("state", ["sotto esame", "è sulla graticola", "appeso a un filo", "rischia esonero"])
def test_subject_frames(state: str) -> None:
    assert "manager" in frames(LANG, f"Rossetti {state}.")
    text = "Serie B: {} {} dopo il ko, la società valuta l'esonero."
    assert analyze(text.format("Rossetti", state), lang=LANG).manager == "Rossetti"
    assert analyze(text.format("il mister", state), lang=LANG).manager is None  # nobody named


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (SACKED + "Si fa strada il nome di Fabio Neri.", ["Fabio Neri"]),
        (SACKED + "Contatti con Fabio Neri per la panchina.", ["Fabio Neri"]),
        (SACKED + "In cima alla lista c'è Fabio Neri.", ["Fabio Neri"]),
        (SACKED + "Fabio Neri prende quota.", ["Fabio Neri"]),
        (SACKED + "Fabio Neri ha segnato il gol del pareggio.", []),
        (SACKED + "La lista dei convocati non comprende Fabio Neri.", []),
    ],
)
def test_how_the_press_names_the_next_coach(text: str, want: list[str]) -> None:
    assert successors(LANG, text) == want
