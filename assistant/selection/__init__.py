"""Which source lines answer a question: units -> features -> scores (a fitted model) -> composition."""
