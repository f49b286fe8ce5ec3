// Name conventions for column roles, from the tools whose files we read:
// Robyn (dt_simulated_weekly: *_S spend, *_I impressions, *_P clicks, *_B context),
// PyMC-Marketing (mmm_example: date_week, y, x1.., event_*, t), Meridian (*_spend,
// *_impression, *_control), and common export names.
import type { Measure } from './types';

/** Lower-case name tokens: "Facebook_Spend" → ["facebook", "spend"]. */
export function tokens(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export const DATE_NAMES = new Set(['date', 'ds', 'time', 'week', 'date_week', 'week_start', 'week_starting', 'week_date', 'period', 'day', 'dt', 'datetime', 'timestamp', 'wk', 'week_of', 'date_day', 'month_start']);

export function isDateName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return DATE_NAMES.has(n) || tokens(n).includes('date');
}

/** Target names, best first. */
const TARGETS = ['y', 'target', 'dep_var', 'revenue', 'sales', 'total_sales', 'net_sales', 'kpi', 'conversions', 'orders', 'gmv', 'turnover', 'bookings', 'signups', 'leads', 'installs'];
const TARGET_WORDS = new Set(['revenue', 'sales', 'kpi', 'conversions', 'orders', 'gmv', 'turnover', 'bookings']);

/** Words that make a column context, not the outcome or a channel. */
const CONTROL_WORDS = new Set(['competitor', 'competition', 'price', 'pricing', 'discount', 'promo', 'promotion', 'event', 'events', 'holiday', 'holidays', 'dummy', 'index', 'temperature', 'weather', 'rain', 'covid', 'lockdown', 'trend', 'control', 'macro', 'gdp', 'unemployment', 'cpi', 'inflation', 'stock', 'distribution', 'newsletter', 'organic', 'seasonality', 'black', 'friday', 'launch', 'outage', 'strike']);

/**
 * Rank of a target name (lower is better), or -1. Context columns like Robyn's
 * competitor_sales_B are not targets even though they contain "sales".
 */
export function targetRank(name: string): number {
  const n = name.trim().toLowerCase();
  const exact = TARGETS.indexOf(n);
  if (exact >= 0) return exact;
  const t = tokens(n);
  if (t.some((w) => CONTROL_WORDS.has(w)) || /_(b|control)$/.test(n)) return -1;
  return t.some((w) => TARGET_WORDS.has(w)) ? TARGETS.length + t.length : -1;
}

export function isControlName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return n === 't' || /_(b|control)$/.test(n) || tokens(n).some((w) => CONTROL_WORDS.has(w));
}

/**
 * Calendar features the model builds itself (yearly Fourier) or that merely index rows.
 * Consulted only for columns not chosen as the date (a numeric "week" 1..52 is an index).
 */
const CALENDAR = new Set(['week', 'wk', 'day', 'dayofyear', 'day_of_year', 'doy', 'weekofyear', 'week_of_year', 'woy', 'week_number', 'weeknum', 'month', 'year', 'quarter', 'weekday', 'dow', 'day_of_week', 'dayofweek', 'index', 'id', 'row', 'unnamed_0', 'unnamed: 0', '']);

export function isCalendarName(name: string): boolean {
  return CALENDAR.has(name.trim().toLowerCase());
}

const MEDIA_WORDS = new Set([
  'tv', 'television', 'radio', 'search', 'sem', 'ppc', 'social', 'display', 'video', 'ctv', 'ott', 'youtube', 'facebook', 'fb', 'meta', 'instagram', 'google', 'bing', 'tiktok', 'snapchat', 'pinterest', 'linkedin', 'twitter', 'reddit', 'ooh', 'dooh', 'outdoor', 'print', 'newspaper', 'magazine', 'podcast', 'audio', 'spotify', 'affiliate', 'affiliates', 'programmatic', 'dv360', 'amazon', 'influencer', 'influencers', 'sponsorship', 'cinema', 'mail', 'directmail', 'native', 'banner', 'retargeting', 'media', 'paid', 'ads', 'adwords',
]);

const MEASURE_SUFFIX: Array<[RegExp, Measure]> = [
  [/^(.+?)[_ .-]?(s|spend|spends|cost|costs|spent|budget|investment)$/i, 'spend'],
  [/^(.+?)[_ .-]?(i|impr|imps|impression|impressions|views|grp|grps)$/i, 'impressions'],
  [/^(.+?)[_ .-]?(p|clicks|click)$/i, 'clicks'],
];

/**
 * A channel column: its channel name and what it measures, with the rule that matched, or
 * null. Robyn's one-letter suffixes need the underscore ("tv_S"); words may be glued
 * ("tvSpend", "spend_tv").
 */
export function channelOf(name: string): { channel: string; measure: Measure; rule: string } | null {
  const n = name.trim();
  if (/^x\d+$/i.test(n)) return { channel: n, measure: 'spend', rule: 'x1, x2, ... (PyMC-Marketing example channels)' };
  const pre = /^(spend|cost|impressions|clicks)[_ .-](.+)$/i.exec(n);
  if (pre) {
    const m = pre[1].toLowerCase();
    return { channel: pre[2], measure: m === 'impressions' ? 'impressions' : m === 'clicks' ? 'clicks' : 'spend', rule: `${m}_<channel>` };
  }
  for (const [re, measure] of MEASURE_SUFFIX) {
    const m = re.exec(n);
    if (!m) continue;
    const oneLetter = m[2].length === 1;
    if (oneLetter && !new RegExp(`_${m[2]}$`).test(n)) continue;
    if (oneLetter && m[2] !== m[2].toUpperCase()) continue;
    // Robyn's "search_clicks_P": the channel is "search".
    const channel = m[1].replace(/[_ .-](clicks|impressions|spend)$/i, '');
    if (isControlName(channel) || channel === '') continue;
    return { channel, measure, rule: oneLetter ? `*_${m[2]} (Robyn: ${measure})` : `*_${m[2].toLowerCase()} (${measure})` };
  }
  if (tokens(n).some((w) => MEDIA_WORDS.has(w)) && !isControlName(n)) {
    return { channel: n, measure: 'spend', rule: 'a media name; read as its spend' };
  }
  return null;
}
