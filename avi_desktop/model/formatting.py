"""Words and figures as a reader sees them, shared by evidence, briefings, charts and the window.

One place decides how an answer or a score is written (one decimal, rounded half up as by
hand) and how an item is named in a chart (a short form of its statement), so the evidence
sentence, the appendix table and the chart never disagree.
"""

from __future__ import annotations

from typing import Final, Protocol

from avi_desktop.model.results import fmt_number

SHORT_LIMIT: Final = 48  # characters: a chart's row label at 7.5 pt in about 40 % of A4
_WEAK_ENDINGS: Final = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "can", "could", "for", "from",
    "has", "have", "in", "is", "its", "not", "of", "on", "or", "that", "the", "their", "to",
    "was", "were", "who", "with", "would",
))  # fmt: skip


class StatementLike(Protocol):
    """An instrument item as far as naming it goes (``model.instrument.Item``)."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


def fmt_answer(value: float | None, empty: str = "—") -> str:
    """An answer or item mean on the 1-5 scale: one decimal, as the appendix prints it."""
    return fmt_number(value, 1, empty=empty)


def fmt_answer_of_five(value: float | None) -> str:
    """'2.3 of 5': an answer or mean in a sentence."""
    return f"{fmt_answer(value)} of 5"


def item_mean_text(mean: float, reverse: bool) -> str:
    """An item's mean as evidence, beside its statement: '2.3 of 5'.

    A reverse-keyed statement describes a problem ("decisions get stuck"): a low score means
    people agreed with it, so the text says how far they agreed and what that counts as.
    """
    if not reverse:
        return fmt_answer_of_five(mean)
    return (
        f"people agreed {fmt_answer_of_five(6 - mean)} on average; as the statement describes "
        f"a problem, that counts as {fmt_answer_of_five(mean)}"
    )


def short_statement(item: StatementLike, limit: int = SHORT_LIMIT) -> str:
    """The item's short form for a chart: its own ``short`` text when the instrument gives one,
    else the statement cut at a word boundary (never mid-word) with an ellipsis.
    """
    own = str(getattr(item, "short", "") or "").strip()
    if own:
        return own
    return shorten(item.text, limit)


def shorten(text: str, limit: int = SHORT_LIMIT) -> str:
    """``text`` without its closing full stop, cut to ``limit`` characters at a word boundary."""
    words = text.strip().rstrip(".").split()
    if len(words) > 2 and words[0] == "The":  # "The system is…" -> "System is…": room for words
        words = [words[1][:1].upper() + words[1][1:], *words[2:]]
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit - 1:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _WEAK_ENDINGS:
        kept.pop()  # "… tied to the" reads worse than "… tied"
    if not kept:
        return words[0][: limit - 1] + "…"
    return " ".join(kept).rstrip(",;:") + "…"
