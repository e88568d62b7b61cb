#!/usr/bin/env python3
"""The old name of scripts/gen_config_docs.py (README.md's variable tables and .env.example)."""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.argv[0] = str(Path(__file__).with_name("gen_config_docs.py"))
    runpy.run_path(sys.argv[0], run_name="__main__")
