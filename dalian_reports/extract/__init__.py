"""Text to numbers (layer 2: imports ``sources`` only): number/qualifier grammar, headline paragraphs, plan tables."""
