"""Words and figures on paper: amounts with their currency, short statements, whole words."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from avi_desktop.charts.portfolio import HeatmapEntry, heatmap_figure
from avi_desktop.model.domain import LAYERS, Band
from avi_desktop.model.formatting import (
    fmt_amount,
    fmt_answer_of_five,
    item_mean_text,
    short_statement,
    shorten,
)
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.reports.fonts import FAMILY, register_fonts
from avi_desktop.reports.styles import CELL_PADDING, CELL_SIZE, data_table, fit_words


def test_amounts_carry_their_currency_first_and_read_as_people_say_them() -> None:
    assert fmt_amount(850, "GBP thousands") == "GBP 850k"
    assert fmt_amount(1400, "GBP thousands") == "GBP 1.4m"
    assert fmt_amount(2.5, "£m") == "£2.5m"
    assert fmt_amount(410_000, currency="GBP") == "GBP 410,000"
    assert fmt_amount(410_000) == "410,000"
    assert fmt_amount(38, "days") == "38 days"
    assert fmt_amount(5, "claims per day") == "5 claims per day"


def test_answers_use_one_decimal_and_reverse_scoring_is_said_in_words() -> None:
    assert fmt_answer_of_five(2.25) == "2.3 of 5"  # rounded half up, as the appendix prints it
    assert item_mean_text(2.25, reverse=False) == "2.3 of 5"
    reverse = item_mean_text(1.5, reverse=True)
    assert reverse.startswith("people agreed 4.5 of 5") and "counts as 1.5 of 5" in reverse


def test_short_statements_break_between_words_and_fit_a_chart_row() -> None:
    for spec in bundled_instrument().layers:
        for item in spec.items:
            short = short_statement(item)
            assert 10 <= len(short) <= 48, short
            # every word is a whole word of the statement (nothing cut mid-word)
            whole = [w.strip(",;:") for w in item.text.lower().rstrip(".").split()]
            assert all(w.strip(",;:") in whole for w in short.lower().rstrip("…").split()), short
    assert shorten("Short enough.") == "Short enough"
    assert shorten("one two three four five six", 14) == "one two three…"
    assert shorten("tied to the business outcome", 17) == "tied…"  # no dangling "to the"


def test_a_column_is_widened_so_no_word_splits_and_the_table_keeps_its_width() -> None:
    register_fonts()
    header = ["Initiative", "Unit", "Score"]
    rows = [["Underwriting risk scorer", "Commercial Underwriting", "95.0"]]
    widths = [200.0, 50.0, 60.0]
    fitted = fit_words(header, rows, widths)
    assert abs(sum(fitted) - sum(widths)) < 1e-6
    longest = stringWidth("Underwriting", FAMILY, CELL_SIZE)
    assert fitted[1] >= longest + 2 * CELL_PADDING
    assert fitted[2] >= stringWidth("Score", FAMILY, CELL_SIZE) + 2 * CELL_PADDING  # still one line
    table = data_table(header, rows, widths)
    assert [round(w, 3) for w in table._argW] == [round(w, 3) for w in fitted]


def test_heatmap_names_wrap_whole_and_figures_sit_clear_of_hatching() -> None:
    name = "CV screening for contact-centre hiring in the regional offices"
    entry = HeatmapEntry(
        name=name,
        stage="Scaled",
        scores=dict.fromkeys(LAYERS, 40.0),
        bands=dict.fromkeys(LAYERS, Band.GAP),
        alignment_index=40.0,
    )
    fig = heatmap_figure([entry])
    ax = fig.axes[0]
    [label] = [t.get_text() for t in ax.get_yticklabels()]
    lines = label.split("\n")
    assert lines[-1] == "Scaled" and len(lines) == 3
    assert (
        " ".join(lines[:2]).rstrip("…").split() == name.split()[: len(" ".join(lines[:2]).split())]
    )
    figures = [t for t in ax.texts if "Gap" in t.get_text()]
    assert len(figures) == len(LAYERS)
    for text in figures:
        box = text.get_bbox_patch()
        assert box is not None and box.get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_a_full_heatmap_page_prints_no_text_under_7_points() -> None:
    # 18 rows (a page of the committee paper), names long enough to wrap: the page's chart is
    # shrunk to fit (reports.figures), and its smallest text must still print at 7 pt.
    from avi_desktop.reports.figures import MAX_HEIGHT_PT
    from avi_desktop.reports.page_furniture import PAGE_MARGIN_MM

    entries = [
        HeatmapEntry(
            name=f"Initiative number {n} with a long descriptive name",
            stage="Pilot",
            scores=dict.fromkeys(LAYERS, 40.0),
            bands=dict.fromkeys(LAYERS, Band.GAP),
            alignment_index=40.0,
        )
        for n in range(18)
    ]
    fig = heatmap_figure(entries)
    width_pt = 595.27 - 2 * PAGE_MARGIN_MM * 72 / 25.4
    width_in, height_in = fig.get_size_inches()
    scale = width_pt / (width_in * 72)
    scale *= min(1.0, MAX_HEIGHT_PT / (height_in * 72 * scale))
    ax = fig.axes[0]
    sizes = [t.get_fontsize() for t in [*ax.texts, *ax.get_yticklabels(), *ax.get_xticklabels()]]
    assert min(sizes) * scale >= 7.0, (min(sizes), scale)
