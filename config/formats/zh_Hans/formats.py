# Chinese dates without leading zeros in the month: 9月5日, not 09月5日 (Django's own zh-hans uses m月).
MONTH_DAY_FORMAT = "n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
DATE_FORMAT = "Y年n月j日"
# The first input format is also how a form shows a date it already has: <input type="date"> only
# understands ISO dates, so it must come first (Django's zh-hans default, 2026/09/01, shows as blank).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
