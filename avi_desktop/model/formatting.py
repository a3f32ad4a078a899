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


def fmt_percent(fraction: float | None, empty: str = "—") -> str:
    """A share as a percentage, as the product prints one: "100 %", "0 %", "33.3 %".

    Whole numbers where the figure is whole at one decimal (as the 60 % rule reads), one
    decimal otherwise, rounded half up like every other figure.
    """
    if fraction is None:
        return empty
    shown = fmt_number(100 * fraction, 1)
    return f"{shown.removesuffix('.0')} %"


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


_SCALES: Final = {
    "thousand": (1e3, "k"),
    "thousands": (1e3, "k"),
    "k": (1e3, "k"),
    "000s": (1e3, "k"),
    "million": (1e6, "m"),
    "millions": (1e6, "m"),
    "m": (1e6, "m"),
    "mn": (1e6, "m"),
    "billion": (1e9, "bn"),
    "billions": (1e9, "bn"),
    "bn": (1e9, "bn"),
}
_SINGULAR: Final = {
    plural: plural[:-1]
    for plural in (
        "seconds", "minutes", "hours", "days", "weeks", "months", "years",
        "working days", "business days", "points", "percentage points",
    )
}  # fmt: skip
_SYMBOLS: Final = {"£": "£", "€": "€", "$": "$", "gbp": "GBP", "eur": "EUR", "usd": "USD"}


def fmt_plain(value: float) -> str:
    """A stated figure as written by people: 640,000 or 2.5, never 640000.0."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")  # 2.001 -> "2", never "2."


def unit_currency(unit: str) -> tuple[str, float, str]:
    """(currency, scale, suffix) read from a unit such as "GBP thousands", "£m" or "EUR".

    The currency is "" when the unit names none; then the unit is not an amount of money.
    """
    words = unit.replace("'", "").strip().split()
    if len(words) == 1 and words[0][:1] in "£€$" and len(words[0]) > 1:
        words = [words[0][0], words[0][1:]]  # "£m" -> "£", "m"
    currency, scale, suffix = "", 1.0, ""
    for word in words:
        lower = word.lower()
        if lower in _SYMBOLS or (len(word) == 3 and word.isalpha() and word.isupper()):
            currency = _SYMBOLS.get(lower, word)
        elif lower in _SCALES:
            scale, suffix = _SCALES[lower]
        else:
            return "", 1.0, ""  # some other unit ("claims per day"): leave it as written
    return currency, scale, suffix


def fmt_amount(value: float, unit: str = "", currency: str = "") -> str:
    """A figure with its unit as a reader says it: "GBP 850k", "£1.4m", "38 days".

    A unit naming a currency (and perhaps a scale) puts the currency first; ``currency``
    applies when the unit is empty (an amount known to be money, such as an investment).
    """
    found, scale, suffix = unit_currency(unit) if unit else (currency, 1.0, "")
    if not found:
        if fmt_plain(value) == "1":  # "1 hour", never "1 hours"
            unit = _SINGULAR.get(unit.strip().lower(), unit)
        return f"{fmt_plain(value)} {unit}".strip()
    if suffix:  # a scaled amount reads in the largest scale that keeps it above 1: 1,400k -> 1.4m
        total = value * scale
        for size, letters in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if abs(total) >= size:
                value, suffix = round(total / size, 3), letters
                break
    gap = "" if found in "£€$" else " "
    return f"{found}{gap}{fmt_plain(value)}{suffix}"
