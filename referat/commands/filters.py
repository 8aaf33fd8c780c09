"""The scope options that ``referat ask`` and ``referat search`` share: ``--committee``,
``--municipality``, ``--from``, ``--to``, read into one ``Filters``.

A committee or municipality is matched against the names the store holds, the way a person
types them: any case ("arbejdsmarkedsudvalget"), a usual spelling of a committee
("skoleudvalget"), or a part of one name ("Arbejdsmarked", "Teknik"). A committee is read by
``vectorstore.query.resolve_committee``, as the retriever reads it. A name that matches none, or a part that
matches several, is an error that lists the store's names: a filter that silently matches
nothing would answer "not in the minutes".

    >>> resolve_name("arbejdsmarked", ["Arbejdsmarkedsudvalget", "Byrådet"], "--committee")
    'Arbejdsmarkedsudvalget'

Out of scope: spelling mistakes (the question's own words are read by ``vectorstore.query``).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from core.errors import InputError

if TYPE_CHECKING:
    from vectorstore.records import Filters

SHOWN = 12  # names listed in an error, at most


def add_arguments(parser: argparse.ArgumentParser, *, committee: str, municipality: str) -> None:
    parser.add_argument("--committee", help=f"only this committee (udvalg), e.g. {committee}")
    parser.add_argument("--municipality", help=f"only this municipality (kommune), e.g. {municipality}")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="only meetings on or after DATE (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="only meetings on or before DATE (YYYY-MM-DD)")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def resolve_name(value: str, names: Sequence[str], option: str) -> str:
    """The store's name that ``value`` stands for: the one equal to it in any case, else the
    only one containing it. InputError, listing the names, when none or several do."""
    want = _key(value)
    exact = [n for n in names if _key(n) == want]
    if want and exact:
        return exact[0]
    partial = [n for n in names if want in _key(n)]
    if want and len(partial) == 1:
        return partial[0]
    raise _unknown(value, names, option)


def _unknown(value: str, names: Sequence[str], option: str) -> InputError:
    """The error for a name that stands for none of the store's ``names``, or for several."""
    want = _key(value)
    if not want:
        return InputError(f"{option} is empty")
    partial = [n for n in names if want in _key(n)]
    if len(partial) > 1:
        return InputError(f"{option} {value!r} matches {len(partial)} names: {_listed(partial)}; give one of them")
    if not names:
        return InputError(f"{option} {value!r}: the store holds no minutes yet (run `referat ingest PATH` first)")
    return InputError(f"{option} {value!r} is no {option.lstrip('-')} of the store; it holds {_listed(names)}")


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def read_filters(args: argparse.Namespace, store) -> Filters:  # type: ignore[no-untyped-def]
    """The options as ``Filters``, names resolved against ``store`` (``Store``)."""
    from vectorstore.query import resolve_committee
    from vectorstore.records import Filters

    date_from, date_to = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise InputError(f"--from {date_from} is after --to {date_to}")
    committee = args.committee  # the retriever reads it the same way (``resolve_committee``)
    if committee is not None and not resolve_committee(committee, store.committees(), store.municipalities()):
        raise _unknown(committee, store.committees(), "--committee")
    municipality = (
        resolve_name(args.municipality, store.municipalities(), "--municipality")
        if args.municipality is not None
        else None
    )
    return Filters(municipality=municipality, committee=committee, date_from=date_from, date_to=date_to)
