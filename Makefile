# Two commands on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

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

run: $(VENV)/.app
	@bash scripts/qt-system-deps.sh --runtime
	$(VENV)/bin/avi-desktop

test: $(VENV)/.test
	@bash scripts/qt-system-deps.sh --test
	$(VENV)/bin/ruff check avi_desktop tests benchmarks scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

bundle: $(VENV)/.app
	$(PY) -m pip install --quiet -e '.[bundle]'
	$(VENV)/bin/pyinstaller --noconfirm --clean build.spec

bundle-test: bundle
	AVI_BUNDLE_TEST=1 QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q tests/test_bundle.py

screenshots: $(VENV)/.app
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

clean:
	rm -rf build dist .mypy_cache .ruff_cache
