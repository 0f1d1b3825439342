/// The site's one style sheet and its keyboard script.
///
/// The figures (`SVG/SVGFigure.swift`) take their colors from the classes and variables defined
/// here, so the reader's light or dark theme applies to them too.
enum SiteStyle {
    static let css = """
        /* learn site: one column, light and dark themes from the reader's preference, print. */
        :root {
          --fg: #1d1f21; --bg: #ffffff; --muted: #5c6166; --rule: #d5d8dc; --code-bg: #f3f4f6;
          --accent: #1f5fbf; --ok: #1b7f3b; --bad: #b3261e; --box: #f8f9fb;
          --grid: #e3e6ea; --axis: #5c6166;
          --series-0: #1f77b4; --series-1: #d62728; --series-2: #2ca02c; --series-3: #9467bd;
          --series-4: #ff7f0e; --series-5: #17becf; --series-6: #8c564b; --series-7: #e377c2;
          --level-0: #eef4fa; --level-1: #d3e3f2; --level-2: #abcae6; --level-3: #7aabd6;
          --level-4: #4a87c2; --level-5: #24609f;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --fg: #e6e6e6; --bg: #16181c; --muted: #a0a6ad; --rule: #3a3f46; --code-bg: #23262b;
            --accent: #7fb0ff; --ok: #6fd08c; --bad: #ff8a80; --box: #1d2025;
            --grid: #2c3036; --axis: #a0a6ad;
            --series-0: #6cb4ff; --series-1: #ff6b6b; --series-2: #6fd08c; --series-3: #c49bff;
            --series-4: #ffb054; --series-5: #4fd8e8; --series-6: #d7a27b; --series-7: #ff9ad5;
            --level-0: #142133; --level-1: #1a2e47; --level-2: #223f61; --level-3: #2c537f;
            --level-4: #3a6ca3; --level-5: #5289c7;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
            "PingFang SC", "Microsoft YaHei", sans-serif;
        }
        main, .site-nav, .site-foot { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        main { padding-bottom: 3rem; }
        p, li, dd, td, th, figcaption, caption, h1, h2, h3, h4 { overflow-wrap: break-word; }
        a { color: var(--accent); }
        h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.2rem 0 0.4rem; }
        h2 { font-size: 1.4rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
        h3 { font-size: 1.15rem; margin: 1.6rem 0 0.4rem; }
        code, pre, kbd { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 0.9em; }
        :not(pre) > code { background: var(--code-bg); padding: 0.05em 0.3em; border-radius: 3px; }
        pre { background: var(--code-bg); padding: 0.7rem 0.9rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
        blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--rule); color: var(--muted); }
        hr { border: 0; border-top: 1px solid var(--rule); margin: 2rem 0; }
        .site-nav { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; padding-top: 0.8rem; padding-bottom: 0.8rem;
          border-bottom: 1px solid var(--rule); font-size: 0.95rem; }
        .site-nav .other-edition { margin-left: auto; }
        .site-foot { border-top: 1px solid var(--rule); padding-top: 0.8rem; padding-bottom: 2rem; color: var(--muted);
          font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; justify-content: space-between; }
        .summary { font-size: 1.1rem; color: var(--muted); font-style: italic; margin-top: 0; }
        .meta { color: var(--muted); font-size: 0.95rem; }
        .notice { border: 1px solid var(--rule); background: var(--box); padding: 0.6rem 0.9rem; border-radius: 6px; }
        .toc { border: 1px solid var(--rule); border-radius: 6px; padding: 0.4rem 1rem; margin: 1.2rem 0; background: var(--box); }
        .toc h2 { font-size: 1rem; border: 0; margin: 0.4rem 0; }
        .toc ol { margin: 0.2rem 0 0.5rem; padding-left: 1.3rem; }
        .toc ol ol { padding-left: 1.1rem; }
        .lessons { list-style: none; padding: 0; }
        .lessons li { margin: 0 0 1.2rem; }
        .lessons .lesson-title { font-size: 1.15rem; font-weight: 600; }
        .lessons p { margin: 0.15rem 0; }
        .experiment, .exercise { margin: 1.4rem 0; border: 1px solid var(--rule); border-radius: 8px; background: var(--box); }
        .experiment > *, .exercise > * { margin-left: 0.9rem; margin-right: 0.9rem; }
        .cell-title { font-weight: 600; margin-top: 0.6rem; margin-bottom: 0.3rem; }
        .cell-title code { background: transparent; padding: 0; }
        .experiment pre.cell-source { margin-top: 0; background: var(--code-bg); }
        .figure { margin-top: 0.8rem; margin-bottom: 0.8rem; overflow-x: auto; }
        .table-scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0; }
        th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; white-space: nowrap; }
        td.num, th.num { text-align: right; }
        td.center, th.center { text-align: center; }
        td.best { font-weight: 700; }
        td.nonfinite { color: var(--bad); }
        .best-mark { color: var(--ok); }
        caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem; white-space: normal; }
        .table-note { color: var(--muted); font-size: 0.9rem; margin: 0.3rem 0 0; }
        .claims { list-style: none; padding: 0; }
        .claims li { padding-left: 1.5em; text-indent: -1.5em; margin: 0.2rem 0; }
        .claims .mark { display: inline-block; width: 1.5em; text-indent: 0; font-weight: 700; }
        .claims .held .mark { color: var(--ok); }
        .claims .not-held .mark { color: var(--bad); }
        .claims .unchecked .mark { color: var(--muted); }
        .claims .values { color: var(--muted); }
        .failure { color: var(--bad); }
        .exercise .choices { list-style: lower-alpha; }
        .exercise .how { color: var(--muted); margin-bottom: 0.2rem; }
        .exercise pre { margin-top: 0.2rem; }
        /* Figures (SVG/SVGFigure.swift lists the classes): the theme's colors over the figure's own. */
        svg.figure { display: block; max-width: 100%; height: auto; color: var(--fg); }
        svg.figure .series-0 { stroke: var(--series-0); fill: var(--series-0); }
        svg.figure .series-1 { stroke: var(--series-1); fill: var(--series-1); }
        svg.figure .series-2 { stroke: var(--series-2); fill: var(--series-2); }
        svg.figure .series-3 { stroke: var(--series-3); fill: var(--series-3); }
        svg.figure .series-4 { stroke: var(--series-4); fill: var(--series-4); }
        svg.figure .series-5 { stroke: var(--series-5); fill: var(--series-5); }
        svg.figure .series-6 { stroke: var(--series-6); fill: var(--series-6); }
        svg.figure .series-7 { stroke: var(--series-7); fill: var(--series-7); }
        svg.figure .grid-line { stroke: var(--grid); }
        svg.figure .note, svg.figure .caption { fill: var(--muted); }
        svg.figure .levels .level-0 { fill: var(--level-0); } svg.figure .levels .level-1 { fill: var(--level-1); }
        svg.figure .levels .level-2 { fill: var(--level-2); } svg.figure .levels .level-3 { fill: var(--level-3); }
        svg.figure .levels .level-4 { fill: var(--level-4); } svg.figure .levels .level-5 { fill: var(--level-5); }
        svg.figure .halo { fill: var(--bg); }
        @media (max-width: 30rem) {
          body { font-size: 16px; }
          h1 { font-size: 1.55rem; }
          .site-nav .other-edition { margin-left: 0; }
        }
        @media print {
          :root { --fg: #000; --bg: #fff; --muted: #444; --rule: #999; --code-bg: #f2f2f2; --box: #fff; --accent: #000; }
          body { font-size: 11pt; }
          .site-nav, .site-foot, .toc { display: none; }
          main { max-width: none; padding: 0; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
          pre, .figure, .table-scroll { overflow: visible; white-space: pre-wrap; }
          svg.figure .levels .level-0 { fill: #f2f2f2; } svg.figure .halo { fill: #fff; }
          .experiment, .exercise, .figure, pre, table { break-inside: avoid; }
          h2, h3 { break-after: avoid; }
        }

        """

    /// j or → for the next lesson, k or ← for the previous one (the page's `rel=next`/`rel=prev`
    /// links); not while typing, with a modifier, or inside a box that scrolls sideways.
    static let keyboardScript = """
        <script>
        document.addEventListener("keydown", function (event) {
          if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
          var target = event.target;
          if (target && target.closest && target.closest("input, textarea, select, [contenteditable], .figure, pre")) return;
          var rel = { ArrowRight: "next", j: "next", ArrowLeft: "prev", k: "prev" }[event.key];
          var link = rel && document.querySelector("link[rel=" + rel + "]");
          if (link) window.location.href = link.href;
        });
        </script>
        """
}
