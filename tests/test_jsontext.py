"""The JSON writer of the machine formats gives exactly what ``json.dumps(..., indent=2)`` gives."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reports.jsontext import Rows, dump, dumps

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    | st.tuples(inner, inner),
    max_leaves=30,
)


@given(_DOCUMENTS)
def test_same_text_as_the_standard_library(document: Any) -> None:
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2)


def _pieces(document: Any, chunk: int) -> list[str]:
    pieces: list[str] = []
    dump(document, pieces.append, chunk)
    return pieces


@given(_DOCUMENTS)
def test_written_in_pieces_the_text_is_the_same(document: Any) -> None:
    for chunk in (1, 3, 1000):
        assert "".join(_pieces(document, chunk)) == json.dumps(document, ensure_ascii=False, indent=2)


def test_a_long_document_is_handed_over_in_bounded_pieces_not_whole() -> None:
    document = {"findings": [{"quote": f"quote {i}", "values": [i, i + 0.5]} for i in range(5000)]}
    pieces = _pieces(document, 100)
    assert "".join(pieces) == json.dumps(document, ensure_ascii=False, indent=2)
    assert len(pieces) > 100
    assert max(len(p) for p in pieces) < 4000  # about 100 parts each, never the whole text


def test_rows_are_an_array_made_while_it_is_written_and_can_be_written_again() -> None:
    made: list[int] = []

    def convert(i: int) -> dict[str, int]:
        made.append(i)
        return {"n": i}

    document = {"rows": Rows(range(3), convert), "empty": Rows([], convert)}
    expected = json.dumps({"rows": [{"n": 0}, {"n": 1}, {"n": 2}], "empty": []}, ensure_ascii=False, indent=2)
    assert dumps(document) == expected
    assert "".join(_pieces(document, 1)) == expected
    assert made == [0, 1, 2, 0, 1, 2]


def test_special_floats_control_characters_and_other_scripts() -> None:
    document = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan, "text": "Пхеньян \x1b[31m \u2028 \"q\" \\",
                "empty": {}, "none": [], "nested": [{"a": [1, 2.5, True, None]}]}
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_string_and_number_subclasses_are_written_as_their_values() -> None:
    class Colour(StrEnum):
        RED = "red"

    class Size(IntEnum):
        BIG = 3

    document = {"colour": Colour.RED, "size": Size.BIG}
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_other_types_are_left_to_the_standard_library() -> None:
    document = {1: "integer key", "set": 3}
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2)


def test_a_value_left_to_the_standard_library_is_indented_where_it_stands() -> None:
    from collections import OrderedDict

    document = {"deep": [{"keys": {1: ["a", {"b": None}], False: {}, None: 2.5}},
                         OrderedDict(x=[1, 2], y="\n")]}
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2)
    assert "".join(_pieces(document, 1)) == json.dumps(document, ensure_ascii=False, indent=2)
