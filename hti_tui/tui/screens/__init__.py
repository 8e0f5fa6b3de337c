"""One module per screen, with its CSS in a .tcss file beside it."""
