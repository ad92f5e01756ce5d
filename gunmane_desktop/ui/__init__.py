"""The desktop user interface: the only package that imports PySide6 and pyqtgraph.

``app.run`` is the composition root; every other module builds widgets or models from the
plain objects it is handed (a database connection, settings), never from globals.
"""
