"""The terminal UI (Textual). Screens render the query layer's views; they compute nothing."""
