extension SVGFigure {
    /// The figures' rules for the site's stylesheet: the classes `SVGFigure` documents, with colors for
    /// the light theme and, under `prefers-color-scheme: dark`, for the dark one. A figure reads without
    /// them (its presentation attributes hold the light colors); with them it follows the reader's theme.
    /// A figure shrinks to the column's width; inside a `div.figure-scroll` it shrinks no further than
    /// 480 pixels (its words stay readable on a phone) and scrolls sideways in its box instead.
    /// The page sets `--bg` to its own background color (or `color-scheme: light dark`, for `Canvas`).
    public static let stylesheet = """
        svg.figure { display: block; max-width: 100%; height: auto; }
        .figure-scroll { max-width: 100%; overflow-x: auto; }
        .figure-scroll > svg.figure { min-width: 480px; }
        :root { --figure-bad: #c00000; --figure-best: #d4a000; --figure-best-text: #8a6d00; }
        .figure {
          --series-0: #0072b2; --series-1: #e69f00; --series-2: #009e73; --series-3: #cc79a7;
          --series-4: #d55e00; --series-5: #56b4e9; --series-6: #8c7a00; --series-7: #555555;
        }
        @media (prefers-color-scheme: dark) {
          :root { --figure-bad: #ff6b6b; --figure-best: #f2c230; --figure-best-text: #f2c230; }
          .figure {
            --series-0: #56b4e9; --series-1: #f0b840; --series-2: #2ec4a0; --series-3: #e59ac8;
            --series-4: #ff8a4c; --series-5: #9fd8f7; --series-6: #d8c64a; --series-7: #bbbbbb;
          }
        }
        .figure .series-0 { stroke: var(--series-0); fill: var(--series-0); }
        .figure .series-1 { stroke: var(--series-1); fill: var(--series-1); }
        .figure .series-2 { stroke: var(--series-2); fill: var(--series-2); }
        .figure .series-3 { stroke: var(--series-3); fill: var(--series-3); }
        .figure .series-4 { stroke: var(--series-4); fill: var(--series-4); }
        .figure .series-5 { stroke: var(--series-5); fill: var(--series-5); }
        .figure .series-6 { stroke: var(--series-6); fill: var(--series-6); }
        .figure .series-7 { stroke: var(--series-7); fill: var(--series-7); }
        .figure .bar:not(.best) { fill: var(--series-0); }
        .figure .bar.best, .figure polygon.best { fill: var(--figure-best); }
        .figure .value.best { fill: var(--figure-best-text); }
        .figure .nonfinite, .figure .pixel-nonfinite { fill: var(--figure-bad); }
        .figure .diverged { stroke: var(--figure-bad); }
        .figure .halo { fill: var(--bg, Canvas); }
        .figure .halo-line { stroke: var(--bg, Canvas); }
        .figure .note { font-style: italic; }
        table.result-table { border-collapse: collapse; margin: 0.5em 0; }
        table.result-table caption { font-weight: bold; text-align: left; padding-bottom: 0.25em; }
        table.result-table th, table.result-table td { padding: 0.2em 0.6em; border-bottom: 1px solid rgba(128, 128, 128, 0.35); vertical-align: top; }
        table.result-table th { text-align: left; }
        table.result-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.result-table .center { text-align: center; }
        table.result-table .best { font-weight: bold; }
        table.result-table .nonfinite { color: var(--figure-bad); }
        .best-mark { color: var(--figure-best); }
        .table-scroll { max-width: 100%; overflow-x: auto; }
        p.table-note { font-size: 0.9em; margin: 0.25em 0 0.75em; }
        """
}
