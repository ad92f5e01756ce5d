"""Deterministic demo and benchmark regions: a fictional prefecture, towns and their stock.

``generate_region`` writes a new 群マネ file with organisations, assets of every sector,
inspection histories over the statutory cycles, member findings and measures, all derived
from a seed and the recipe in resources/demo/region.json. No Qt here: the CLI, the GUI and
the benchmarks call the same function.
"""

from .errors import GenerationCancelled

__all__ = ["GenerationCancelled", "RegionSummary", "generate_region"]


def __getattr__(name: str):
    """The generator (numpy and the recipe) loads on first use, not with the package: every
    ``gunmane`` command imports this package for GenerationCancelled."""
    if name in ("RegionSummary", "generate_region"):
        from . import generate
        return getattr(generate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
