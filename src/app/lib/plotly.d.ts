// Types for plotly.js's partial-bundle entry points (TOOLCHAIN.md pitfall 6): plotly.js
// ships types for its main entry only; lib/core is the same API without trace modules,
// and each lib/<trace> is a module to pass to Plotly.register.
declare module 'plotly.js/lib/core' {
  import type * as P from 'plotly.js';
  const Plotly: {
    newPlot: typeof P.newPlot;
    react: typeof P.react;
    purge: typeof P.purge;
    register: typeof P.register;
    Plots: typeof P.Plots;
  };
  export default Plotly;
}

declare module 'plotly.js/lib/bar' {
  import type { PlotlyModule } from 'plotly.js';
  const trace: PlotlyModule;
  export default trace;
}
declare module 'plotly.js/lib/heatmap' {
  import type { PlotlyModule } from 'plotly.js';
  const trace: PlotlyModule;
  export default trace;
}
declare module 'plotly.js/lib/histogram' {
  import type { PlotlyModule } from 'plotly.js';
  const trace: PlotlyModule;
  export default trace;
}
declare module 'plotly.js/lib/box' {
  import type { PlotlyModule } from 'plotly.js';
  const trace: PlotlyModule;
  export default trace;
}
declare module 'plotly.js/lib/violin' {
  import type { PlotlyModule } from 'plotly.js';
  const trace: PlotlyModule;
  export default trace;
}
declare module 'plotly.js/lib/waterfall' {
  import type { PlotlyModule } from 'plotly.js';
  const trace: PlotlyModule;
  export default trace;
}
