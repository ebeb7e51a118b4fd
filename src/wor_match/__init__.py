"""wor_match."""
