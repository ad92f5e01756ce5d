"""Codes shared by the contracts tests."""

PREF, TOWN_A, TOWN_B = "150002", "152986", "155918"
JV = "XDE0000000001"
