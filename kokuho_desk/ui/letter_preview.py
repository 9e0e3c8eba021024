"""The letter on screen (QtPdf), to print (QPrintDialog) or save as a PDF file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from kokuho_desk import APP_NAME
from kokuho_desk.safe_output import OutputRefused, write_output

PRINT_DPI = 300


class LetterPreview(QDialog):
    def __init__(self, pdf: bytes, *, suggested_name: str = "letter.pdf", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("書類のプレビュー")
        self.pdf = pdf
        self.suggested_name = suggested_name
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton("印刷…")
        self.save_button = QPushButton("名前を付けて保存…")
        close_button = QPushButton("閉じる")
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        box = QVBoxLayout(self)
        box.addWidget(self.view, 1)
        box.addLayout(buttons)
        self.resize(820, 720)
        self.print_button.setDefault(True)

    def save_to(self, path: str | Path) -> None:
        write_output(path, self.pdf)  # never through a link; a new file is 0600

    def save_dialog(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, "書類を保存", self.suggested_name, "PDF (*.pdf)")
        if not path:
            return
        try:
            self.save_to(path)
        except OutputRefused as e:
            QMessageBox.warning(self, APP_NAME, str(e))
        except OSError as e:
            QMessageBox.warning(self, APP_NAME, f"保存できませんでした: {path}\n{e.strerror}")

    def print_to(self, printer: QPrinter) -> None:
        """Draw every page on ``printer``, each scaled to the printable area."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("プリンターを使えません")
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = painter.viewport()
                points = self.document.pagePointSize(page)
                size = QSize(int(points.width() / 72 * PRINT_DPI), int(points.height() / 72 * PRINT_DPI))
                image = self.document.render(page, size)
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(target.x(), target.y(), image.scaled(scaled))
        finally:
            painter.end()

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.print_to(printer)
            except OSError as e:
                QMessageBox.warning(self, APP_NAME, str(e))
