"""The conversation layer: question text -> query -> answer -> text, JSON or Block Kit.

- :mod:`bot.engine` — :class:`~bot.engine.Answerer`, the one answering service
- :mod:`bot.reading` — reading a question (lexicon, periods, readings)
- :mod:`bot.reading.answering` — answering it from the graph
- :mod:`bot.http`, :mod:`bot.slack`, :mod:`bot.cli` — the surfaces
"""
