"""The law data is parsed once and cached (parsed_cache.py): the cache gives exactly what parsing
gives, and is rebuilt when a file changes or the cache file is corrupt (issue 21.4)."""

import marshal
import shutil
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from kokuho_desk import parsed_cache, paths
from kokuho_desk.rules import params

load_all = params.load_all.__wrapped__  # the per-process memo bypassed: every call reads the files


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of the test's own; returns the law cache file in it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KOKUHO_DESK_CACHE_DIR", str(folder))
    return folder / "law.marshal"


@pytest.fixture
def rules(tmp_path):
    """A copy of resources/rules the test may edit."""
    root = tmp_path / "rules"
    shutil.copytree(paths.RULES, root)
    return root


def _parse_fresh(root):
    fresh = {}
    for path in sorted(root.rglob("*.toml")):
        fresh.update(params._parse_file(path, root))
    return fresh


def _no_parsing(monkeypatch):
    def refuse(*_):
        raise AssertionError("parsed although the cache was valid")

    monkeypatch.setattr(params, "_parse", refuse)


def test_cached_law_equals_a_fresh_parse(cache, monkeypatch):
    """Ensure every parameter of every law file, each value with its dates, status and source, is the
    same read from the cache as parsed from the TOML."""
    fresh = _parse_fresh(paths.RULES)
    built = load_all(paths.RULES)
    assert cache.is_file()
    _no_parsing(monkeypatch)
    from_cache = load_all(paths.RULES)
    assert len(fresh) > 100
    assert from_cache == fresh == built
    # the values keep their types (a dataclass compares 305000 == 305000.0 as equal)
    for pid, parameter in fresh.items():
        for cached, parsed in zip(from_cache[pid].values, parameter.values, strict=True):
            assert type(cached.value) is type(parsed.value), pid


def test_editing_a_law_file_rebuilds_the_cache(cache, rules):
    """Ensure a changed figure is read at once: 基礎控除 43万円 (地方税法施行令第56条の89) edited
    to 44万円 in a copy of the data gives 440,000."""
    on = date(2026, 6, 1)
    assert load_all(rules)["statutory_reduction.base_amount"].at(on).value == 430000
    path = rules / "statutory_reduction.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("value = 430000") == 1
    path.write_text(text.replace("value = 430000", "value = 440000"), encoding="utf-8")
    assert load_all(rules)["statutory_reduction.base_amount"].at(on).value == 440000


def test_adding_and_removing_a_law_file_rebuilds_the_cache(cache, rules):
    """Ensure a new file's parameters appear and a removed file's disappear."""
    (rules / "probe.toml").write_text(
        '[figure]\ndescription = "試験"\nunit = "yen"\n\n[[figure.values]]\nfrom = 2026-04-01\n'
        'value = 1234\nstatus = "verified"\nsource = "試験用"\n',
        encoding="utf-8",
    )
    assert load_all(rules)["probe.figure"].at(date(2026, 12, 4)).value == 1234
    (rules / "probe.toml").unlink()
    assert "probe.figure" not in load_all(rules)


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps("a string"), marshal.dumps(("wrong key", []))],
    ids=["empty", "garbage", "wrong-shape", "other-key"],
)
def test_a_corrupt_cache_file_is_rebuilt(cache, content):
    """Ensure a cache file that is empty, not marshal data, of the wrong shape or of other files is
    ignored, the law parsed, and the file replaced by a valid one."""
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    assert load_all(paths.RULES) == _parse_fresh(paths.RULES)
    key = parsed_cache.content_key(parsed_cache.read_sources(paths.RULES), params.LOADER_VERSION)
    assert parsed_cache.load("law", key) is not None


