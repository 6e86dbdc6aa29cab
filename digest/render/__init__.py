"""Site → HTML: the theme search path, the views templates see, and the pages."""
