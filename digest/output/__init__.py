"""Site → files: feeds, sitemap and search (to come), and the writer that swaps a build into place."""
