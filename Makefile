# Kansenwijzer: `make run` and `make test` are the two commands a new machine needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# The bundled embedder runs twice as fast on two OpenMP threads.
export OMP_NUM_THREADS ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# pip byte-compiles every module of every package one file at a time (half the install time); we install without that and
# compile the packages on both cores, their own test folders left out. Compiled they must be: with PYTHONDONTWRITEBYTECODE
# set (as on our CI machine) nothing would cache the compiled modules, and every process of the suite compiled torch again.
COMPILE = $(PY) -m compileall -q -j 0 -x '/(tests?|testing/_internal)/' "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null
# The shared material (eval/score.py, eval/dev.jsonl, pdfs/) the tests and `make eval` read: beside the project unless set.
export SHARED_DIR ?= ../shared

.PHONY: run index chat test test-fast bench bench-scale browser ocr train eval clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --no-compile -r requirements.txt
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP) install -q --no-compile -r requirements-test.txt
	$(COMPILE)
	touch $@

## Build or update the index from corpus/ (a no-op when nothing changed).
index: $(VENV)/.installed
	$(PY) -m ingest

## Install, index, then open the chat app.
run: index
	$(PY) -m ui

## The terminal chat, without the browser.
chat: index
	$(PY) -m assistant chat

## A headless Chromium for the browser tests (Debian's package; test tools' own browser downloads fail offline).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

## Tesseract with its Dutch model, for scanned PDF pages (optional at run time: without it a scan is reported, not read).
ocr:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx nld || (apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-nld >/dev/null)

## Install what the tests need and run the whole suite, slow tests included, a file per worker: while one worker waits on
## a browser or a child process, the other computes (TEST_WORKERS=0 runs everything in one process). Each worker's
## embedder gets one OpenMP thread, so two workers keep the two cores busy without their threads fighting over them
## (5:29 against 5:49 with two threads each, the same clone and machine).
TEST_WORKERS ?= 2
TEST_THREADS ?= 1
test: $(VENV)/.installed-test browser ocr
	OMP_NUM_THREADS=$(TEST_THREADS) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

## The suite without the slow tests.
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not slow"

## Ingest and query benchmarks (figures in bench-results/).
bench: $(VENV)/.installed-test
	$(PY) -m tests.bench

## Fit the evidence and answerability models on eval/tune.jsonl (writes assistant/answer/evidence/model.json).
train: index
	$(PY) -m assistant.answer.evidence.train

## Score the tune and test splits, the shared dev set and the baseline (test figures are for reporting only).
eval: index $(VENV)/.installed-test
	$(PY) $(SHARED_DIR)/eval/score.py eval/tune.jsonl
	$(PY) $(SHARED_DIR)/eval/score.py eval/test.jsonl
	$(PY) $(SHARED_DIR)/eval/score.py eval/unseen.jsonl
	$(PY) $(SHARED_DIR)/eval/score.py
	$(PY) $(SHARED_DIR)/eval/score.py eval/test.jsonl --command "$(PY) eval/baseline.py"

## A ministry-size collection of generated letters (CHUNKS="25000 100000" for both sizes; figures in bench-results/).
CHUNKS ?= 25000
bench-scale: $(VENV)/.installed-test
	$(PY) -m tests.bench_scale --chunks $(CHUNKS)

clean:
	rm -rf .kansenwijzer .pytest_cache test-artifacts
