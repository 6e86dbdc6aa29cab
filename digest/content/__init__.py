"""Reading and parsing articles: files in `content/` become Articles or Problems."""
