"""Site → files: the writer that swaps a finished build into place."""
