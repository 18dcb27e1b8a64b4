// Calendar files (RFC 5545): one all-day event per date, each with a
// reminder (VALARM) some days before at 9:00. No DOM here.

const utf8 = new TextEncoder();
// text is a TEXT value (RFC 5545, 3.3.11): control characters other than
// tab removed, backslash, semicolon and comma escaped, each line end
// (CRLF, LF or a bare CR) written as \n. Exported for the tests.
export const text = s => String(s).replace(/\r\n?|\n/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "")
  .replace(/[\\;,]/g, "\\$&").replace(/\n/g, "\\n");

// fold splits a line into pieces of at most 75 octets (UTF-8), as RFC 5545
// requires; a continuation starts with a space.
export const fold = (line) => {
  const parts = [];
  let part = "", size = 0;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(part);
      part = "";
      size = 0;
    }
    part += ch;
    size += n;
  }
  return parts.concat(part).join("\r\n ");
};

// ics returns the calendar: events [{date: "YYYY-MM-DD", title, about}],
// uid (unique per draft), lang, stamp (a Date) and alarm (days before; 0
// for none).
export const ics = ({ events, uid, lang, stamp, alarm }) => {
  const now = stamp.toISOString().replace(/[-:]|\.\d+/g, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gesprekswijzer//Form//" + lang.toUpperCase(), "METHOD:PUBLISH"];
  events.forEach(({ date, title, about }, i) => {
    // A DTSTART that is a date and no DTEND: an event of that whole day.
    lines.push("BEGIN:VEVENT", `UID:${uid}-${i}@gesprekswijzer.invalid`, "DTSTAMP:" + now,
      "DTSTART;VALUE=DATE:" + date.replace(/-/g, ""), "SUMMARY:" + text(title), "DESCRIPTION:" + text(about));
    // The day starts at 0:00: a reminder n days before at 9:00 is n-1
    // days and 15 hours before it.
    if (alarm > 0) lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + text(title), `TRIGGER:-P${alarm > 1 ? alarm - 1 + "D" : ""}T15H`, "END:VALARM");
    lines.push("END:VEVENT");
  });
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
};
