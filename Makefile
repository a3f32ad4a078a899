# Two commands on a fresh machine: `make run` and `make test`. See README.md.
# `make test` builds the bundle too and its pytest run includes the frozen app's tests, so CI (which
# runs `make test`) fails when the bundle does.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)
EXE := dist/avi-desktop/avi-desktop
# What the bundle is built from: it is rebuilt only when one of these changes.
BUNDLE_INPUTS := build.spec pyproject.toml $(shell find avi_desktop resources -type f \
	-not -path '*/__pycache__/*' -not -name '*-shm' -not -name '*-wal' 2>/dev/null)

.PHONY: run test lint typecheck contracts pytest bench bundle bundle-test screenshots clean

$(VENV)/.app: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "AVI Desktop needs Python 3.11 or newer.")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.app
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bundle: $(VENV)/.app
	$(PY) -m pip install --quiet -e '.[bundle]'
	touch $@

run: $(VENV)/.app
	@bash scripts/qt-system-deps.sh --runtime
	$(VENV)/bin/avi-desktop

test: $(VENV)/.test
	@bash scripts/qt-system-deps.sh --test
	$(VENV)/bin/ruff check avi_desktop tests benchmarks scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	@$(MAKE) --no-print-directory bundle
	AVI_BUNDLE_TEST=1 QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

bundle: $(EXE)

$(EXE): $(VENV)/.bundle $(BUNDLE_INPUTS)
	@bash scripts/qt-system-deps.sh --bundle
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	touch $@

# The frozen app's tests: they fail, never skip, when the bundle is missing or stale.
bundle-test: $(VENV)/.test $(EXE)
	AVI_BUNDLE_TEST=1 $(VENV)/bin/pytest -q -m bundle tests/test_bundle.py

screenshots: $(VENV)/.app
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

clean:
	rm -rf build dist .mypy_cache .ruff_cache
