"""The answerer's sentence vectors do not depend on what was asked before.

The default embedder (ONNX, int8) quantises activations with one scale per batch, so a sentence
embedded in a batch with others gets a slightly different vector than alone. The answerer
caches sentence vectors across questions; had it cached batch vectors, an answer would depend
on the questions asked before it (in the eval suite, one answer became a refusal after another
question had been asked first). The sentences are the minutes' own (Greve, Klima-, Teknik- og
Miljøudvalget 10 October 2024, item 8; Skole-, Børne- og Ungeudvalget 9 September 2025).
"""

from __future__ import annotations

import numpy as np

from assistant.evidence import VectorCache

SENTENCE = "1. at etablere et mindre fritløbsområde for hunde på ca. 5.500 m2 i den østlige del af fårefolden."
OTHERS = [
    "Eksempel 1: Skattekisten til lokation i Karlslunde 10,6 km retur × 113,58 kr. × 254 hverdage (2026) "
    "= 305.802,80 kr. årligt",
    "Ifølge aftalen afregnes kørsel efter kilometertakst, som aktuelt er 113,58 kr. pr. kilometer.",
    "Hvis halvdelen af arealet skal overgå til fritløbsområde for hunde, ønsker dyreholderen ikke at "
    "fortsætte med at have får på Langagergård.",
]


def test_a_sentence_vector_is_the_same_whatever_was_embedded_with_it(real_embedder) -> None:
    alone = VectorCache().passages(real_embedder, [SENTENCE])[0]
    cache = VectorCache()
    cache.passages(real_embedder, [*OTHERS, SENTENCE])  # cached while embedding others
    again = cache.passages(real_embedder, [SENTENCE])[0]
    assert np.array_equal(alone, again)
    assert np.array_equal(alone, real_embedder.embed_passages([SENTENCE])[0])
