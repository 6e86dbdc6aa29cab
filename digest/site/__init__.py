"""From articles to a site: URLs, taxonomies, archives, editions."""
