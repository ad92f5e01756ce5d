"""Domain core: organisations, sectors, grade scales, 和暦, fiscal years, planning maths.

Standard library only: no Qt, no sqlite3, no pandas. Everything here can be scripted and
tested without a database or a screen.
"""
