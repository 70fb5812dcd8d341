# Two entry points for a fresh machine with only python3:
#   make reproduce   install the locked environment and run the whole workflow + report
#   make test        install the locked environment and run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp

.PHONY: reproduce test report simulate lint format lock clean

$(STAMP): requirements.lock pyproject.toml src/spinrelax/pipeline/snakemake_guard.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -c "from spinrelax.pipeline.snakemake_guard import write_startup_file; write_startup_file()"
	touch $(STAMP)

reproduce: $(STAMP)
	$(BIN)/snakemake --profile profiles/default
	$(MAKE) --no-print-directory report

test: $(STAMP)
	$(BIN)/python -m pytest

# The HTML report in its safe, reproducible form (spinrelax.pipeline.report_html: data escaped, no
# runtimes, time stamps or checkout path; two runs of the same inputs give the same bytes).
report: $(STAMP)
	$(BIN)/snakemake --profile profiles/default --report results/report.html
	$(BIN)/python scripts/finalise_report.py results/report.html

# Regenerate the synthetic raw data under data/raw/ (virtual instruments; not part of `all`).
simulate: $(STAMP)
	$(BIN)/snakemake --profile profiles/default simulate --config virtual_instruments=True

lint: $(STAMP)
	$(BIN)/ruff check src scripts tests benchmarks
	$(BIN)/ruff format --check src scripts tests benchmarks
	$(BIN)/snakefmt --check Snakefile workflow/Snakefile workflow/rules
	$(BIN)/snakemake --lint

format: $(STAMP)
	$(BIN)/ruff format src scripts tests benchmarks
	$(BIN)/ruff check --fix src scripts tests benchmarks
	$(BIN)/snakefmt Snakefile workflow/Snakefile workflow/rules

# Re-resolve the dependency set (deliberately: changes versions) and write requirements.lock.
lock:
	rm -rf /tmp/spinrelax-lock && $(PYTHON) -m venv /tmp/spinrelax-lock
	/tmp/spinrelax-lock/bin/python -m pip install --quiet -e ".[workflow,test]"
	{ echo "# Locked dependency set of spinrelax (pip freeze of a fresh venv on CPython 3.11)."; \
	  echo "# Regenerate with: make lock"; \
	  /tmp/spinrelax-lock/bin/python -m pip freeze --exclude-editable | grep -v '^spinrelax'; } > requirements.lock

clean:
	rm -rf results .snakemake
