"""Conversion tools of the edition: raw newspaper pages in, MyST articles and apparatus out."""
