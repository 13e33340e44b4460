"""Sentence splitting and folding: the offsets every later stage relies on."""

from __future__ import annotations

from bot.analysis.text import fold, fold_keep, make_doc, split_sentences


def test_fold_keep_keeps_offsets_and_drops_accents() -> None:
    text = "Raúl González, Ødegaard and İlkay — “Barça”"
    folded = fold_keep(text)
    assert len(folded) == len(text)
    assert folded.startswith("raul gonzalez, odegaard")
    assert fold("Jürgen KLOPP") == "jurgen klopp"


def test_sentences_respect_abbreviations_and_initials() -> None:
    sentences = split_sentences("Mr. Smith met St. Mirren boss J. Doe on Feb. 3. He was sacked. Done!")
    assert [s.text for s in sentences] == [
        "Mr. Smith met St. Mirren boss J. Doe on Feb. 3.",
        "He was sacked.",
        "Done!",
    ]


def test_hard_wrapped_lines_are_joined_but_headlines_stay_apart() -> None:
    text = (
        "Chelsea sack their manager\n"
        "The club confirmed on Monday that the head coach had left after a run of five straight\n"
        "defeats in all competitions.\n"
    )
    doc = make_doc(text)
    assert [s.text for s in doc.sentences] == [
        "Chelsea sack their manager",
        "The club confirmed on Monday that the head coach had left after a run of five straight "
        "defeats in all competitions.",
    ]


def test_title_is_the_first_sentence_and_offsets_map_back() -> None:
    doc = make_doc("The board met on Sunday.", title="Crisis at the Bernabeu")
    assert doc.sentences[0].text == "Crisis at the Bernabeu"
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert doc.sentence_at(sentence.start) == sentence


def test_page_noise_is_dropped() -> None:
    text = (
        "Deprecated: Optional parameter $x declared before required parameter in /x.php on line 12\n"
        "Article continues below\nThe coach was sacked. pic.twitter.com/abc123"
    )
    assert make_doc(text).text.strip() == "The coach was sacked."
