"""The forms in forms/ are valid, documented, and bad forms are refused in Japanese."""

from __future__ import annotations

import shutil

import pytest

from kokuho_desk import paths
from kokuho_desk.letters.context import CHOICES, FACTS, FIELDS, LISTS, TABLES
from kokuho_desk.letters.templates import BLOCKS, STYLE_FILE, TemplateError, load_forms, shipped_forms

README = (paths.FORMS / "README.md").read_text(encoding="utf-8")

GOOD = """kind = "x"
title = "テスト申請書"
description = "テスト"
order = 1
audience = "office"
basis = ["国民健康保険法第44条"]

[[blocks]]
type = "text"
text = "{head_name}は申請します。"
"""


@pytest.fixture
def folder(tmp_path):
    shutil.copy(paths.FORMS / STYLE_FILE, tmp_path / STYLE_FILE)
    return tmp_path


def _load(folder, text: str):
    (folder / "x.toml").write_text(text, encoding="utf-8")
    return load_forms(folder)


def test_shipped_forms_load():
    """Ensure every shipped form is valid and its kind matches its file."""
    forms = shipped_forms()
    assert len(forms) >= 9
    assert all(f.path.stem == kind for kind, f in forms.items())


def test_good_form_loads(folder):
    """Ensure a minimal well-formed form loads with the shared style."""
    form = _load(folder, GOOD)["x"]
    assert form.style["left_mm"] >= 25 and form.blocks[0].type == "text"


@pytest.mark.parametrize(
    "change, message",
    [
        (('text = "{head_name}', 'text = "{head_nam}'), "差し込み項目「{head_nam}」はありません"),
        (("order = 1", 'order = 1\ncolour = "red"'), "「colour」という項目はありません"),
        (('kind = "x"', 'kind = "y"'), "ファイル名（x）と同じ"),
        (('audience = "office"', 'audience = "city"'), "office か client"),
        (('type = "text"', 'type = "poem"'), "「poem」はありません"),
        (("order = 1", 'order = "1"'), "order: 整数で書いてください"),
        (('title = "テスト申請書"', 'title = "{fiscal_year}申請書"'), "表題に使える差し込み項目は levy だけです"),
        (
            ('type = "text"\ntext = "{head_name}は申請します。"', 'type = "list"\nsource = "reasons"'),
            "判定・助言なので、市町村に出す書類には載せられません",
        ),
        (('text = "{head_name}は申請します。"', 'text = "判定: {verdict}"'), "「verdict」は判定・助言なので"),
        (
            (
                'type = "text"\ntext = "{head_name}は申請します。"',
                'type = "statement"\nsentences = [[["rich"], "{head_name}は裕福です"]]',
            ),
            "事実「rich」はありません",
        ),
        (('申請します。"', '申請します。"\n[layout]\nleft_mm = 10'), "左余白は25mm以上"),
        (
            ('text = "{head_name}は申請します。"', 'source = "members"\ncolumns = ["name", "shoe_size"]'),
            "「source」という項目はありません",
        ),
        (
            (
                'type = "text"\ntext = "{head_name}は申請します。"',
                'type = "table"\nsource = "members"\ncolumns = ["shoe"]',
            ),
            "「shoe」という列はありません",
        ),
        (
            ('type = "text"\ntext = "{head_name}は申請します。"', 'type = "list"\nsource = "gossip"'),
            "「gossip」は使えません",
        ),
        (('text = "{head_name}', 'text = "{head_name'), "波かっこ"),
        (("order = 1", "order = 1\n[[[x"), "TOMLとして読めません"),
    ],
)
def test_bad_form_is_refused_in_japanese(folder, change, message):
    """Ensure a malformed form raises TemplateError with a Japanese message naming the problem."""
    old, new = change
    assert old in GOOD
    with pytest.raises(TemplateError) as err:
        _load(folder, GOOD.replace(old, new))
    assert message in str(err.value)
    assert "x.toml" in str(err.value)


@pytest.mark.parametrize(
    "name",
    [f"`{{{k}}}`" for k in FIELDS]
    + [f"`{k}`" for k in [*LISTS, *TABLES, *CHOICES, *FACTS]]
    + [f"`{c}`" for cols in TABLES.values() for c in cols]
    + [f"`{b}`" for b in BLOCKS],
)
def test_every_name_is_documented(name):
    """Ensure forms/README.md documents every placeholder, list, table, column, choice and block type."""
    assert name in README
