"""`ecodash propose` and the editor behind Add an article."""
