/**
 * `publishedAt` as content management systems send it, normalised to ISO 8601 in UTC
 * (`2026-11-30T10:00:00Z`). Accepted: ISO 8601 dates and date-times with `T` or a space between
 * date and time (`2026-11-30`, `2026-11-30T10:00:00+02:00`, `2026-11-30 10:00:00Z`), and RFC 822 /
 * 1123 / 2822 dates (`Mon, 30 Nov 2026 10:00:00 +0000`, as RSS feeds send them). A date or
 * date-time without a zone is UTC: WordPress's `date` field is local time without a zone, so send
 * `date_gmt` (or add the zone) when the site's clock is not UTC. Luxon parses and checks the
 * calendar (no 30 February, the weekday must match the date); the shape is checked here first,
 * because Luxon also accepts forms that are not dates (a time alone means "today").
 */
import { DateTime } from 'luxon';

/** The message every rejected `publishedAt` gets, with one example of each accepted form. */
export const PUBLISHED_AT_RULE =
  'must be a date such as 2026-11-30, 2026-11-30T10:00:00Z, 2026-11-30 10:00:00+02:00 or Mon, 30 Nov 2026 10:00:00 +0000 (no zone means UTC)';

/** Date, then optionally a time after `T` or one space, then optionally a zone. */
const ISO_SHAPE =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** Optional weekday, day, month name, year, time: RFC 822 and its successors. */
const RFC_SHAPE = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{2}:\d{2}/;

/** The instant `value` names, as `YYYY-MM-DDTHH:MM:SS[.sss]Z`; undefined when it is not a date. */
export function normalisePublishedAt(value: string): string | undefined {
  const text = value.trim();
  const parsed = parse(text);
  if (parsed === undefined || !parsed.isValid) {
    return undefined;
  }
  return parsed.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
}

function parse(text: string): DateTime | undefined {
  const iso = ISO_SHAPE.exec(text);
  if (iso !== null) {
    const [, date, time, zone] = iso;
    const canonical = time === undefined ? `${date}` : `${date}T${time}${zone ?? ''}`;
    return DateTime.fromISO(canonical, { zone: 'utc' });
  }
  if (RFC_SHAPE.test(text)) {
    return DateTime.fromRFC2822(text.replace(/\s+/g, ' '), { zone: 'utc' });
  }
  return undefined;
}
