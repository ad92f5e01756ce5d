"""Every UI string has its Japanese, with the same %1/%n placeholders."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "resources" / "translations" / "update_ja.py"


def test_every_ui_string_is_translated_with_matching_placeholders():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
