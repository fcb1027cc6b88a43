from tools.import_cycles import path, sibling_edges, strongly_connected


def test_a_circle_of_modules_is_found_and_printed_from_its_first_member() -> None:
    edges = {"m.a": {"m.b"}, "m.b": {"m.c"}, "m.c": {"m.a", "m.d"}, "m.d": set()}
    assert strongly_connected(edges) == [["m.a", "m.b", "m.c"]]
    assert path(edges, ["m.a", "m.b", "m.c"]) == ["m.a", "m.b", "m.c", "m.a"]


def test_imports_that_only_point_one_way_form_no_cycle() -> None:
    assert strongly_connected({"m.a": {"m.b", "m.c"}, "m.b": {"m.c"}, "m.c": set()}) == []


def test_two_packages_importing_each_other_through_different_modules_are_a_cycle() -> None:
    # No two modules form a circle, yet the packages `p.x` and `p.y` each reach into the other.
    edges = {"p.x.one": {"p.y.two"}, "p.y.two": set(), "p.y.three": {"p.x.four"}, "p.x.four": set()}
    siblings = sibling_edges(edges, edges)
    assert strongly_connected(edges) == []
    assert strongly_connected(siblings["p"]) == [["p.x", "p.y"]]
