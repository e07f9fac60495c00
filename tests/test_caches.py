"""Corrupt caches are discarded with a notice and rebuilt, never fatal (issue 23, class 9)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from koordineringsbasen.load import loader
from koordineringsbasen.render import template_cache
from tests.support import FIXTURE_SEEDS


def _jinja(cache: Path, monkeypatch: pytest.MonkeyPatch) -> jinja2.Environment:
    monkeypatch.setenv("KOORDINERINGSBASEN_CACHE", str(cache))
    bcc = template_cache.bytecode_cache()
    assert isinstance(bcc, template_cache.TolerantBytecodeCache)
    loader_ = jinja2.DictLoader({"side.html": "{% for i in items %}<b>{{ i }}</b>{% endfor %}"})
    return jinja2.Environment(loader=loader_, bytecode_cache=bcc, autoescape=True)


MAGIC = len(jinja2.bccache.bc_magic)


@pytest.mark.parametrize("damage, notice", [
    (lambda raw: raw[:MAGIC + 3], True),  # cut inside the checksum (pickled): UnpicklingError
    (lambda raw: raw[:MAGIC] + b"\x80\x04\x95garbage", True),  # garbage where the checksum is
    (lambda raw: raw[:MAGIC], True),  # nothing after the header: EOFError
    (lambda raw: raw[:len(raw) - 9], False),  # cut inside the code: Jinja's own miss
    (lambda raw: raw[:4], False),  # cut inside the header: another version, a miss
    (lambda raw: b"\x00" * len(raw), False),
])
def test_a_damaged_template_cache_file_is_never_fatal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        damage, notice: bool) -> None:  # type: ignore[no-untyped-def]
    assert _jinja(tmp_path, monkeypatch).get_template("side.html").render(items=[1]) == "<b>1</b>"
    (entry,) = (tmp_path / "jinja").glob("__jinja2_*.cache")
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    capsys.readouterr()
    # A fresh environment (as every mkdocs build makes one) reads the damaged file.
    assert _jinja(tmp_path, monkeypatch).get_template("side.html").render(items=[2, 3]) == \
        "<b>2</b><b>3</b>"
    err = capsys.readouterr().err
    assert ("skabelon-cachen" in err and "er kasseret" in err) == notice, err
    assert entry.read_bytes() == good  # compiled and written again, whole


@pytest.mark.parametrize("cut", [73, 100, -3])
def test_a_truncated_data_cache_is_discarded_with_a_notice(
        fixture_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cut: int) -> None:
    expected = loader.load_catalog(fixture_data, FIXTURE_SEEDS, cache_dir=tmp_path)
    (pack,) = tmp_path.glob("data-*.pickle")
    pack.write_bytes(pack.read_bytes()[:cut])
    capsys.readouterr()
    assert loader.load_catalog(fixture_data, FIXTURE_SEEDS, cache_dir=tmp_path) == expected
    assert "datacachen" in capsys.readouterr().err
    assert loader.load_catalog(fixture_data, FIXTURE_SEEDS, cache_dir=tmp_path) == expected
    assert capsys.readouterr().err == ""  # saved again, whole
