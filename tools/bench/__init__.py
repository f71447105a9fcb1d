"""`make bench`: the synthetic corpus (`synthetic.py`) and the side-by-side measurements (`measure.py`)."""
