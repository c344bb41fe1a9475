"""One router per concern; ``api.app`` includes them all."""
