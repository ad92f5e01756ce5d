"""Long-life repair planning (長寿命化修繕計画): deterioration models from the register's
history, maintenance scenarios with costs, removal candidates and the published plan table.

Sits above storage (reads the register) and uses numpy for the per-asset simulation; the
pure estimation maths lives in core.deterioration and the unit costs in core.unit_costs.
"""
