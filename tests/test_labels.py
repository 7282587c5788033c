"""The labelled evaluation data: every span slices its article, clusters and events agree.

Runs eval/validate_labels.py over every labelled folder in the repo, so a hand edit that
shifts an offset fails the tests before it skews an evaluation figure.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
FOLDERS = sorted(
    [p for p in (EVAL / "data").glob("understand*") if (p / "labels").is_dir()]
    + [p for p in (EVAL / "data" / "compare").iterdir() if p.is_dir()])


def validator():
    spec = importlib.util.spec_from_file_location("validate_labels", EVAL / "validate_labels.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_labelled_folder_is_consistent(folder):
    assert validator().main([str(folder)]) == 0


def test_a_shifted_offset_is_caught(tmp_path):
    src = EVAL / "data" / "understand"
    shutil.copytree(src, tmp_path / "u")
    label = sorted((tmp_path / "u" / "labels").glob("*.json"))[0]
    data = json.loads(label.read_text("utf-8"))
    data["entities"][0]["start"] += 1
    label.write_text(json.dumps(data), "utf-8")
    assert validator().main([str(tmp_path / "u")]) == 1
