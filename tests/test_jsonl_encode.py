"""jsonl.encode (the exports' msgspec fast path) writes exactly the bytes of jsonl.dumps."""

from __future__ import annotations

import math
import random
import struct

from zhcorpus.jsonl import dumps, encode

TEXT = "".join(chr(i) for i in range(0x30)) + '\x7f\x80\u2028\u2029\ud7ff\ue000\ufeff\U0001F600"\\/中文 Ünï'


def _same(obj: object) -> None:
    assert encode(obj) == dumps(obj).encode("utf-8")


def test_strings_controls_and_non_bmp() -> None:
    _same(TEXT)
    _same({TEXT: [TEXT, {"\U0001F600": 1, "é": 2, "Z": 3, "a": None, "\uffff": True}]})


def test_floats_with_and_without_exponents() -> None:
    for v in (0.0, -0.0, 1.0, 0.1, 1 / 3, 1e-4, 9.99e-5, 1e-5, 1.5e-7, 5e-324, 1e15, 9999999999999998.0, 1e16,
              1e22, 1.7976931348623157e308, -2.5e-9, math.nan, math.inf, -math.inf):
        _same(v)
        _same({"score": v, "xs": [v, (v, 1)]})
    rng = random.Random(15)
    for _ in range(20000):
        _same(struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0])
        _same(rng.random() * 10 ** rng.randint(-8, 20))


def test_other_values_fall_back_to_the_standard_encoder() -> None:
    class Tag(str):
        pass

    for obj in (2**70, -(2**64), {2: "a", 1: "b"}, {"s": Tag("x")}, True, [False, None], {"k": (1, [2.5e-8])}):
        _same(obj)
    assert encode({"b": 1, "a": [1, 2]}) == b'{"a":[1,2],"b":1}'
