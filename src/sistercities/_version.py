"""The version of the library (the data has its own, in ``dataset().data_version``)."""

__version__ = "0.3.0"
