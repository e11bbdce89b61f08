"""Reading French and English text: numbers, cue words (no pandas)."""
