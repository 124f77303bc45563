import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# tests never read or write the user's cache folder: one fresh cache folder for the whole run
import os  # noqa: E402
import tempfile  # noqa: E402

os.environ["REPORTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="reportlint-test-cache-")
