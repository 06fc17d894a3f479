"""Reading questions: lexicon and period grammar, readings, and answering from the graph.

- :mod:`bot.reading.lexicon`, :mod:`bot.reading.periods` — names and periods in a question
- :mod:`bot.reading.understand` — the question read into a :class:`~bot.reading.understand.Query`
- :mod:`bot.reading.facts` — the figures the graph holds, as the answering code sees them
- :mod:`bot.reading.answering` — one function per kind of question
"""
