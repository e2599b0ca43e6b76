"""Public tidy-table builders (layer 3: imports ``sources`` and ``extract`` only)."""
