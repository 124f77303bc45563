import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_examples_are_clean():
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", str(ROOT / "examples")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All checks passed (3 files)." in proc.stdout or "全部检查通过" in proc.stdout
