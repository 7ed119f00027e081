# Chinese dates without leading zeros in the month: 9月5日, not 09月5日 (Django's own zh-hans uses m月).
MONTH_DAY_FORMAT = "n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
DATE_FORMAT = "Y年n月j日"
