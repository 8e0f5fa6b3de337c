"""Analysis on top of the engine: pure functions over ``Computed`` results and arrays.

contributions (points against the median unit), compare (gap between two units), whatif
(recompute with changed values), priorities (where a unit gains most), peers (similar units),
sensitivity (Monte Carlo rank intervals), audit (statistical coherence checks).
"""
