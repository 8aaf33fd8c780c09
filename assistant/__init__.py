"""assistant: a question (and the conversation so far) -> a cited Danish ``Answer``.
The only package that imports llama-index.
"""
