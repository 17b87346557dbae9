"""Sphinx extensions of the documentation; conf.py loads each by its module name."""
