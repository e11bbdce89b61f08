"""Pure pandas: FX, intensity, comparability, the indicator tables, pillars, audit, passages."""
