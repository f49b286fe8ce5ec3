// The Data step's API: files → ParsedInput → roles → Dataset, plus diagnostics and the
export { parseFiles, type ParseOptions } from './parse';
export { detectRoles, setRole } from './roles';
export { buildDataset, MIN_DAILY_SPAN_DAYS } from './build';
export { correlationMatrix, varianceInflation, preModelDiagnostics, VIF_WARNING, type PreModelDiagnostics } from './diagnostics';
export { datasetFingerprint } from './fingerprint';
export { decodeHolidayCalendar, loadHolidayCalendar, holidayCountries, holidayDummies, HOLIDAYS_PATH, type HolidayCalendar } from './holidays';
export { trendColumn, quarterlyFourier } from './generated';
export type * from './types';
export { demoRoles, loadDemo, DEMO_PATH, type DemoDescription } from './demo';
