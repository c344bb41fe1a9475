"""The injection rules, one module per attack family."""
