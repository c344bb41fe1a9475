"""What ``gouvernail eval`` does around the runner: print, store, gate, update the baseline."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.gate import compare, load_baseline, make_baseline, write_baseline
from eval.runner import EvalOptions, run_eval
from eval.store import open_run_store, write_run_file
from ingest.errors import GouvernailError
from ingest.settings import Settings


def format_metrics(record: dict[str, Any]) -> list[str]:
    lines = [f"{'metric':<32} {'value':>10} {'n':>5} {'NaN':>4}  better"]
    for name, m in record["metrics"].items():
        value = "NaN" if m["value"] is None or math.isnan(m["value"]) else f"{m['value']:.4f}"
        lines.append(f"{name:<32} {value:>10} {m['n']:>5} {m['nan_count']:>4}  {m['direction']}")
    return lines


def run_and_gate(
    settings: Settings,
    *,
    baseline: Path | None,
    update_baseline: bool,
    ids: tuple[str, ...] | None = None,
    guardrails: bool = True,
    judge: bool = True,
    echo: Callable[[str], None] = print,
    assistant: Any = None,
) -> int:
    """Run, store, print; 1 when the gate finds a regression, else 0."""
    if update_baseline and baseline is None:
        raise GouvernailError("--update-baseline needs --baseline PATH")
    options = EvalOptions(ids=ids, guardrails=guardrails, judge=judge)
    record = run_eval(settings, options, assistant=assistant, progress=echo)
    open_run_store(settings).save(record)
    path = write_run_file(record, settings.eval_runs_dir)
    for line in format_metrics(record):
        echo(line)
    echo(f"run {record['id']} stored in the state database and {path} ({record['duration_s']} s)")
    if baseline is None:
        return 0
    if update_baseline:
        previous = load_baseline(baseline) if baseline.is_file() else None
        write_baseline(baseline, make_baseline(record, previous))
        echo(f"baseline written: {baseline}")
        return 0
    if not baseline.is_file():
        raise GouvernailError(f"baseline not found: {baseline}")
    reference = load_baseline(baseline)
    if reference.get("n_questions") != record["n_questions"]:
        echo(f"note: {record['n_questions']} questions run, the baseline has {reference.get('n_questions')}")
    result = compare(record, reference)
    for change in result.improvements:
        echo(f"improved: {change.describe()}")
    for name in result.missing:
        echo(f"not measured in this run (not gated): {name}")
    if result.passed:
        echo("regression gate: passed")
        return 0
    for change in result.regressions:
        echo(f"REGRESSION: {change.describe()}")
    echo(f"regression gate: FAILED ({', '.join(c.metric for c in result.regressions)})")
    return 1
