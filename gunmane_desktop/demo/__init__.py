"""Deterministic demo and benchmark regions: a fictional prefecture, towns and their stock.

``generate_region`` writes a new 群マネ file with organisations, assets of every sector,
inspection histories over the statutory cycles, member findings and measures, all derived
from a seed and the recipe in resources/demo/region.json. No Qt here: the CLI, the GUI and
the benchmarks call the same function.
"""

from .generate import GenerationCancelled, RegionSummary, generate_region

__all__ = ["GenerationCancelled", "RegionSummary", "generate_region"]
