"""Add or edit an initiative, with inline validation messages next to the offending field."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import Stage, StakeholderGroup
from avi_desktop.ui import style
from avi_desktop.ui.kpi_editor import KpiActualsEditor


def parse_number(text: str) -> float | None:
    """Parse an optional number typed by a user (spaces and thousands commas allowed)."""
    cleaned = text.strip().replace(" ", "").replace(",", "").replace("\u00a0", "")
    if not cleaned:
        return None
    return float(cleaned)


class InitiativeDialog(QDialog):
    """The initiative form; ``values()`` returns the fields for ``store.add/update_initiative``."""

    def __init__(self, parent: QWidget | None = None, initial: Mapping[str, Any] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit initiative") if initial else self.tr("New initiative"))
        self.setAccessibleName(self.windowTitle())
        self._errors: dict[str, QLabel] = {}
        self._labels: list[QLabel] = []

        about = self._section(self.tr("The initiative"))
        self.name = self._line(about, "name", self.tr("&Name (required)"))
        self.description = self._text(about, "description", self.tr("&Description"))
        self.business_problem = self._text(about, "business_problem", self.tr("Business &problem"))
        self.expected_output = self._text(about, "expected_output", self.tr("E&xpected output"))
        self.output_use = self._text(about, "output_use", self.tr("How the output is &acted on"))
        measure = self._section(self.tr("Measure of success"))
        self.kpi_name = self._line(measure, "kpi_name", self.tr("&KPI"))
        self.kpi_unit = self._line(measure, "kpi_unit", self.tr("KPI &unit"))
        self.kpi_baseline = self._line(measure, "kpi_baseline", self.tr("KPI &baseline"))
        self.kpi_target = self._line(measure, "kpi_target", self.tr("KPI &target"))
        self.kpi_actuals = KpiActualsEditor()
        self._add(measure, "kpi_actuals", self.tr("KPI actuals (measured)"), self.kpi_actuals)
        people = self._section(self.tr("People"))
        self.business_unit = self._line(people, "business_unit", self.tr("Business un&it"))
        self.business_owner = self._line(
            people, "business_owner", self.tr("Senior business &owner")
        )
        self.data_ai_partner = self._line(people, "data_ai_partner", self.tr("Data/AI pa&rtner"))
        self.sponsor = self._line(people, "sponsor", self.tr("&Sponsor"))
        stage_form = self._section(self.tr("Stage and investment"))
        self.stage = QComboBox()
        for stage in Stage:
            self.stage.addItem(self.tr(stage.label), stage.value)
        self._add(stage_form, "stage", self.tr("Stag&e"), self.stage)
        self.stage_since = QDateEdit()
        self.stage_since.setCalendarPopup(True)
        style.window_dates(self.stage_since)
        self.stage_since.setDate(QDate.currentDate())
        self._add(stage_form, "stage_since", self.tr("In this stage sin&ce"), self.stage_since)
        self.investment = self._line(
            stage_form, "investment_to_date", self.tr("In&vestment to date")
        )
        self.tags = self._line(stage_form, "tags", self.tr("Ta&gs (comma separated)"))

        for edit, hint in (
            (self.kpi_name, self.tr("What will show the problem is being solved")),
            (self.kpi_unit, self.tr("e.g. days, %, claims per week")),
            (self.kpi_baseline, self.tr("The value today, such as 12.5")),
            (self.kpi_target, self.tr("The value that counts as success")),
            (self.business_owner, self.tr("The senior leader accountable for the outcome")),
            (self.investment, self.tr("Amount spent so far, in your currency")),
            (self.tags, self.tr("e.g. customer-facing, GDPR")),
        ):
            edit.setPlaceholderText(hint)

        groups_box = QGroupBox(self.tr("Affected stakeholder groups and their success criteria"))
        groups_box.setAccessibleName(groups_box.title())
        grid = QGridLayout(groups_box)
        grid.setColumnStretch(1, 1)
        self.groups: dict[str, QCheckBox] = {}
        self.criteria: dict[str, QLineEdit] = {}
        for number, group in enumerate(StakeholderGroup):
            box = QCheckBox(self.tr(group.label))
            box.setAccessibleName(group.label)
            view = self.tr("View of value: {0}. Key concern: {1}.").format(
                group.primary_view, group.key_concern
            )
            box.setToolTip(view)
            criterion = QLineEdit()
            criterion.setAccessibleName(self.tr("Success criteria of {0}").format(group.label))
            criterion.setPlaceholderText(
                self.tr("What success means to {0} (key concern: {1})").format(
                    group.label, group.key_concern.lower()
                )
            )
            criterion.setToolTip(view)
            criterion.setEnabled(False)
            box.toggled.connect(criterion.setEnabled)
            grid.addWidget(box, number, 0)
            grid.addWidget(criterion, number, 1)
            self.groups[group.value] = box
            self.criteria[group.value] = criterion

        intro = QLabel(
            self.tr(
                "Only the name is required; the rest can be filled in as the initiative takes "
                "shape. The necessity assessment reuses what you enter here."
            )
        )
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(intro)
        for form in (about, measure, people, stage_form):
            section = form.parentWidget()
            assert isinstance(section, QGroupBox)
            column.addWidget(style.bold_title(section))
        column.addWidget(style.bold_title(groups_box))
        column.addStretch(1)
        # One label width for every section, so the fields line up down the whole form.
        width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(width)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields are the Tab stops
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.form_scroll)
        outer.addWidget(self.buttons)
        if initial:
            self.load(initial)
        self.setMinimumSize(
            self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 44
        )

    def _section(self, title: str) -> QFormLayout:
        box = QGroupBox(title, self)  # parented at once: the form must outlive this call
        box.setAccessibleName(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    # -- building ------------------------------------------------------------------------------

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label.replace("&", ""))
        error = style.mark_error(QLabel())
        error.setObjectName(f"error_{key}")
        # Read as its text (the problem), with what it is about as the description.
        error.setAccessibleDescription(self.tr("Problem with {0}").format(label.replace("&", "")))
        error.hide()
        self._errors[key] = error
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        box.addWidget(error)
        text = QLabel(label)
        text.setBuddy(widget)
        self._labels.append(text)
        form.addRow(text, cell)

    def _line(self, form: QFormLayout, key: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        self._add(form, key, label, edit)
        return edit

    def _text(self, form: QFormLayout, key: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().height() * 3 + 12)
        self._add(form, key, label, edit)
        return edit

    # -- data ----------------------------------------------------------------------------------

    def load(self, data: Mapping[str, Any]) -> None:
        for key in (
            "name",
            "kpi_name",
            "kpi_unit",
            "business_unit",
            "business_owner",
            "data_ai_partner",
            "sponsor",
        ):
            getattr(self, key).setText(data.get(key) or "")
        for key in ("description", "business_problem", "expected_output", "output_use"):
            getattr(self, key).setPlainText(data.get(key) or "")
        for key, edit in (
            ("kpi_baseline", self.kpi_baseline),
            ("kpi_target", self.kpi_target),
            ("investment_to_date", self.investment),
        ):
            value = data.get(key)
            edit.setText("" if value is None else f"{value:g}")
        index = self.stage.findData(str(data.get("stage") or Stage.IDEA))
        self.stage.setCurrentIndex(max(index, 0))
        since = data.get("stage_since")
        if isinstance(since, date):
            self.stage_since.setDate(QDate(since.year, since.month, since.day))
        self.tags.setText(", ".join(data.get("tags") or []))
        chosen = set(data.get("affected_groups") or [])
        for key, box in self.groups.items():
            box.setChecked(key in chosen)
        criteria = data.get("success_criteria") or {}
        for key, edit in self.criteria.items():
            edit.setText(criteria.get(key, ""))
        self.kpi_actuals.load(data.get("kpi_actuals"))

    def _show_error(self, key: str, message: str) -> None:
        label = self._errors[key]
        label.setText(message)
        label.setVisible(bool(message))

    def validate(self) -> dict[str, Any] | None:
        """Return the field values, or None after showing a message next to each bad field."""
        for key in self._errors:
            self._show_error(key, "")
        values: dict[str, Any] = {}
        first_bad: QWidget | None = None
        name = self.name.text().strip()
        if not name:
            self._show_error("name", self.tr("Give the initiative a name."))
            first_bad = self.name
        values["name"] = name
        for key, edit in (
            ("kpi_baseline", self.kpi_baseline),
            ("kpi_target", self.kpi_target),
            ("investment_to_date", self.investment),
        ):
            try:
                number = parse_number(edit.text())
            except ValueError:
                self._show_error(key, self.tr("Enter a number, such as 12.5, or leave it empty."))
                first_bad = first_bad or edit
                continue
            if key == "investment_to_date" and number is not None and number < 0:
                self._show_error(key, self.tr("Investment cannot be negative."))
                first_bad = first_bad or edit
                continue
            values[key] = number
        try:
            values["kpi_actuals"] = self.kpi_actuals.actuals()
        except ValueError as exc:
            self._show_error("kpi_actuals", str(exc))
            first_bad = first_bad or self.kpi_actuals
        day = self.stage_since.date()
        since = date(day.year(), day.month(), day.day())
        if since > date.today():
            self._show_error("stage_since", self.tr("The date cannot be in the future."))
            first_bad = first_bad or self.stage_since
        if first_bad is not None:
            first_bad.setFocus(Qt.FocusReason.OtherFocusReason)
            self.form_scroll.ensureWidgetVisible(first_bad)
            return None
        for key in (
            "kpi_name",
            "kpi_unit",
            "business_unit",
            "business_owner",
            "data_ai_partner",
            "sponsor",
        ):
            values[key] = getattr(self, key).text().strip()
        for key in ("description", "business_problem", "expected_output", "output_use"):
            values[key] = getattr(self, key).toPlainText().strip()
        values["stage"] = Stage(str(self.stage.currentData()))
        values["stage_since"] = since
        values["tags"] = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        values["affected_groups"] = [k for k, box in self.groups.items() if box.isChecked()]
        # Criteria are kept for affected groups only: a group unticked takes its text with it.
        values["success_criteria"] = {
            key: text
            for key in values["affected_groups"]
            if (text := self.criteria[key].text().strip())
        }
        return values

    def values(self) -> dict[str, Any]:
        result = self.validate()
        if result is None:
            raise ValueError("the form has errors")
        return result

    def accept(self) -> None:
        if self.validate() is not None:
            super().accept()
