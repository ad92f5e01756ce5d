"""One year of deterioration for one replication's grades, by the models' annual matrices.

An asset at grade g with uniform draw u moves to the number of cumulative row entries
``cum[g][j]`` (j = 0, 1, 2) that u reaches. Done directly that needs three gathers of
thresholds per asset and year, which at 500,000 assets x 20 replications x 50 years was most
of a plan's time. Most assets stay where they are (about 95% a year), and for a deterioration
matrix (nothing below the diagonal) an asset stays exactly when u is below its own grade's
entry ``cum[g][g]``. So one gather from a small table (model x grade, a few KiB) finds the
few that move, and only those are counted out in full. Where a matrix has anything below
the diagonal the table sends every asset of that row to the full count, so the result is
the same as the direct count in every case.

One replication at a time keeps the working buffers (a few MiB) in the processor's cache.
"""

from __future__ import annotations

import numpy as np

from ..core.deterioration import N_GRADES


class Ageing:
    def __init__(self, cum: np.ndarray, model_idx: np.ndarray) -> None:
        """``cum``: (R, M, 4, 4) cumulative annual matrices; ``model_idx``: (n,) model per asset."""
        R, M = cum.shape[:2]
        if R * M * N_GRADES * N_GRADES >= 2**31:
            raise ValueError("too many replications x models for the index type")
        c32 = cum.astype(np.float32)
        self.flat = c32.reshape(-1)
        self.models = M
        # Threshold below which an asset certainly keeps its grade: its own grade's cumulative
        # entry when every entry before it is zero (then u >= them all, u < the rest);
        # otherwise 0.0, which sends every asset in that state to the full count.
        stay = np.zeros((R, M, N_GRADES), dtype=np.float32)
        for g in range(N_GRADES):
            clean = (c32[:, :, g, :min(g, N_GRADES - 1)] == 0).all(axis=2)
            own = c32[:, :, g, g] if g < N_GRADES - 1 else np.float32(2.0)  # the worst grade is kept
            stay[:, :, g] = np.where(clean, own, np.float32(0.0))
        self.stay = stay.reshape(R, M * N_GRADES)
        self.key_base = (model_idx.astype(np.int32) * N_GRADES).astype(np.int32)
        n = len(model_idx)
        self._key = np.empty(n, dtype=np.int32)
        self._u = np.empty(n, dtype=np.float32)
        self._threshold = np.empty(n, dtype=np.float32)
        self._moved = np.empty(n, dtype=bool)

    def step(self, r: int, grade_row: np.ndarray, rng: np.random.Generator) -> None:
        """Age replication ``r``'s grades (int8, in place) by one year, drawing n uniforms."""
        u = self._u
        rng.random(out=u, dtype=np.float32)
        key = np.add(self.key_base, grade_row, out=self._key, casting="unsafe")
        np.take(self.stay[r], key, out=self._threshold, mode="clip")
        movers = np.flatnonzero(np.greater_equal(u, self._threshold, out=self._moved))
        if not len(movers):
            return
        base = (key[movers] + np.int32(r * self.models * N_GRADES)) * np.int32(N_GRADES)
        um = u[movers]
        new = np.greater_equal(um, self.flat[base]).astype(np.int8)
        for j in range(1, N_GRADES - 1):
            new += np.greater_equal(um, self.flat[base + j])
        grade_row[movers] = new

    def counts(self, grade_row: np.ndarray) -> list[int]:
        """Assets at each grade (0 .. 3) in one replication's row."""
        n = len(grade_row)
        out = [0] * N_GRADES
        for k in range(1, N_GRADES):
            out[k] = int(np.count_nonzero(np.equal(grade_row, k, out=self._moved)))
        out[0] = n - sum(out)
        return out
