// The report's only stylesheet, inlined and allowed by its hash in the document's CSP.
// System fonts only (nothing fetched); colours readable in print and on screen.
export const REPORT_CSS = `
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--pass:#1b7f3b;--warn:#9a6700;--fail:#b42318;--accent:#2f5fb3}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:1040px;margin:0 auto;padding:0 20px}
header{padding-top:24px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:36px 0 8px;padding-top:8px;border-top:2px solid var(--line)}
h3{font-size:1rem;margin:20px 0 6px}
nav ul{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 16px}
a{color:var(--accent)}
.muted,.meta{color:var(--muted)}
.banner{margin:16px 0;padding:12px 16px;border:2px solid var(--fail);border-radius:6px;background:#fdecea;color:#7a1a12}
.summary p{margin:6px 0}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:.8rem;font-weight:600;color:#fff;text-transform:uppercase;letter-spacing:.02em}
.badge.pass{background:var(--pass)}.badge.warn{background:var(--warn)}.badge.fail{background:var(--fail)}
td.fail{color:var(--fail);font-weight:600}td.warn{color:var(--warn);font-weight:600}
table{border-collapse:collapse;margin:12px 0;width:100%}
table.compact{width:auto;min-width:50%}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--line);font-size:.85rem;color:var(--muted)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td .ci{display:block;font-size:.85em;color:var(--muted)}
.table-scroll,.chart-scroll{overflow-x:auto;max-width:100%}
.chart-scroll svg.chart{min-width:640px}
figure{margin:12px 0}
figcaption,.note,.rule{font-size:.88rem;color:var(--muted)}
.infeasible{font-weight:600}
svg.chart{max-width:100%;height:auto;font-family:inherit;display:block}
.curves{display:grid;grid-template-columns:1fr;gap:8px}
.curve-pair{display:flex;flex-wrap:wrap;gap:8px;margin:0}
.curve-pair svg.chart{flex:1 1 320px}
.trace-cell svg.chart{width:260px}
.chart-title{font-size:13px;font-weight:600;fill:var(--ink)}
.chart.compact .chart-title{font-size:11px}
.axis-title{font-size:12px;fill:var(--muted)}
.chart.compact .axis-title{font-size:10px}
.tick{font-size:11px;fill:var(--muted)}
.chart.compact .tick{font-size:9px}
.grid{stroke:#eef1f5;stroke-width:1}
.axis-line{stroke:#9aa3b2;stroke-width:1}
.zero{stroke:#9aa3b2;stroke-dasharray:2 2}
.bar.base{fill:#8c96a8}.bar.control{fill:#a9c4e6}.bar.seasonality{fill:#7fbf9a}.bar.channel{fill:#2f5fb3}.bar.total{fill:#1d2433}
.bar.negative{opacity:.7}
.bar.missing{fill:#fff;stroke:var(--fail);stroke-dasharray:3 2}
.whisker{stroke:#111;stroke-width:1.2}
.connector{stroke:#9aa3b2;stroke-dasharray:2 2}
.observed-marker{fill:#f0b429;stroke:#111}
.bar.current{fill:#9aa3b2}.bar.optimal{fill:#2f5fb3}.range{fill:#eef3fb}
.band90{fill:#2f5fb3;opacity:.18}.band50{fill:#2f5fb3;opacity:.3}
.mean-line{fill:none;stroke:#1f3f7a;stroke-width:1.6}
.marker-line{stroke:#b42318;stroke-dasharray:4 3}
text.note{font-size:10px;fill:#b42318}
.trace{fill:none;stroke-width:.8;opacity:.85}
.chain-0{stroke:#2f5fb3}.chain-1{stroke:#d9730d}.chain-2{stroke:#1b7f3b}.chain-3{stroke:#b42318}.chain-4{stroke:#6f42c1}.chain-5{stroke:#8c564b}.chain-6{stroke:#e377c2}.chain-7{stroke:#17becf}
.notes{padding-left:18px}
.flags{margin:4px 0 12px;padding-left:18px;font-size:.9rem}
code{font-size:.9em;background:#f3f5f8;padding:0 3px;border-radius:3px}
footer{margin:40px auto 24px;font-size:.85rem;color:var(--muted)}
@media (max-width:640px){header,main,footer{padding:0 12px}table.compact{width:100%;min-width:0}table.compact th,table.compact td{overflow-wrap:anywhere}}
@media print{
@page{margin:14mm 12mm}
body{font-size:10.5pt}
header,main,footer{max-width:none;padding:0}
nav{display:none}
h2{break-after:avoid;margin-top:20px}
h2+p,h3,caption,.rule,p.note{break-after:avoid}
figure,tr,svg.chart,.banner,.check,.summary p,table:not(.params){break-inside:avoid}
.table-scroll,.chart-scroll{overflow:visible}
.chart-scroll svg.chart{min-width:0}
th,td{overflow-wrap:break-word}
.trace-cell svg.chart{width:150px}
a{color:inherit;text-decoration:none}
.badge{background:none!important;border:1.5px solid currentColor;padding:0 5px}
.badge.pass{color:var(--pass)}.badge.warn{color:var(--warn)}.badge.fail{color:var(--fail)}
.banner{background:none;border-width:3px}
}
`.trim();
