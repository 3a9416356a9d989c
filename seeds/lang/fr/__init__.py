"""French: the tables the extraction pipeline reads for French text."""
