"""The asynchronous client; `circle_client.synchronous` is generated from it."""
