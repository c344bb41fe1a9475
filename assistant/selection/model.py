"""The unit selector: a logistic regression over ``FEATURES``, fitted by ``eval.fit_unit_selector``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.selection.features import FEATURES, Unit

MODEL_FILE = Path(__file__).with_name("unit_selector.json")


@dataclass(frozen=True)
class SelectorModel:
    """Standardised features, one weight each: ``sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probabilities(self, units: list[Unit]) -> list[float]:
        """The probability that each unit holds a fact of the answer."""
        if not units:
            return []
        x = (np.asarray([u.features for u in units]) - np.asarray(self.mean)) / np.asarray(self.scale)
        z = x @ np.asarray(self.coef) + self.intercept
        return [float(p) for p in 1 / (1 + np.exp(-z))]

    def save(self, path: Path = MODEL_FILE) -> None:
        path.write_text(json.dumps(self.__dict__, indent=1) + "\n", encoding="utf-8")


@functools.cache
def load_model(path: Path = MODEL_FILE) -> SelectorModel:
    """The fitted selector (read once); its features must be today's ``FEATURES``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    model = SelectorModel(
        tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
        float(data["intercept"]),
    )  # fmt: skip
    if model.features != FEATURES:
        raise ValueError(f"{path.name} was fitted on other features: run python -m eval.fit_unit_selector")
    return model
