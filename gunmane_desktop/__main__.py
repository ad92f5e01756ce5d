"""``python -m gunmane_desktop``: same as the ``gunmane`` command."""

from gunmane_desktop.main import main

raise SystemExit(main())
