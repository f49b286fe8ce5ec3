// `npm run bench`: prints numbers and ratios (filled in by the engine and MTA work).
console.log('carryover bench: no benchmarks yet');
