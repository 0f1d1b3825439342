/// The site's one style sheet and its keyboard script.
///
/// The figures (`SVG/SVGFigure.swift`) take their colors from the classes and variables defined
/// here, so the reader's light or dark theme applies to them too.
enum SiteStyle {
    static let css = page + SVGFigure.stylesheet + "\n"

    /// The page's own rules; the figures' come from `SVGFigure.stylesheet`.
    static let page = """
        /* learn site: one column, light and dark themes from the reader's preference, print. */
        :root {
          --fg: #1d1f21; --bg: #ffffff; --muted: #5c6166; --rule: #d5d8dc; --code-bg: #f3f4f6;
          --accent: #1f5fbf; --ok: #1b7f3b; --bad: #b3261e; --box: #f8f9fb;
          --background: var(--bg);
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --fg: #e6e6e6; --bg: #16181c; --muted: #a0a6ad; --rule: #3a3f46; --code-bg: #23262b;
            --accent: #7fb0ff; --ok: #6fd08c; --bad: #ff8a80; --box: #1d2025;
            --background: var(--bg);
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC",
            "PingFang SC", "Microsoft YaHei", sans-serif;
        }
        main, .site-nav, .site-foot { max-width: 50rem; margin: 0 auto; padding: 0 1rem; }
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
        .experiment, .exercise { margin: 1.4rem 0; padding: 0 0.9rem; border: 1px solid var(--rule); border-radius: 8px; background: var(--box); }
        .cell-title { font-weight: 600; margin-top: 0.6rem; margin-bottom: 0.3rem; }
        .cell-title code { background: transparent; padding: 0; }
        .experiment pre.cell-source { margin-top: 0; background: var(--code-bg); }
        .figure-scroll, .table-scroll { margin-top: 0.8rem; margin-bottom: 0.8rem; }
        table { border-collapse: collapse; }
        th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; }
        caption { white-space: normal; }
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
        /* Figures and result tables: SVGFigure.stylesheet (below) colors them for both themes. */
        svg.figure { color: var(--fg); }
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
          .experiment, .exercise { border: 0; padding: 0; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
          pre, .figure-scroll, .table-scroll { overflow: visible; white-space: pre-wrap; }
          .figure-scroll > svg.figure { min-width: 0; }
          .experiment, .exercise, svg.figure, pre, table { break-inside: avoid; }
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
          if (target && target.closest && target.closest("input, textarea, select, [contenteditable], .figure-scroll, .table-scroll, pre")) return;
          var rel = { ArrowRight: "next", j: "next", ArrowLeft: "prev", k: "prev" }[event.key];
          var link = rel && document.querySelector("link[rel=" + rel + "]");
          if (link) window.location.href = link.href;
        });
        </script>
        """
}
