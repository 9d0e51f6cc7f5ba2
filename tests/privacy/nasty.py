"""Hostile values for every kind of field (hypothesis strategies)."""
from __future__ import annotations

from datetime import date, datetime, time

from hypothesis import strategies as st

MB = "ø" * 1_000_000
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\u200b\u2028"
RTL = "\u202eمرحبا بالعالم שלום\u202c"
EMOJI = "👩🏽‍🔧🧑‍🦽 🇩🇰 \U0001F600"

fixed_text = st.sampled_from(["", " ", MB, CONTROL, RTL, EMOJI, "a\x00b", "\n\n", "'; DROP TABLE citizen;--",
                              "<b>&amp;</b>", "NULL", "\ud7ff\ue000", "-1", "1e309", "Ærø Å"])
texts = st.one_of(fixed_text, st.text(max_size=300))
numbers = st.one_of(
    st.sampled_from([0, -1, -(2 ** 63), 2 ** 63, 2 ** 200, 10 ** 9]),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans())
dates = st.one_of(
    st.sampled_from([date.min, date.max, date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1)]),
    st.dates(), st.datetimes())
wrong_types = st.sampled_from([None, [], {}, b"bytes", object(), ("t",), 3.5, time(1)])
cprs = st.one_of(st.sampled_from(["320190-1234", "010190-123", "0101901234x", "٠١٠١٩٠١٢٣٤",
                                  "999999-9999", "01019O-1234", "310290-1234", "010190 1234 5"]),
                 st.text(alphabet="0123456789- ", max_size=14))
cvrs = st.one_of(st.sampled_from(["12345678", "00000000", "1234567", "123456789", "１２３４５６７８",
                                  "29403473x", "29403474"]),
                 st.text(alphabet="0123456789 -", max_size=12))
anything = st.one_of(texts, numbers, dates, wrong_types, cprs, cvrs)
moments = st.one_of(dates, st.sampled_from([datetime.min, datetime.max, datetime(2100, 12, 31, 23, 59)]))
