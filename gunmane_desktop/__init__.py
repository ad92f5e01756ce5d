"""群マネ Desktop: asset register, inspections and regional exchange for small municipalities."""

__version__ = "0.1.0"
