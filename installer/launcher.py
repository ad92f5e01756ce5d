"""The frozen program's entry script: the same as the ``gunmane`` console script."""

from gunmane_desktop.main import main

if __name__ == "__main__":
    raise SystemExit(main())
