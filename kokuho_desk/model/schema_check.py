"""Validate data against the case-file schema, reporting every error with its field path.

The case schema (resources/schema/case.schema.json) uses a small, fixed part of JSON Schema
2020-12: type, enum, const, minimum, maximum, minLength, maxLength, pattern, required,
properties, additionalProperties (false), minProperties, items, minItems, maxItems,
uniqueItems, anyOf and local $ref. This module checks exactly that part. It replaces the
general `jsonschema` library at run time because that library's import alone cost ~160 ms
of `kokuho-desk check`'s start-up; tests/model/test_schema_check.py compares the two on
generated data, and refuses a schema keyword this module does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

SUPPORTED_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "format",
        "type",
        "enum",
        "const",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "pattern",
        "required",
        "properties",
        "additionalProperties",
        "minProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "anyOf",
    }
)


@dataclass(frozen=True)
class SchemaError:
    """One place where the data does not meet the schema."""

    path: tuple[Any, ...]  # keys and indexes from the root
    keyword: str  # the schema keyword that failed
    expected: Any  # that keyword's value in the schema
    instance: Any  # the offending value
    schema: dict[str, Any]  # the schema node that failed


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    # Stricter than JSON Schema (which takes 2.0 as an integer): amounts and counts are ints.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: True is not 1, 1 equals 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


class SchemaChecker:
    def __init__(self, root: dict[str, Any]):
        self.root = root

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {ref}")
            target = self.root["$defs"][ref.removeprefix("#/$defs/")]
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            node = {**target, **siblings} if siblings else target
        return node

    def errors(
        self, instance: Any, node: dict[str, Any] | None = None, path: tuple[Any, ...] = ()
    ) -> list[SchemaError]:
        node = self.resolve(self.root if node is None else node)
        out: list[SchemaError] = []

        def fail(keyword: str) -> None:
            out.append(SchemaError(path, keyword, node[keyword], instance, node))

        if "anyOf" in node:
            branches = [self.errors(instance, option, path) for option in node["anyOf"]]
            if all(branches):
                # Report what the value breaks, not that it is also not null.
                informative = [
                    b for b, option in zip(branches, node["anyOf"]) if self.resolve(option).get("type") != "null"
                ]
                if len(informative) == 1:
                    out.extend(informative[0])
                else:
                    fail("anyOf")
        if "type" in node:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            if not any(_TYPES[t](instance) for t in types):
                fail("type")
                return out  # the remaining keywords assume the right type
        if "enum" in node and not any(_equal(instance, e) for e in node["enum"]):
            fail("enum")
        if "const" in node and not _equal(instance, node["const"]):
            fail("const")
        if isinstance(instance, (int, float)) and not isinstance(instance, bool):
            if "minimum" in node and instance < node["minimum"]:
                fail("minimum")
            if "maximum" in node and instance > node["maximum"]:
                fail("maximum")
        if isinstance(instance, str):
            if "minLength" in node and len(instance) < node["minLength"]:
                fail("minLength")
            if "maxLength" in node and len(instance) > node["maxLength"]:
                fail("maxLength")
            if "pattern" in node and not _regex(node["pattern"]).search(instance):
                fail("pattern")
        if isinstance(instance, dict):
            props = node.get("properties", {})
            for key in node.get("required", ()):
                if key not in instance:
                    out.append(SchemaError(path, "required", key, instance, node))
            if node.get("additionalProperties") is False:
                extra = [k for k in instance if k not in props]
                if extra:
                    out.append(SchemaError(path, "additionalProperties", extra, instance, node))
            if "minProperties" in node and len(instance) < node["minProperties"]:
                fail("minProperties")
            for key, value in instance.items():
                if key in props:
                    out.extend(self.errors(value, props[key], path + (key,)))
        if isinstance(instance, list):
            if "minItems" in node and len(instance) < node["minItems"]:
                fail("minItems")
            if "maxItems" in node and len(instance) > node["maxItems"]:
                fail("maxItems")
            if node.get("uniqueItems") and any(_equal(a, b) for i, a in enumerate(instance) for b in instance[i + 1 :]):
                fail("uniqueItems")
            if "items" in node:
                for i, value in enumerate(instance):
                    out.extend(self.errors(value, node["items"], path + (i,)))
        return out


def unsupported_keywords(schema: Any) -> set[str]:
    """Keywords anywhere in a schema that this checker does not implement (for a test)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("properties", "$defs"):
                for sub in value.values():
                    found |= unsupported_keywords(sub)
                continue
            if key not in SUPPORTED_KEYWORDS:
                found.add(key)
            if key in ("items", "additionalProperties") and isinstance(value, dict):
                found |= unsupported_keywords(value)
            if key == "anyOf":
                for sub in value:
                    found |= unsupported_keywords(sub)
    return found
