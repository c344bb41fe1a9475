"""Checksums of French and payment identifiers (a pattern alone is not enough)."""

from __future__ import annotations

import re
from datetime import date

from phonenumbers import SUPPORTED_REGIONS

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")


def compact(value: str) -> str:
    """Identifier without spaces, dots or hyphens, upper-cased."""
    return _NON_ALNUM.sub("", value).upper()


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) check used by payment cards, SIREN and SIRET."""
    if not digits.isdigit():
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def nir_valid(value: str) -> bool:
    """French social security number (NIR): 13 digits (Corsica 2A/2B) + key = 97 − (number mod 97)."""
    nir = compact(value)
    if len(nir) != 15 or not nir[13:].isdigit():
        return False
    body = nir[:13].replace("2A", "19", 1) if nir[5:7] == "2A" else nir[:13]
    body = body.replace("2B", "18", 1) if nir[5:7] == "2B" else body
    if not body.isdigit():
        return False
    return 97 - int(body) % 97 == int(nir[13:])


def iban_valid(value: str) -> bool:
    """An IBAN of any country (ISO code: ``phonenumbers``' regions), 15 to 34 characters, mod-97 = 1 — for
    the countries Presidio's per-country formats leave out (Senegal ``SN``, Côte d'Ivoire ``CI``, Morocco
    ``MA``, Cameroon ``CM``…: IBANs of the national registries, not SWIFT's)."""
    iban = compact(value)
    if not 15 <= len(iban) <= 34 or iban[:2] not in SUPPORTED_REGIONS or not iban[2:4].isdigit():
        return False
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def siren_valid(value: str) -> bool:
    digits = compact(value)
    return len(digits) == 9 and luhn_valid(digits)


def siret_valid(value: str) -> bool:
    """14 digits, Luhn — except La Poste's establishments (SIREN 356000000): digit sum multiple of 5."""
    digits = compact(value)
    if len(digits) != 14 or not digits.isdigit():
        return False
    if digits.startswith("356000000"):
        return sum(int(d) for d in digits) % 5 == 0
    return luhn_valid(digits)


def payment_card_valid(value: str) -> bool:
    """Luhn-valid, 12–19 digits, with an issuer prefix that real cards use."""
    digits = compact(value)
    if not 12 <= len(digits) <= 19 or not luhn_valid(digits):
        return False
    return _issuer_matches(digits)


def _issuer_matches(digits: str) -> bool:
    n = len(digits)
    two, three, four, six = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    rules = (
        digits[0] == "4" and n in (13, 16, 19),  # Visa
        (51 <= two <= 55 or 222100 <= six <= 272099) and n == 16,  # Mastercard
        two in (34, 37) and n == 15,  # American Express
        (300 <= three <= 305 or two in (36, 38, 39)) and 14 <= n <= 19,  # Diners Club
        (four == 6011 or two == 65 or 644 <= three <= 649) and 16 <= n <= 19,  # Discover
        3528 <= four <= 3589 and 16 <= n <= 19,  # JCB
        two == 62 and 16 <= n <= 19,  # UnionPay
        (two == 50 or 56 <= two <= 69) and 12 <= n <= 19,  # Maestro
    )
    return any(rules)


def long_ago(value: str) -> bool:
    """A date whose year is at least ten years back: a birth, not a meeting or a deadline."""
    year = re.search(r"(\d{4})|(\d{2})$", value)
    if year is None:
        return False
    number = int(year.group(1) or year.group(2))
    if year.group(2):  # two digits: ``95`` is 1995, ``12`` is 2012
        number += 1900 if number > date.today().year % 100 else 2000
    return 1900 <= number <= date.today().year - 10
