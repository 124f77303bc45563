"""BLAKE2 without OpenSSL: CPython's own ``_blake2`` (``import hashlib`` loads OpenSSL first,
~2.5 ms of a one-file run); ``hashlib``'s elsewhere. For cache keys and content digests."""
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

__all__ = ["blake2b"]
