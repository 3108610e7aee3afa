"""Parent organisations form a tree: a chain of parents must never come back to its start."""

from collections.abc import Mapping


def parent_loop(name: str, parents: Mapping[str, str]) -> list[str] | None:
    """The names around the loop through ``name`` (``[A, B, A]``), or None when there is none."""
    chain = [name]
    seen = {name}
    current = parents.get(name, "")
    while current:
        chain.append(current)
        if current == name:
            return chain
        if current in seen:
            return None  # a loop further up, reported for its own members
        seen.add(current)
        current = parents.get(current, "")
    return None
