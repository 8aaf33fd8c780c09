"""vectorstore: ``Meeting`` records -> chunks -> embeddings in Chroma, and hybrid retrieval of
items. The only package that imports chromadb or sentence-transformers.
"""
