"""The shipped dataset: this folder is installed as the package ``sistercities.data``."""
