"""The JSON writer of the machine formats gives exactly what ``json.dumps(..., indent=2)`` gives."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reports.jsontext import dumps

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
