#!/usr/bin/env python
"""Django's command-line utility; `hoaban` (the console script) does the same."""

from hoaban.__main__ import main

if __name__ == "__main__":
    main()
