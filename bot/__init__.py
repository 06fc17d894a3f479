"""The conversation layer: question text -> query -> answer -> text, JSON or Block Kit.

- :mod:`bot.engine` — :class:`~bot.engine.Answerer`, the one answering service
- :mod:`bot.lexicon`, :mod:`bot.periods`, :mod:`bot.understand` — reading a question
- :mod:`bot.respond`, :mod:`bot.handlers` — answering it from the graph
- :mod:`bot.http`, :mod:`bot.slack`, :mod:`bot.cli` — the surfaces
"""
