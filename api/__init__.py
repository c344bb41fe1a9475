"""HTTP API and the gouvernail command line (thin: no business logic)."""
