"""Reading questions: names and periods, readings as typed expressions, answering from the graph.

- :mod:`~bot.reading.lexicon` (with :mod:`~bot.reading.grammar_words`) — the graph's names in a question
- :mod:`~bot.reading.periods` (with :mod:`~bot.reading.period_words`, :mod:`~bot.reading.period_grammar`)
  — period expressions
- :mod:`~bot.reading.cues`, :mod:`~bot.reading.measure`, :mod:`~bot.reading.threshold`,
  :mod:`~bot.reading.amounts`, :mod:`~bot.reading.names`, :mod:`~bot.reading.operands` — the evidence
- :mod:`~bot.reading.understand` — the question read into a :class:`~bot.reading.understand.Query`;
  :mod:`~bot.reading.context` fills follow-ups; :mod:`~bot.reading.resolve` resolves names against the graph
- :mod:`~bot.reading.facts` — the figures the graph holds, as the answering code sees them
- :mod:`~bot.reading.answering` — one function per kind of reading
"""
