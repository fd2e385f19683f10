"""Parse iCalendar samples (files given as arguments) with the icalendar package and check shape."""
import sys

import icalendar

failures = 0
for path in sys.argv[1:]:
    with open(path, "rb") as file:
        raw = file.read()
    try:
        assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n"), "CRLF line endings"
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines of at most 75 octets"
        raw.decode("utf-8")
        calendar = icalendar.Calendar.from_ical(raw)
        for name in ("PRODID", "VERSION", "METHOD", "X-WR-CALNAME"):
            assert calendar.get(name), f"calendar has {name}"
        events = list(calendar.walk("VEVENT"))
        recurring = [event for event in events if event.get("RRULE")]
        assert len(recurring) == 1, "one recurring event"
        # The sunscreen reminder: daily, with no end (the guidance says every day).
        rule = recurring[0]["RRULE"]
        assert rule["FREQ"] == ["DAILY"] and "UNTIL" not in rule and "COUNT" not in rule, "daily, no end"
        for name in ("DESCRIPTION", "X-WR-CALDESC"):
            assert str(calendar.get(name, "")), f"calendar has {name} (the provider-first statement)"
        alarms = list(calendar.walk("VALARM"))
        assert alarms and all(str(alarm["ACTION"]) == "DISPLAY" for alarm in alarms), "display alarms"
        uids = [str(event["UID"]) for event in events]
        assert len(set(uids)) == len(uids), "unique UIDs"
        for event in events:
            assert event.decoded("DTSTART").tzinfo is not None, "UTC start"
            assert str(event["SUMMARY"]), "a summary"
        assert calendar.to_ical() is not None
    except Exception as error:
        failures += 1
        print(f"INVALID {path}: {error!r}")
        continue
    print(f"valid {path}: {len(events)} events, {len(alarms)} alarms, name={calendar['X-WR-CALNAME']}")
sys.exit(1 if failures else 0)
