"""Errors a user can act on: the CLI and API turn them into a one-line message, never a traceback."""


class GouvernailError(RuntimeError):
    """Base of every expected, explainable failure."""
