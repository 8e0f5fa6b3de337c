"""Data layer: schemas, reading published files, the unit registry, Parquet I/O."""
