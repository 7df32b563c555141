"""A fast, exact reader for the block YAML that :func:`vectorgraph.io.dumps` writes.

PyYAML's C loader still builds a Python node object for every scalar, map and
list before the constructor runs: for a 50,000-relation document that is most of
the load. The documents the tool writes (and most written by hand) use only a
small part of YAML: block maps and lists indented by two, keys that are plain
words, and scalars that are plain, single-quoted, or double-quoted without
escapes, wrapped over several lines. :func:`load` reads that shape line by line,
resolving each plain scalar with PyYAML's own resolver and constructors, so its
result is PyYAML's. Anything else (comments, blank lines, tabs, flow
collections, anchors and aliases, tags, block scalars, escapes, directives,
complex keys, odd indentation) raises :class:`Unsupported`, and the caller uses
PyYAML, whose result and error messages are then the only ones seen.

>>> load("title: Kazakhstan\\nyear: 2023\\nactors:\\n- id: KAZ\\n  aliases:\\n  - Astana\\n")
{'title': 'Kazakhstan', 'year': 2023, 'actors': [{'id': 'KAZ', 'aliases': ['Astana']}]}
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Unsupported", "load"]


class Unsupported(Exception):
    """The text uses YAML beyond the shape :func:`load` reads: use the full parser."""


#: Characters PyYAML treats as line breaks or refuses, and tabs: their text goes to PyYAML.
_UNUSUAL_TEXT = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: ``key:`` or ``key: rest``, the key a plain word (its meaning still resolved, as ``yes``).
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
#: A whole single-quoted scalar (``''`` is a quote).
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
#: A whole double-quoted scalar without escapes.
_DOUBLE = re.compile(r'"([^"\\]*)"\Z')
#: The first characters of a plain scalar that mean something else in YAML.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MISSING = object()


def load(text: str) -> Any:
    """The value of ``text`` as ``yaml.load(text, CSafeLoader)`` gives it, or :class:`Unsupported`."""
    if (
        "\n\n" in text
        or " \n" in text
        or text.startswith(("\n", " "))
        or text.endswith(" ")
        or _UNUSUAL_TEXT.search(text)
    ):
        raise Unsupported
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines:
        raise Unsupported
    try:
        value, end = _Reader(lines).block(0, 0)
    except RecursionError:  # deeper than this reader goes: PyYAML's own limits apply
        raise Unsupported from None
    if end != len(lines):
        raise Unsupported
    return value


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        import yaml
        from yaml.nodes import ScalarNode

        self.lines = lines
        self.indents = [len(line) - len(line.lstrip(" ")) for line in lines]
        tag = "tag:yaml.org,2002:"
        constructor = yaml.constructor.SafeConstructor()
        self.makers = {
            tag + "int": constructor.construct_yaml_int,
            tag + "float": constructor.construct_yaml_float,
            tag + "bool": constructor.construct_yaml_bool,
            tag + "null": constructor.construct_yaml_null,
            tag + "timestamp": constructor.construct_yaml_timestamp,
        }
        self.text_tag = tag + "str"
        self.resolver = yaml.resolver.Resolver()
        self.node = ScalarNode
        self.plain: dict[str, Any] = {}  # each plain scalar's value, resolved once

    def resolve(self, text: str) -> Any:
        """A plain scalar's value, by PyYAML's resolver and constructors."""
        try:
            return self.plain[text]
        except KeyError:
            pass
        tag = self.resolver.resolve(self.node, text, (True, False))
        if tag == self.text_tag:
            value: Any = text
        else:
            make = self.makers.get(tag)
            if make is None:  # the merge key ``<<`` and ``=``
                raise Unsupported
            try:
                value = make(self.node(tag, text))
            except ValueError:  # as 2022-13-45: PyYAML's path reports it
                raise Unsupported from None
        self.plain[text] = value
        return value

    def block(self, i: int, indent: int) -> tuple[Any, int]:
        """The map or list whose first line is ``i``, at column ``indent``."""
        if i >= len(self.lines) or self.indents[i] != indent:
            raise Unsupported
        if self.lines[i].startswith("- ", indent):
            return self.sequence(i, indent)
        return self.mapping(i, indent, self.lines[i][indent:])

    def mapping(self, i: int, indent: int, first: str) -> tuple[dict[Any, Any], int]:
        """A block map at column ``indent``; ``first`` is the text of its first line."""
        lines, indents, plain = self.lines, self.indents, self.plain
        result: dict[Any, Any] = {}
        content = first
        while True:
            match = _KEY.match(content)
            if match is None:
                raise Unsupported
            name, rest = match.groups()
            key = plain.get(name, _MISSING)
            if key is _MISSING:
                key = self.resolve(name)
            i += 1
            if rest is None:  # ``key:`` then a block below, or null
                if i < len(lines) and (
                    indents[i] > indent
                    or (indents[i] == indent and lines[i].startswith("- ", indent))
                ):
                    value, i = self.block(i, indents[i])
                else:
                    value = self.resolve("")
            elif rest and rest[0] != " ":
                value, i = self.scalar(rest, i, indent)
            else:
                raise Unsupported
            result[key] = value
            if i >= len(lines) or indents[i] < indent:
                return result, i
            if indents[i] != indent:
                raise Unsupported
            content = lines[i][indent:]

    def sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        """A block list at column ``indent``, each item on a line ``- ...``."""
        lines, indents = self.lines, self.indents
        result: list[Any] = []
        while True:
            item = lines[i][indent + 2 :]
            if not item or item[0] == " ":
                raise Unsupported
            if _KEY.match(item):
                value, i = self.mapping(i, indent + 2, item)
            else:
                value, i = self.scalar(item, i + 1, indent)
            result.append(value)
            if i >= len(lines) or indents[i] < indent:
                return result, i
            if indents[i] != indent:
                raise Unsupported
            if not lines[i].startswith("- ", indent):
                return result, i  # a key of the map this list is the value of

    def scalar(self, first: str, i: int, indent: int) -> tuple[Any, int]:
        """The scalar that starts as ``first``; its wrapped lines (deeper than ``indent``) follow."""
        lines, indents = self.lines, self.indents
        head = first[0]
        if (i >= len(lines) or indents[i] <= indent) and head not in _INDICATORS:
            # the common case, a plain scalar on one line
            if ": " in first or " #" in first or first[-1] == ":":
                raise Unsupported
            known = self.plain.get(first, _MISSING)
            return (self.resolve(first) if known is _MISSING else known), i
        parts = [first]
        while i < len(lines) and indents[i] > indent:
            parts.append(lines[i][indents[i] :])
            i += 1
        if head == "'":
            joined = " ".join(parts)
            match = _SINGLE.match(joined)
            if match is None or match.end() != len(joined):
                raise Unsupported
            return match.group(1).replace("''", "'"), i
        if head == '"':
            match = _DOUBLE.match(" ".join(parts))
            if match is None:
                raise Unsupported
            return match.group(1), i
        if head in _INDICATORS and (head != "-" or first[1:2] in ("", " ")):
            raise Unsupported
        for n, part in enumerate(parts):
            if ": " in part or " #" in part or part.endswith(":"):
                raise Unsupported
            if n and (part[0] in "#" or part[:2] in ("- ", "? ", ": ") or part in "-?:"):
                raise Unsupported
        return self.resolve(" ".join(parts)), i
