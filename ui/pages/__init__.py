"""One module per screen of the left navigation."""
