"""Tables (what the database holds) and public models (what the API answers)."""
