"""English: the tables the extraction pipeline reads for English text."""
