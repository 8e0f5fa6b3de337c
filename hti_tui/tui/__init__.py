"""The terminal UI (Textual). Screens render facade views; they compute nothing."""
