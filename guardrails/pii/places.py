"""Countries and regions, read once per process from Faker's address providers of the countries staff deal
with (country names in English, French, Spanish, German and Italian; US states, French regions and
departments, Swiss cantons, Spanish and Italian provinces, German states and cities): a word among them
is a place before it is a person when it is listed with another place (``Jordan and Georgia``)."""

from __future__ import annotations

import importlib
from functools import cache

_LOCALES = ("en_US", "fr_FR", "fr_CH", "es_ES", "de_DE", "it_IT")
_KINDS = ("countries", "states", "regions", "departments", "cantons")


@cache
def place_names() -> frozenset[str]:
    """Casefolded names of countries and regions (a few thousand; loaded in a few milliseconds)."""
    names: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for kind in _KINDS:
            values = getattr(provider, kind, ())
            for value in values.values() if isinstance(values, dict) else values:
                name = value[-1] if isinstance(value, tuple | list) else value
                if isinstance(name, str):
                    names.add(name.casefold())
    german = importlib.import_module("faker.providers.address.de_DE").Provider
    names.update(c.casefold() for c in german.cities)
    return frozenset(names)
