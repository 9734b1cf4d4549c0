"""A generation's named arrays (``indexer.arrays``): what is saved is read back,
memory-mapped, and a group with a file missing is no group (the lexicon, the texts,
the columns and the words each know what such a generation has instead)."""

from __future__ import annotations

import numpy as np
import pytest

from indexer import arrays
from indexer.index import store
from indexer.index.columns import load_lengths
from indexer.index.texts import load_texts, text_file_paths
from indexer.index.tokens import Tokens
from indexer.pinyin.lexicon import Lexicon

GROUP = {"terms": np.array(["一", "二三"], dtype="U4"), "counts": np.array([3, 1], dtype=np.int64)}


def test_saved_arrays_are_read_back_by_name_memory_mapped(tmp_path):
    arrays.save(tmp_path, "group-", GROUP)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["group-counts.npy", "group-terms.npy"]
    loaded = arrays.load(tmp_path, "group-", ("counts", "terms"))
    assert list(loaded) == ["counts", "terms"]  # in the order asked
    for name, array in GROUP.items():
        assert isinstance(loaded[name], np.memmap)
        assert loaded[name].dtype == array.dtype and loaded[name].tolist() == array.tolist()
    assert np.load(tmp_path / "group-counts.npy").tolist() == [3, 1]  # plain .npy files


@pytest.mark.parametrize("missing", ["terms", "counts"])
def test_a_group_with_a_file_missing_is_none(tmp_path, missing):
    arrays.save(tmp_path, "group-", GROUP)
    (tmp_path / f"group-{missing}.npy").unlink()
    assert arrays.load(tmp_path, "group-", GROUP) is None
    assert arrays.load(tmp_path, "other-", GROUP) is None


def test_a_generation_without_a_group_has_what_stands_for_it(corpus_index_dir, tmp_path):
    """Without its lexicon, an empty one; without its words or text file, none; without
    its lengths' files, the lengths read from Whoosh."""
    generation = store.require_generation(corpus_index_dir)
    assert len(Lexicon.load(tmp_path).terms) == 0
    assert Tokens.load(tmp_path) is None and load_texts(tmp_path) is None
    lengths = load_lengths(generation)
    copy = tmp_path / generation.name
    copy.mkdir()
    for path in generation.iterdir():
        if not path.name.startswith("lengths-"):
            (copy / path.name).symlink_to(path)
    (copy / "lengths-words.npy").symlink_to(generation / "lengths-words.npy")  # one of three: none
    read = load_lengths(copy)
    assert not isinstance(read["exact"], np.memmap)
    assert {k: v.tolist() for k, v in read.items()} == {k: v.tolist() for k, v in lengths.items()}


def test_the_text_files_paths_are_its_files(corpus_index_dir):
    """What ``make bench`` sizes the text file by: every file of it, and only those."""
    generation = store.require_generation(corpus_index_dir)
    paths = text_file_paths(generation)
    assert all(p.exists() for p in paths)
    assert {p.name for p in paths} == {
        p.name for p in generation.iterdir() if p.name.startswith(("texts", "paragraph-"))
    }
