// Calendar arithmetic on day numbers: whole days since 1970-01-01 (UTC), the unit every
// date in the data layer is keyed by. Integers, so comparisons and differences are exact.

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date, or NaN if the date does not exist (2021-02-30). */
export function dayNumber(year: number, month: number, day: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** yyyy-mm-dd of a day number. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of an ISO date yyyy-mm-dd (strict), or NaN. */
export function parseIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
}

/** 0 = Monday ... 6 = Sunday (ISO 8601). 1970-01-01 was a Thursday (3). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Day number of the Monday that starts the week containing `day`. */
export function mondayOf(day: number): number {
  return day - weekday(day);
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
