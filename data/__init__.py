"""Bundled data of `analysis` (installed as the package `analysis._data`; read it through `analysis.datasets`)."""
