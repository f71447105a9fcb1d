"""One module per command of `python -m tools`; each is a thin shell around library functions."""
