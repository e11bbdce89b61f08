"""A text cut into plain and highlighted runs (seed passages, article candidates)."""

from ecodash.text.segments import Segment, cut


def test_runs_and_the_plain_text_between_them_rebuild_the_text():
    text = "Le Zhejiang vise 30 % d'ici 2030."
    runs = [(17, 21, 1, "accepted"), (28, 32, 2, "rejected")]
    pieces = cut(text, runs)
    assert "".join(piece.text for piece in pieces) == text
    assert pieces == [
        Segment("Le Zhejiang vise "),
        Segment("30 %", 1, "accepted"),
        Segment(" d'ici "),
        Segment("2030", 2, "rejected"),
        Segment("."),
    ]


def test_a_run_at_either_edge_leaves_no_empty_plain_segment():
    assert cut("abc", [(0, 3, 1, ("facts", "x"))]) == [Segment("abc", 1, ("facts", "x"))]
    assert cut("abc", []) == [Segment("abc")]
    assert cut("", []) == []
