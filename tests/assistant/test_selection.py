"""The fitted unit selector: the committed model matches today's features and reads them sensibly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.selection.features import FEATURES, LIST_QUESTION, Unit
from assistant.selection.model import MODEL_FILE, load_model


def unit(**values: float) -> Unit:
    model = load_model()
    features = dict(zip(model.features, model.mean, strict=True)) | values  # an average unit, then changes
    return Unit(0, 0, 1, "x", tuple(features[name] for name in FEATURES))


def test_the_committed_model_was_fitted_on_todays_features() -> None:
    model = load_model()
    assert model.features == FEATURES
    assert len(model.mean) == len(model.scale) == len(FEATURES)
    pairs = len(FEATURES) * (len(FEATURES) - 1) // 2
    assert len(model.coef) == len(model.expanded_mean) == len(model.expanded_scale) == len(FEATURES) + pairs


@pytest.mark.parametrize("feature", ["term_overlap", "unit_cosine_gap", "lexical_share", "value_match"])
def test_more_evidence_in_a_unit_raises_its_probability(feature: str) -> None:
    model = load_model()
    low, high = model.probabilities([unit(**{feature: 0.0}), unit(**{feature: 1.0})])
    assert 0.0 < low < high < 1.0


def test_a_model_fitted_on_other_features_is_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = [*data["features"][:-1], "something_else"]
    stale = tmp_path / "unit_selector.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="fit_unit_selector"):
        load_model(stale)


def test_a_model_of_the_older_format_is_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    del data["expanded_mean"], data["expanded_scale"]
    stale = tmp_path / "unit_selector.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="older selector"):
        load_model(stale)


def test_probabilities_of_no_units_are_empty() -> None:
    assert load_model().probabilities([]) == []


@pytest.mark.parametrize(
    ("question", "asks_a_list"),
    [
        ("C'est quoi les trois niveaux du parcours ?", True),
        ("What are the three levels of the learning path?", True),
        ("Les différents niveaux de la formation continue ?", True),
        ("Les 5 étapes du déploiement ?", True),
        ("Qui valide la charte éthique ?", False),
        ("La charte est révisée tous les 2 ans ?", False),  # a number, no count of things asked
    ],
)
def test_a_count_of_things_asked_is_a_list_question(question: str, asks_a_list: bool) -> None:
    assert bool(LIST_QUESTION.search(question)) is asks_a_list
