"""Shared helpers of the evaluation scripts in ``tests/eval`` (plain scripts, not collected by pytest)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTERNAL = ROOT.parent / "shared" / "external"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives and the predicted and gold counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def fmt_prf(label: str, tp: int, n_pred: int, n_gold: int) -> str:
    p, r, f = prf(tp, n_pred, n_gold)
    return f"{label:<30} P={p:.3f}  R={r:.3f}  F1={f:.3f}   (tp={tp}, predicted={n_pred}, gold={n_gold})"


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
