"""The unit selector: a logistic regression over ``FEATURES`` and their pairwise products, fitted by
``eval.fit_unit_selector``."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.selection.features import FEATURES, Unit

MODEL_FILE = Path(__file__).with_name("unit_selector.json")


def expanded(standardised: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The standardised features followed by their pairwise products (``i < j``, row-major): the model
    weighs a feature by the others (a list item counts in a list question, a number in a "how many")."""
    i, j = np.triu_indices(standardised.shape[1], k=1)
    return np.hstack([standardised, standardised[:, i] * standardised[:, j]])


@dataclass(frozen=True)
class SelectorModel:
    """``sigmoid(((expanded((x - mean) / scale) - expanded_mean) / expanded_scale) @ coef + intercept)``."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    expanded_mean: tuple[float, ...]
    expanded_scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def design(self, rows: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """What the weights apply to, for raw feature rows (one per unit)."""
        x = (np.asarray(rows, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        design: npt.NDArray[np.float64] = (expanded(x) - np.asarray(self.expanded_mean)) / np.asarray(
            self.expanded_scale
        )
        return design

    def probabilities(self, units: list[Unit]) -> list[float]:
        """The probability that each unit holds a fact of the answer."""
        if not units:
            return []
        z = self.design([u.features for u in units]) @ np.asarray(self.coef) + self.intercept
        return [float(p) for p in 1 / (1 + np.exp(-z))]

    def save(self, path: Path = MODEL_FILE) -> None:
        path.write_text(json.dumps(self.__dict__, indent=1) + "\n", encoding="utf-8")


@functools.cache
def load_model(path: Path = MODEL_FILE) -> SelectorModel:
    """The fitted selector (read once); its features must be today's ``FEATURES``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        model = SelectorModel(**{**data, **{k: tuple(v) for k, v in data.items() if isinstance(v, list)}})
    except TypeError as exc:
        stale = f"{path.name} is from an older selector: run python -m eval.fit_unit_selector"
        raise ValueError(stale) from exc
    if model.features != FEATURES:
        raise ValueError(f"{path.name} was fitted on other features: run python -m eval.fit_unit_selector")
    return model
