// The plotly.js partial bundle the studio uses: core (scatter, lines, bands) plus the
// traces our charts need. Loaded lazily by plotly-loader.ts, so the first screen does not
// pay for ~1 MB of charting code.
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import box from 'plotly.js/lib/box';
import heatmap from 'plotly.js/lib/heatmap';
import histogram from 'plotly.js/lib/histogram';
import violin from 'plotly.js/lib/violin';
import waterfall from 'plotly.js/lib/waterfall';

Plotly.register([bar, box, heatmap, histogram, violin, waterfall]);

export default Plotly;
