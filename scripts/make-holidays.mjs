// Builds public/holidays/holidays.json, the offline holiday calendar, from Robyn's copy of
// Prophet's holiday table (../shared/data/robyn/dt_prophet_holidays.csv: ds, holiday,
// country, year). Run: node scripts/make-holidays.mjs [path/to/dt_prophet_holidays.csv]
//
// Compact layout (read by src/data/holidays.ts):
//   names:     every holiday name once
//   countries: code → flat integer list [day, name, Δday, name, Δday, name, ...]
//              day = days since 1970-01-01 (first entry absolute, then differences,
//              so most numbers are short); name = index into `names`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? resolve(root, '../shared/data/robyn/dt_prophet_holidays.csv');
const out = resolve(root, 'public/holidays/holidays.json');

const { data, errors } = Papa.parse(readFileSync(source, 'utf8'), { header: true, skipEmptyLines: true });
if (errors.length) throw new Error(`${source}: ${errors[0].message} (row ${errors[0].row})`);

const dayOf = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000;
};

const names = [];
const nameIndex = new Map();
const byCountry = new Map();
let minYear = Infinity;
let maxYear = -Infinity;
for (const row of data) {
  if (!nameIndex.has(row.holiday)) {
    nameIndex.set(row.holiday, names.length);
    names.push(row.holiday);
  }
  if (!byCountry.has(row.country)) byCountry.set(row.country, []);
  byCountry.get(row.country).push([dayOf(row.ds), nameIndex.get(row.holiday)]);
  minYear = Math.min(minYear, +row.ds.slice(0, 4));
  maxYear = Math.max(maxYear, +row.ds.slice(0, 4));
}

const countries = {};
for (const code of [...byCountry.keys()].sort()) {
  const entries = byCountry.get(code).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const flat = [];
  let prev = 0;
  entries.forEach(([day, name], i) => {
    flat.push(i === 0 ? day : day - prev, name);
    prev = day;
  });
  countries[code] = flat;
}

const calendar = {
  format: 'carryover-holidays-1',
  source: "Prophet's generated holiday table as shipped by Robyn (facebookexperimental/Robyn, R/data/dt_prophet_holidays.RData, commit 5915aa9d), MIT licence",
  first_year: minYear,
  last_year: maxYear,
  rows: data.length,
  names,
  countries,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(calendar) + '\n');
console.log(`${out}: ${data.length} holidays, ${byCountry.size} countries, ${names.length} names, ${minYear}-${maxYear}`);