def test_a_damaged_cache_file_is_never_read_as_other_figures(cache):
    """Ensure one flipped bit anywhere in a valid cache file (a figure's digits included) makes it
    ignored: the law is parsed again, never taken from the damaged copy."""
    fresh = _parse_fresh(paths.RULES)
    load_all(paths.RULES)
    good = cache.read_bytes()
    for at in (0, 70, len(good) // 2, len(good) - 1):  # key, payload digest, payload
        damaged = bytearray(good)
        damaged[at] ^= 0x01
        cache.write_bytes(bytes(damaged))
        assert load_all(paths.RULES) == fresh
        assert cache.read_bytes() == good  # rebuilt


def test_a_cache_of_the_right_key_but_broken_content_is_rebuilt(cache):
    """Ensure a cache file under the current key whose content is not the parsed form is rebuilt."""
    key = parsed_cache.content_key(parsed_cache.read_sources(paths.RULES), params.LOADER_VERSION)
    parsed_cache.save("law", key, [("only an id",)])
    assert load_all(paths.RULES) == _parse_fresh(paths.RULES)
    assert parsed_cache.load("law", key) != [("only an id",)]


def test_an_unwritable_cache_folder_only_means_parsing(tmp_path, monkeypatch):
    """Ensure the law loads when the cache folder cannot be created (a file stands in its place)."""
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("KOKUHO_DESK_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert load_all(paths.RULES)["statutory_reduction.base_amount"].at(date(2026, 6, 1)).value == 430000


def test_a_broken_law_file_is_reported_and_not_cached(cache, rules):
    """Ensure a law file that is not TOML still raises the Japanese ParameterError and caches nothing."""
    (rules / "broken.toml").write_text("[figure\n", encoding="utf-8")
    with pytest.raises(params.ParameterError, match="broken.toml: TOMLとして読めません"):
        load_all(rules)
    assert not cache.exists()


def test_dates_and_times_inside_values_survive_the_cache():
    """Ensure dates, datetimes and times nested in tables and lists come back as they were."""
    value = {
        "days": [date(2026, 4, 1), date(2027, 3, 31)],
        "at": datetime(2026, 12, 4, 9, 30, tzinfo=timezone(timedelta(hours=9))),
        "open": time(8, 45),
        "n": [1, "2.5", True, {"x": None}],
    }
    plain = parsed_cache.to_plain(value)
    assert parsed_cache.from_plain(marshal.loads(marshal.dumps(plain))) == value
    assert parsed_cache.to_plain({"n": [1, 2]}) == {"n": [1, 2]}  # plain data is kept as it is


def _parse_toml_fresh(root, recursive=True):
    import tomllib

    found = root.rglob("*.toml") if recursive else root.glob("*.toml")
    return {p.relative_to(root).as_posix(): tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(found)}


@pytest.mark.parametrize(
    ("name", "root", "recursive"),
    [("master", paths.MASTER, True), ("profiles", paths.MUNICIPALITIES, False)],
)
def test_cached_master_list_and_profiles_equal_a_fresh_parse(cache, monkeypatch, name, root, recursive):
    """Ensure the 1,741 municipalities of the master list and every rate profile read from the cache
    are exactly what tomllib parses from the files (the second read parses nothing)."""
    import tomllib

    fresh = _parse_toml_fresh(root, recursive)
    assert parsed_cache.toml_files(name, root, recursive=recursive) == fresh
    assert (cache.parent / f"{name}.marshal").is_file()
    monkeypatch.setattr(tomllib, "loads", lambda *_: pytest.fail("parsed although the cache was valid"))
    assert parsed_cache.toml_files(name, root, recursive=recursive) == fresh
    if name == "master":
        assert len(fresh["municipalities.toml"]["municipalities"]) == 1741


def test_editing_a_profile_rebuilds_the_cache(cache, tmp_path):
    """Ensure a changed rate in a copy of the profiles is read at once, and a profile that is no
    longer TOML is named in the Japanese error."""
    from kokuho_desk.rules import municipality

    root = tmp_path / "municipalities"
    shutil.copytree(paths.MUNICIPALITIES, root)
    profiles = municipality._all.__wrapped__
    before = profiles(root)["sakai"].name
    path = root / "sakai.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'name = "{before}"', 'name = "堺市（試験）"', 1), encoding="utf-8")
    assert profiles(root)["sakai"].name == "堺市（試験）"
    path.write_text("[years\n", encoding="utf-8")
    with pytest.raises(municipality.ProfileError, match="sakai.toml: TOMLとして読めません"):
        profiles(root)


def test_the_cache_folder_is_the_users_cache_folder_unless_given(tmp_path, monkeypatch):
    """Ensure the cache lives in the folder given by KOKUHO_DESK_CACHE_DIR, else in the system's user
    cache folder for the app, the same one platformdirs names (found without importing it)."""
    import platformdirs

    monkeypatch.setenv("KOKUHO_DESK_CACHE_DIR", str(tmp_path / "given"))
    assert paths.cache_dir() == tmp_path / "given"
    monkeypatch.delenv("KOKUHO_DESK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir("kokuho-desk", appauthor=False))


def test_sources_are_every_toml_file_in_path_order(tmp_path):
    """Ensure read_sources gives the *.toml files (subfolders too unless told not) by relative POSIX path,
    ordered as Paths sort — by folder, so a/b.toml before a-b.toml — with their bytes, as rglob finds them."""
    for relative in ["a-b.toml", "a/b.toml", "a/c/d.toml", "z.toml", "a/notes.txt", "b.toml.bak", ".hidden.toml"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(relative.encode())
    (tmp_path / "empty").mkdir()
    assert list(parsed_cache.read_sources(tmp_path)) == [".hidden.toml", "a/b.toml", "a/c/d.toml", "a-b.toml", "z.toml"]
    assert parsed_cache.read_sources(tmp_path, recursive=False) == {
        ".hidden.toml": b".hidden.toml",
        "a-b.toml": b"a-b.toml",
        "z.toml": b"z.toml",
    }
    for root in (tmp_path, paths.RESOURCES):
        by_rglob = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.toml"))}
        assert list(parsed_cache.read_sources(root).items()) == list(by_rglob.items())


def test_the_cache_digests_with_hashlibs_own_blake2b():
    """Ensure the cache's digest is hashlib.blake2b itself (taken from the built-in module hashlib takes it
    from, so that a check need not import hashlib), as a 256-bit digest of the files named and read."""
    import hashlib
    import sys

    from kokuho_desk import __version__

    assert parsed_cache.blake2b is hashlib.blake2b
    sources = {"a.toml": b"x = 1\n", "b/c.toml": b"y = 2\n"}
    expected = hashlib.blake2b(digest_size=32)
    expected.update(f"v1\0{__version__}\0{sys.version_info[:2]}\0".encode())
    for relative, data in sources.items():
        expected.update(relative.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    assert parsed_cache.content_key(sources, "v1") == expected.hexdigest()
    assert len(expected.hexdigest()) == 64
