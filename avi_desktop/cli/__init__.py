"""The ``avi-desktop`` command: a thin layer over model/, charts/ and reports/.

Each area registers its subcommands from a module of its own (``COMMAND_MODULES``); every
subcommand's handler returns an exit status. Failures reach the user as one plain line on stderr
and a non-zero status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from avi_desktop import __version__
from avi_desktop.cli import collector
from avi_desktop.model.errors import AviError

PROG = "avi-desktop"
# Modules under avi_desktop.cli, each with register(subparsers) adding its subcommands.
COMMAND_MODULES = (
    "portfolio",
    "assess",
    "charts",
    "briefings",
    "values",
    "actions",
    "workshop",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one plain line too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see '{PROG} --help')\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the ``command`` about to run, it registers the command
    modules in order only until one adds it: a briefing need not import what the workshop or the
    values commands need. Without one, or an unknown one, every command is registered.
    """
    parser = _Parser(
        prog=PROG,
        description="Assess AI initiatives against the four-layer AI Value Alignment framework. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"avi_desktop.cli.{name}").register(subparsers)
        if command is not None and command in subparsers.choices:
            break
    return parser


def _display_available() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _open_window(argv: Sequence[str]) -> int:
    if not _display_available():
        print(
            f"{PROG}: no display is available to open the window; use the command line "
            f"instead (see '{PROG} --help').",
            file=sys.stderr,
        )
        return 2
    # Before Qt, so the model can later be imported without Qt's import hook.
    from avi_desktop.ui import plain_imports  # noqa: F401
    from avi_desktop.ui.app import run_app  # Qt is imported only when a window is wanted

    return run_app(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (len(args_list) == 1 and args_list[0].lower().endswith(".json")):
        return _open_window(args_list)  # a lone .json is a response pack: participant mode
    collector.quick_exit()
    with collector.paused():  # importing the command's modules makes no garbage
        # The first word that is no option names the command (the global options take no value).
        parser = build_parser(next((a for a in args_list if not a.startswith("-")), None))
        args = parser.parse_args(args_list)
    if args.command is None:
        return _open_window(args_list)
    from avi_desktop import logs

    logs.setup()  # the support log, for the model's module loggers (e.g. a damage report)
    try:
        status: int = args.func(args)
    except AviError as exc:
        print(f"{PROG}: {exc.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: not an error. Stop Python's own complaint at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"{PROG}: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # a defect: still one line, the details in the support log
        if os.environ.get("AVI_DEBUG") == "1":
            raise
        where = logs.unexpected(exc, f"'{PROG} {args.command}'")
        print(
            f"{PROG}: an unexpected error stopped the command ({logs.describe(exc)}). "
            f"Files are written whole or not at all, so nothing was left half-written. {where}",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE
    return status
