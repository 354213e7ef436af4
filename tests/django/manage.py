#!/usr/bin/env python3
"""Django's command line for the test project (tests/api/django_import.rs)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "natter_seeds.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
