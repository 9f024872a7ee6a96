"""The client's version, as its User-Agent names it."""

VERSION = "0.1.0"
USER_AGENT = f"circle-client/{VERSION}"
