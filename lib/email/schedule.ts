// REPORT_CRON in words for the dashboard ("every Monday at 08:00 UTC"). Covers the usual shape of a
// weekly or daily schedule (fixed minute and hour, any day of month and month, days of week as numbers,
// ranges, lists or names); anything else is shown as the cron expression itself.

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function dayIndex(token: string): number | null {
  const lower = token.toLowerCase();
  if (/^[0-7]$/.test(lower)) return Number(lower) % 7;
  const i = NAMES.indexOf(lower.slice(0, 3));
  return lower.length === 3 && i >= 0 ? i : null;
}

function days(field: string): string | null {
  if (field === "*") return "every day";
  const out: number[] = [];
  for (const part of field.split(",")) {
    const range = part.split("-");
    if (range.length === 1) {
      const d = dayIndex(part);
      if (d === null) return null;
      out.push(d);
    } else if (range.length === 2) {
      const [from, to] = [dayIndex(range[0]!), dayIndex(range[1]!)];
      if (from === null || to === null) return null;
      const end = range[1] === "7" ? 7 : to;
      if (end < from) return null;
      for (let d = from; d <= end; d++) out.push(d % 7);
    } else return null;
  }
  const names = [...new Set(out)].map((d) => DAYS[d]!);
  if (names.length === 1) return `every ${names[0]}`;
  return `every ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function describeSchedule(cron: string, tz: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 5) {
    const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
    if (/^\d{1,2}$/.test(minute) && /^\d{1,2}$/.test(hour) && Number(minute) < 60 && Number(hour) < 24 && dom === "*" && month === "*") {
      const when = days(dow);
      if (when) return `${when} at ${hour.padStart(2, "0")}:${minute.padStart(2, "0")} ${tz}`;
    }
  }
  return `on the schedule “${cron}” (${tz})`;
}
