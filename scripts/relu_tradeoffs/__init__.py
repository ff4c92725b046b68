"""Numpy kernels for reproducing Goel, Karmalkar, Klivans (NeurIPS 2019)."""
