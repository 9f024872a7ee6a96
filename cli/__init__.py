"""The `circle` command: the one place that reaches both the loader (`seed`) and the API."""
