"""Text to typed mentions, standard library only: clean text and sentences, numbers, figures (the value
object `Figure` and `parse`), periods, countries and currencies."""


def compile_rules(lang: str) -> None:
    """Compile one language's reading rules now rather than at the first text that needs them (a worker does it
    before its first document, whose time limit would otherwise pay for it)."""
    from . import countries, currency, figure_grammar, periods, places

    places._table()
    figure_grammar._readers(lang)
    periods._compiled(lang)
    countries._patterns(lang)
    currency._names(lang)
