"""Our hybrid retriever as a llama-index ``BaseRetriever``, and the way back to our records.

llama-index sees each retrieved agenda item as one ``NodeWithScore`` whose node id is the
item key (``"<sha256>:<number>"``) and whose metadata names the item (number, case, title,
committee, date). The adapter remembers the ``ItemHit`` behind every node it returned, so
``hits_from_nodes`` turns nodes back into ``ItemHit`` records before anything leaves
``assistant/``. Out of scope: ranking (``vectorstore.retrieval``), answering (``grounded``,
``llm``).

Never touches ``llama_index.core.Settings``: the callback manager is passed explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.callbacks import CallbackManager
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from vectorstore.records import Filters, ItemHit

ITEM_KEY = "item_key"


class ItemRetriever(Protocol):
    """What ``vectorstore.retrieval.HybridRetriever`` offers (and what tests may fake)."""

    def retrieve(self, query: str, k: int = 10, filters: Filters = ...) -> list[ItemHit]: ...


def hit_to_node(hit: ItemHit) -> NodeWithScore:
    """One item as a llama-index node: header line, decision and matched chunk bodies."""
    ref = hit.ref
    parts = [f"Punkt {ref.item_number}: {ref.title}"]
    if hit.item.decision:
        parts.append(f"Beslutning: {hit.item.decision}")
    parts.extend(c.body for c in hit.chunks)
    metadata: dict[str, Any] = {
        ITEM_KEY: ref.key,
        "item_number": ref.item_number,
        "case_id": ref.case_id,
        "title": ref.title,
        "committee": ref.committee,
        "municipality": ref.municipality,
        "meeting_date": ref.meeting_date.isoformat(),
        "reason": hit.reason,
    }
    node = TextNode(
        id_=ref.key,
        text="\n".join(parts),
        metadata=metadata,
        excluded_embed_metadata_keys=list(metadata),
        excluded_llm_metadata_keys=[ITEM_KEY, "reason"],
    )
    return NodeWithScore(node=node, score=float(hit.score))


class HybridRetrieverAdapter(BaseRetriever):
    """``BaseRetriever`` over an item retriever, with fixed ``k`` and ``filters``.

    ``only_keys`` restricts results to those items (follow-up questions): hits for other items
    are dropped, and any of ``pinned`` (earlier hits for those items) that retrieval did not
    return again are appended, so a follow-up always sees its item.

    >>> adapter = HybridRetrieverAdapter(retriever, k=10)          # doctest: +SKIP
    >>> hits = adapter.hits_from_nodes(adapter.retrieve("Frederikshavnerordningen"))  # doctest: +SKIP
    """

    def __init__(
        self,
        retriever: ItemRetriever,
        *,
        k: int = 10,
        filters: Filters | None = None,
        only_keys: Sequence[str] | None = None,
        pinned: Sequence[ItemHit] = (),
    ) -> None:
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        super().__init__(callback_manager=CallbackManager([]))
        self._items = retriever
        self._k = k
        self._filters = filters or Filters()
        self._only = tuple(only_keys) if only_keys else None
        self._pinned = tuple(pinned)
        self._hits: dict[str, ItemHit] = {}

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = list(self._items.retrieve(query_bundle.query_str, k=self._k, filters=self._filters))
        if self._only is not None:
            wanted = set(self._only)
            hits = [h for h in hits if h.ref.key in wanted]
            seen = {h.ref.key for h in hits}
            hits.extend(p for p in self._pinned if p.ref.key in wanted and p.ref.key not in seen)
        for h in hits:
            self._hits[h.ref.key] = h
        return [hit_to_node(h) for h in hits]

    def hits_from_nodes(self, nodes: Iterable[NodeWithScore]) -> list[ItemHit]:
        """The ``ItemHit`` records behind nodes this adapter returned, in the nodes' order."""
        out = []
        for n in nodes:
            key = n.node.metadata.get(ITEM_KEY, n.node.node_id)
            if key not in self._hits:
                raise KeyError(f"node {key!r} was not returned by this retriever")
            out.append(self._hits[key])
        return out

    def retrieve_hits(self, query: str) -> list[ItemHit]:
        """Retrieve through llama-index and come back with our own records."""
        return self.hits_from_nodes(self.retrieve(QueryBundle(query_str=query)))
