"""Text to typed mentions, standard library only: clean text and sentences, numbers, figures (the value
object `Figure` and `parse`), periods, countries and currencies."""
