"""The importer's ways in: each reader turns one raw page file into text lines of the page model."""
