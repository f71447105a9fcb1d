"""Browser tests: the built site as a reader sees it, in Debian's Chromium."""
