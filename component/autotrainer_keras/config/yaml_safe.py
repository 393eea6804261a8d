"""Reading a YAML config with limits: no aliases, bounded size and nesting.

`yaml.safe_load` builds no objects from tags, but it expands aliases: a few hundred bytes of
`&a [...]`, `&b [*a, *a, ...]` make a structure of billions of nodes (the "billion laughs"
bomb) that exhausts memory wherever it lands. A config has no use for anchors and aliases,
so they are refused, as are files over `MAX_BYTES` and nesting deeper than `MAX_DEPTH`.
A key given twice in one mapping is refused too: PyYAML keeps the last one silently, so
`training: {epochs: 5}` followed by `training: {batch_size: 8}` would drop the 5 epochs.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode

MAX_BYTES = 1 << 20
"""Largest config file read (1 MiB; a full config is about 3 KB)."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and lists (a config needs 4)."""


class YamlLimitError(ValueError):
    """The YAML text is outside the limits (an alias, too large, too deep, a repeated key)."""


class LimitedLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses aliases and repeated keys and bounds the nesting depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            raise YamlLimitError(
                f"YAML aliases (*name) are not allowed in a config (line {mark.line + 1})"
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlLimitError(
                    f"YAML nested deeper than {MAX_DEPTH} levels (line {mark.line + 1})"
                )
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise YamlLimitError(
                    f"key {key_node.value!r} is given twice in one mapping "
                    f"(line {key_node.start_mark.line + 1}); give each key once"
                )
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def load_limited(text: str) -> Any:
    """Parse YAML `text` within the limits.

    Raises:
        YamlLimitError: The text is too large, nested too deep, or uses an alias.
        yaml.YAMLError: The text is not valid YAML.
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise YamlLimitError(f"larger than {MAX_BYTES // 1024} KiB")
    loader = LimitedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
