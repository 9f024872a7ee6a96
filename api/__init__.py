"""The read-only HTTP API of the Chengdu–Chongqing economic circle dataset."""
