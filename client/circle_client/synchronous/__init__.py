"""The synchronous client, generated from `circle_client.asynchronous` by unasync."""
