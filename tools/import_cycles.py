"""Fails (and prints each cycle) when modules of `src/` import each other in a circle, or sibling packages do.

Two levels, both read from grimp's graph (the one import-linter builds; imports under `TYPE_CHECKING` and inside
functions count too, since a cycle there is still two modules that cannot be understood one without the other):
- modules: `a` imports `b` and `b` (through any others) imports `a`;
- packages: two children of one package (say `application.guild` and `application.playback`) each importing
  something inside the other, the cycle a layered design forbids even when no two modules form one.

`ALLOWED` names the imports the package check leaves out on purpose, each with its reason; `make contracts` runs
this script.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Set

import grimp

# Imports left out of the package check for now, each with its reason (the same as import-linter's
# `ignore_imports` in pyproject.toml).
ALLOWED: dict[tuple[str, str], str] = {}


def strongly_connected(edges: Mapping[str, Set[str]]) -> list[list[str]]:
    """The groups of more than one node that reach each other (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    nodes = sorted(set(edges) | {target for targets in edges.values() for target in targets})
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def module_edges(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    return {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}


def sibling_edges(modules: Iterable[str], edges: Mapping[str, Set[str]]) -> dict[str, dict[str, set[str]]]:
    """For each package, which of its children import which (by any module inside them)."""
    by_package: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source in modules:
        for target in edges[source]:
            if (source, target) in ALLOWED:
                continue
            common = _common_prefix(source, target)
            if common is None:
                continue
            child_of_source = _child(common, source)
            child_of_target = _child(common, target)
            if child_of_source != child_of_target:
                by_package[common][child_of_source].add(child_of_target)
    return by_package


def _common_prefix(a: str, b: str) -> str | None:
    parts = []
    for x, y in zip(a.split("."), b.split("."), strict=False):
        if x != y:
            break
        parts.append(x)
    shorter = min(a.count("."), b.count("."))
    if not parts or len(parts) > shorter:  # one module is inside the other (a package and its child)
        return None
    return ".".join(parts)


def _is_package(module: str, edges: Mapping[str, Set[str]]) -> bool:
    return any(other.startswith(module + ".") for other in edges)


def _child(package: str, module: str) -> str:
    return package + "." + module[len(package) + 1 :].split(".")[0]


def path(edges: Mapping[str, Set[str]], group: list[str]) -> list[str]:
    """One circle through the group's first member, for the message (breadth-first, so a shortest one)."""
    start, members = group[0], set(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(edges.get(node, ())):
                if target == start:
                    circle = [node]
                    while circle[-1] != start:
                        circle.append(previous[circle[-1]])
                    return [*reversed(circle), start]
                if target in members and target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return group


def main() -> int:
    graph = grimp.build_graph("musicbot")
    edges = module_edges(graph)
    problems = [" -> ".join(path(edges, group)) for group in strongly_connected(edges)]
    for package, children in sorted(sibling_edges(graph.modules, edges).items()):
        for group in strongly_connected(children):
            if all(member in edges and not _is_package(member, edges) for member in group):
                continue  # modules only: reported above
            problems.append(f"(packages in {package}) " + " -> ".join(path(children, group)))
    if problems:
        print("import cycles in src/:", *problems, sep="\n  ")
        return 1
    print(f"no import cycles between the {len(edges)} modules of musicbot or their packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
