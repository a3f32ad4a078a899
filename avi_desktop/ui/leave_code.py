"""The facilitator's code for private scoring: chosen when it starts, typed to end it.

Behind the private scoring window is the main window, where every participant's answers can be
read. A participant's own pages never lead out (``private_scoring``), but the hand-over page
does, and a participant who pressed Escape there and answered Yes would be out. So ending the
session asks for a code the facilitator chose at the start. It is kept in memory only, for
that session; a forgotten code loses nothing (every answer is saved as it is given), and ending
the application's process from the system (its task manager) ends the session too.
"""

from __future__ import annotations

import hmac

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MIN_LENGTH = 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeaveCode", text)


class CodeDialog(QDialog):
    """A short text, a hidden code field, OK and Cancel: to choose the code or to type it."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, expected: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leave_code_dialog")
        self.setWindowTitle(title)
        self._expected = expected
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("leave_code")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setAccessibleName(_tr("Facilitator's code"))
        self.text.setBuddy(self.code)
        self.problem = QLabel("")
        self.problem.setObjectName("leave_code_problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.text, self.code, self.problem, self.buttons):
            layout.addWidget(widget)
        self.code.setFocus()

    @property
    def given(self) -> str:
        """The code typed, without spaces around it (invisible in a hidden field)."""
        return self.code.text().strip()

    def _check(self) -> None:
        given = self.given
        if self._expected is None:
            if len(given) < MIN_LENGTH:
                self._say(_tr("Choose a code of at least {0} characters.").format(MIN_LENGTH))
                return
        elif not hmac.compare_digest(given.encode(), self._expected.encode()):
            self._say(_tr("That is not the code. Scoring goes on: try again, or press Esc."))
            return
        self.accept()

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.show()
        self.code.clear()
        self.code.setFocus()


def choose_code(parent: QWidget | None) -> str | None:
    """Ask the facilitator for the session's code; None when they cancel (no session)."""
    dialog = CodeDialog(
        parent,
        _tr("Private scoring: your code"),
        _tr(
            "Choose a code to type when you end this session (at least {0} characters). "
            "Participants cannot leave the scoring screen without it, so they never reach "
            "the other participants' answers. It is kept only until the session ends."
        ).format(MIN_LENGTH),
    )
    return dialog.given if dialog.exec() == QDialog.DialogCode.Accepted else None


def leave_dialog(parent: QWidget | None, expected: str, text: str) -> CodeDialog:
    """The dialog that ends a session with its code (``text`` says what is kept)."""
    return CodeDialog(
        parent,
        _tr("Leave private scoring?"),
        text + "\n\n" + _tr("Type the facilitator's code to end the session."),
        expected,
    )


def code_given(parent: QWidget | None, expected: str, text: str) -> bool:
    """Whether the facilitator typed the session's code to end it."""
    return leave_dialog(parent, expected, text).exec() == QDialog.DialogCode.Accepted
