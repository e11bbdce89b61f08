"""Reading French and English text: numbers and rankings, cue words, sentences, folding (no pandas)."""
