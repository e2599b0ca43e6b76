"""Tests build every table from the sources: the disk cache is off unless a test turns it on."""
import os

os.environ["DALIAN_REPORTS_CACHE"] = "off"
