// TextPlot
