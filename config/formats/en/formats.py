# English dates and times as the app writes them: a 24-hour clock, so that a time never ends in "a.m." and a
# sentence ending with one never shows "a.m.." (the rest follows Django's English formats).
DATETIME_FORMAT = "N j, Y, H:i"
TIME_FORMAT = "H:i"
