"""The newsx client library and the ``newsx`` command line."""

from newsx.client.client import NewsxClient, NewsxError

__all__ = ["NewsxClient", "NewsxError"]
