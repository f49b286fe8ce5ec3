// Where horizontal legends go: at the bottom of the chart's container, below the x axis
// title, left-aligned. A legend placed at a negative y in plot coordinates ("y: -0.25")
// lands on the axis title once the plot is narrow (a phone) or the legend wraps to two
// lines; anchored to the container, Plotly reserves room for it in the bottom margin at
// any width (plotly.js layout.legend.yref = 'container').
export const LEGEND_BELOW = { orientation: 'h' as const, x: 0, xanchor: 'left' as const, y: 0, yanchor: 'bottom' as const, yref: 'container' as const };
