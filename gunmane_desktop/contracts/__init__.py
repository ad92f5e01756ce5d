"""Bundled contracts above the register: the bundling assistant (lots for a fiscal year,
compared with one contract per town), draft contracts from lots, and the demo contracts.

Sits above storage (reads the register) and below the CLI; stdlib only besides that.
"""
