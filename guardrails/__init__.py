"""Guardrails: PII masking, injection detection, output checks — pure text in, decisions out."""

import os

# tldextract (used by Presidio's email recognizer) reads this at import: use its bundled suffix list,
# never the network. Set before anything imports presidio.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
