"""The sources, the curated dataset drawn from them, and the loader (`circle seed`)."""
