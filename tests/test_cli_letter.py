"""`kokuho-desk letter`: one case, a batch (集団申請), case numbers from the store, and bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kokuho_desk.cli import main
from kokuho_desk.model.casefile import case_from_dict
from kokuho_desk.model.wareki import format_wareki
from kokuho_desk.store import open_store
from tests.letters.helpers import CASE, pdf_text


@pytest.fixture
def files(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(CASE, ensure_ascii=False), encoding="utf-8")
    other = json.loads(json.dumps(CASE))
    other["members"][0]["name"] = "見本 花子"
    b.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    return a, b


def test_list_names_every_fixed_kind(capsys):
    """Ensure `letter --list` prints each KIND id with its Japanese title."""
    assert main(["letter", "--list"]) == 0
    out = capsys.readouterr().out
    for kind in (
        "special-care-benefit",
        "copayment-relief",
        "enforcement-suspension",
        "premium-relief",
        "realization-deferral",
        "seizure-release",
        "certificate",
        "premium-statement",
        "consultation-record",
    ):
        assert f"{kind}\t" in out
    assert "相談記録票" in out


def test_one_case_file_makes_one_pdf(tmp_path, files):
    """Ensure `letter KIND FILE -o OUT --date` writes the PDF with the name and the 申請日 in 和暦
    (without --date the 申請日 is left for the client: 「令和　年　月　日」)."""
    out = tmp_path / "x.pdf"
    assert (
        main(
            [
                "--db",
                str(tmp_path / "t.db"),
                "letter",
                "copayment-relief",
                str(files[0]),
                "-o",
                str(out),
                "--date",
                "2026-12-04",
            ]
        )
        == 0
    )
    text = pdf_text(out.read_bytes())
    assert "山田太郎" in text and format_wareki(date(2026, 12, 4)) in text
    assert main(["--db", str(tmp_path / "t.db"), "letter", "copayment-relief", str(files[0]), "-o", str(out)]) == 0
    assert "令和年月日" in pdf_text(out.read_bytes())


def test_batch_makes_one_pdf_per_case(tmp_path, files):
    """Ensure several sources (集団申請) give one PDF per case in the output folder."""
    folder = tmp_path / "out"
    assert main(["--db", str(tmp_path / "t.db"), "letter", "premium-relief", *map(str, files), "-o", str(folder)]) == 0
    pdfs = sorted(folder.glob("premium-relief-?.pdf"))
    assert [p.name for p in pdfs] == ["premium-relief-a.pdf", "premium-relief-b.pdf"]
    assert (folder / "premium-relief-まとめ.pdf").exists()
    assert "見本花子" in pdf_text(pdfs[1].read_bytes())


def test_case_number_is_recorded_in_log_and_audit(tmp_path):
    """Ensure a letter made for a stored case is added to its log (kind, date) and to the audit trail."""
    db = tmp_path / "t.db"
    with open_store(db) as store:
        case_id = store.create(case_from_dict(CASE))
    out = tmp_path / "s.pdf"
    assert main(["--db", str(db), "letter", "special-care-benefit", str(case_id), "-o", str(out)]) == 0
    assert "山田太郎" in pdf_text(out.read_bytes())
    with open_store(db) as store:
        log = store.get(case_id).log
        audit = store.audit_log(case_id)
    assert log[-1].kind == "letter" and log[-1].entry_date == date.today()
    assert "special-care-benefit" in log[-1].note
    assert any(a.action == "letter" and a.detail.startswith("special-care-benefit") for a in audit)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["letter", "no-such-kind", "{a}"], "という書類はありません"),
        (["letter", "copayment-relief", "{missing}"], "ケースファイルを読めません"),
        (["letter", "copayment-relief", "{a}", "--font", "{missing}"], "指定された日本語フォントが使えません"),
        (["letter", "copayment-relief", "99"], "ケース番号 99"),
        (["letter", "copayment-relief"], "書類の種類とケース"),
    ],
)
def test_bad_input_exits_2_with_japanese_message(tmp_path, files, capsys, argv, message):
    """Ensure bad kinds, files, fonts and case numbers exit 2 with a Japanese message and no PDF."""
    argv = [a.format(a=files[0], missing=tmp_path / "missing.json") for a in argv]
    assert main(["--db", str(tmp_path / "t.db"), *argv, "-o", str(tmp_path / "x.pdf")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_bad_file_in_batch_writes_nothing(tmp_path, files, capsys):
    """Ensure one unreadable case in a batch stops it before any letter is written."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kokuho-desk/case-1"}', encoding="utf-8")
    folder = tmp_path / "out"
    assert (
        main(["--db", str(tmp_path / "t.db"), "letter", "certificate", str(files[0]), str(bad), "-o", str(folder)]) == 2
    )
    assert not folder.exists() or not list(folder.iterdir())
