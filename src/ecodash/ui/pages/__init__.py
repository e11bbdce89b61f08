"""One module per page: read widgets, call the package, render."""
