#!/usr/bin/env python
import sys

if __name__ == "__main__":
    # Same settings rule as eenplan/wsgi.py: see eenplan/settings/envfile.py.
    from eenplan.settings.envfile import configure

    configure()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
