"""Evaluation datasets built independently of the components they measure."""
