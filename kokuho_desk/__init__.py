"""kokuho-desk (国保デスク): 国民健康保険料の滞納相談のためのデスクトップアプリ."""

__version__ = "0.1.0"
APP_ID = "kokuho-desk"
APP_NAME = "国保デスク"
