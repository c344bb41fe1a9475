# Gouvernail — two commands on a fresh machine: `make run` and `make test` (both idempotent).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Offline by design: no model hub, no telemetry, caches inside the project (see ingest/runtime_env.py).
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export ANONYMIZED_TELEMETRY := False
export RAGAS_DO_NOT_TRACK := true
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS :=
export TOKENIZERS_PARALLELISM := false
export HF_HOME := $(CURDIR)/var/cache/huggingface
export XDG_CACHE_HOME := $(CURDIR)/var/cache/xdg
export MPLCONFIGDIR := $(CURDIR)/var/cache/matplotlib

.PHONY: help install models index run test lint typecheck pytest bench-ingest bench-guardrails bench-load bench-faults eval-guardrails eval-assistant eval eval-gate eval-baseline report clean

help:
	@echo "make run           venv + offline models + index corpus/ + API on 127.0.0.1:8000"
	@echo "make test          ruff + mypy + pytest + the evaluation regression gate"
	@echo "make bench-ingest  indexing benchmark (cold, no-change, one-file change, peak RSS)"
	@echo "make bench-guardrails  masking / injection-scan latency"
	@echo "make bench-load    POST /v1/ask at 1, 4, 16, 32 clients, 1 then 2 workers: req/s, p50/p95/p99, errors, RSS"
	@echo "make bench-faults  16 clients alone, then under abuse (aborted streams, bad requests, slow headers)"
	@echo "make eval-guardrails   PII recall/precision and injection detection on the full sets"
	@echo "make eval-assistant    golden-set figures of the offline assistant and the naive baseline"
	@echo "make eval              evaluation suite (golden set + PII + injection), run stored in eval/runs/"
	@echo "make eval-gate         the same, gated against eval/baseline.json (exit 1 on a regression)"
	@echo "make eval-baseline     rewrite eval/baseline.json from a fresh run (deliberate)"
	@echo "make report            HTML + Markdown report (French) from the stored runs"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned: the local CPU build (anything else pulls a multi-GB CUDA build)
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP)

models: install
	$(BIN)/gouvernail models

index: models
	$(BIN)/gouvernail reindex

run: index
	$(BIN)/gouvernail serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy .

pytest: models
	$(BIN)/python -m pytest

test: lint typecheck pytest eval-gate

bench-ingest: models
	$(BIN)/python -m eval.benchmarks.ingest

bench-guardrails: install
	$(BIN)/python -m eval.benchmarks.guardrails

LOAD_ARGS ?=
bench-load: index
	$(BIN)/python -m eval.benchmarks.load $(LOAD_ARGS)

bench-faults: index
	$(BIN)/python -m eval.benchmarks.faults

eval-assistant: index
	$(BIN)/python -m eval.assistant_eval

eval-guardrails: install
	$(BIN)/python -m eval.pii_masking
	$(BIN)/python -m eval.injection_detection

eval: index
	$(BIN)/gouvernail eval

eval-gate: index
	$(BIN)/gouvernail eval --baseline eval/baseline.json

eval-baseline: index
	$(BIN)/gouvernail eval --baseline eval/baseline.json --update-baseline

report: install
	$(BIN)/gouvernail report

clean:
	rm -rf var/index var/cache .pytest_cache .mypy_cache .ruff_cache
