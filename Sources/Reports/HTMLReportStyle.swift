/// The run report's style sheet: light and dark, no web fonts, no images, nothing loaded.
enum HTMLReportStyle {
    /// Width classes `.w0` … `.w100` for bars, as inline `style` attributes are blocked by the page's CSP.
    private static let widths: String = (0...100).map { ".w\($0){width:\($0)%}" }.joined()

    /// The style sheet.
    static let sheet: String = base + layout + steps + exchange + coverage + widths

    private static let base = """
        :root{--bg:#f5f6f8;--card:#fff;--text:#1f2328;--muted:#59636e;--line:#d8dee4;--soft:#f0f2f5;\
        --accent:#0969da;--pass:#1a7f37;--fail:#cf222e;--error:#bc4c00;--skip:#6e7781;--known:#8250df;\
        --pass-bg:#dafbe1;--fail-bg:#ffebe9;--error-bg:#fff1e5;--skip-bg:#eaeef2;--mark:#ffd8d3;--code:#f6f8fa;\
        --key:#0550ae;--str:#0a3069;--num:#953800;--lit:#8250df;color-scheme:light dark}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--text:#e6edf3;--muted:#9198a1;\
        --line:#30363d;--soft:#1c2128;--accent:#4493f8;--pass:#3fb950;--fail:#f85149;--error:#db6d28;\
        --skip:#9198a1;--pass-bg:#12261e;--fail-bg:#2d1214;--error-bg:#2d1a0e;--skip-bg:#21262d;--mark:#5c1f1c;\
        --code:#0d1117;--key:#79c0ff;--str:#a5d6ff;--num:#ffa657;--lit:#d2a8ff}}
        *{box-sizing:border-box}[hidden]{display:none!important}
        body{margin:0;background:var(--bg);color:var(--text);\
        font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif}
        main{max-width:1280px;margin:0 auto;padding:24px 28px 64px}
        h1{font-size:22px;margin:0;font-weight:600}h2{font-size:17px;margin:0 0 12px}
        h3{font-size:13px;margin:16px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
        code,pre,.mono{font:12px/1.5 ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
        code{overflow-wrap:anywhere}
        .muted{color:var(--muted)}.small{font-size:12px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 20px;margin:16px 0}
        .js-only{display:none!important}html.js .js-only{display:flex!important}
        html.js span.js-only,html.js button.js-only{display:inline-flex!important}
        """

    private static let layout = """
        .top{display:flex;align-items:center;gap:14px;flex-wrap:wrap}
        .brand{font-weight:700;letter-spacing:.02em;color:var(--accent);font-size:13px;\
        border:1px solid var(--line);border-radius:6px;padding:2px 8px;background:var(--card)}
        .verdict{margin-left:auto;font-weight:700;border-radius:999px;padding:4px 14px;font-size:13px;letter-spacing:.05em}
        .verdict.passed{background:var(--pass-bg);color:var(--pass)}.verdict.failed{background:var(--fail-bg);color:var(--fail)}
        .verdict.interrupted{background:var(--error-bg);color:var(--error)}
        .subtitle{margin:4px 0 0;color:var(--muted)}.subtitle b{color:var(--text);font-weight:600}
        .section-head{display:flex;align-items:baseline;gap:16px;margin:26px 0 10px}.section-head h2{margin:0}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:16px 0 12px}
        .tile{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--skip);\
        border-radius:8px;padding:10px 14px}
        .tile b{display:block;font-size:26px;line-height:1.2;font-weight:650}.tile span{color:var(--muted);font-size:12px}
        .tile.passed{border-left-color:var(--pass)}.tile.failed{border-left-color:var(--fail)}
        .tile.error{border-left-color:var(--error)}.tile.total{border-left-color:var(--accent)}
        .tile.passed b{color:var(--pass)}.tile.failed b{color:var(--fail)}.tile.error b{color:var(--error)}
        .tile.zero b{color:var(--muted)}.tile.zero{border-left-color:var(--line)}
        .bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--soft);margin:4px 0 14px}
        .bar>span{height:100%}.bar .passed{background:var(--pass)}.bar .failed{background:var(--fail)}
        .bar .error{background:var(--error)}.bar .skipped{background:var(--skip)}
        dl.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px 24px;margin:0}
        dl.meta dt{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.05em}
        dl.meta dd{margin:0;overflow-wrap:anywhere}
        .notice{border-radius:8px;padding:10px 14px;margin:12px 0;border:1px solid}
        .notice.interrupted{background:var(--error-bg);border-color:var(--error);color:var(--text)}
        .notice.info{background:var(--soft);border-color:var(--line)}
        .filters{flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 14px}
        .chip{border:1px solid var(--line);background:var(--card);color:var(--text);border-radius:999px;\
        padding:3px 11px;font:inherit;font-size:13px;cursor:pointer;display:inline-flex;gap:6px;align-items:center}
        .chip[aria-pressed=false]{opacity:.45;text-decoration:line-through}
        .chip .dot{width:8px;height:8px;border-radius:50%;background:var(--skip)}
        .dot.passed{background:var(--pass)!important}.dot.failed{background:var(--fail)!important}
        .dot.error{background:var(--error)!important}
        .filters input[type=search],.filters select{font:inherit;padding:5px 10px;border-radius:6px;\
        border:1px solid var(--line);background:var(--card);color:var(--text)}
        .filters input[type=search]{min-width:260px;flex:1}
        .filters .count{color:var(--muted);font-size:12px;margin-left:auto}
        button.plain{font:inherit;font-size:12px;background:none;border:1px solid var(--line);border-radius:6px;\
        padding:3px 9px;color:var(--text);cursor:pointer}
        button.plain:hover{background:var(--soft)}
        footer{margin-top:32px;color:var(--muted);font-size:12px;text-align:center}
        """

    private static let steps = """
        details.suite{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:10px 0}
        details.suite>summary{display:flex;gap:10px;align-items:center;padding:11px 16px;cursor:pointer;\
        list-style:none;border-radius:10px}
        details>summary::-webkit-details-marker{display:none}
        details.suite>summary:hover,details.step>summary:hover{background:var(--soft)}
        details.suite>summary::before,details.step>summary::before{content:"▸";color:var(--muted);\
        display:inline-block;width:10px;transition:transform .1s}
        details[open]>summary::before{transform:rotate(90deg)}
        .suite-name{font-weight:600}.suite .path{color:var(--muted);font-size:12px}
        .counts{margin-left:auto;display:flex;gap:8px;font-size:12px;white-space:nowrap}
        .counts .passed{color:var(--pass)}.counts .failed{color:var(--fail)}.counts .error{color:var(--error)}
        .counts .skipped{color:var(--skip)}.time{color:var(--muted);font-size:12px;white-space:nowrap;min-width:52px;\
        text-align:right}
        .suite-info{padding:0 16px 6px 36px;color:var(--muted);font-size:13px}
        .tag{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:999px;\
        padding:0 8px;font-size:11px;color:var(--muted);margin-right:4px}
        .steps{border-top:1px solid var(--line)}
        details.step{border-bottom:1px solid var(--line);border-left:3px solid transparent}
        details.step:last-child{border-bottom:0;border-radius:0 0 10px 10px}
        details.step.failed{border-left-color:var(--fail)}details.step.error{border-left-color:var(--error)}
        details.step>summary{display:grid;grid-template-columns:14px 58px minmax(0,1fr) auto auto;gap:4px 10px;\
        align-items:center;padding:7px 16px 7px 17px;cursor:pointer;list-style:none}
        .badge{font-size:11px;font-weight:700;border-radius:4px;padding:1px 0;text-align:center;letter-spacing:.04em}
        .badge.passed{background:var(--pass-bg);color:var(--pass)}.badge.failed{background:var(--fail-bg);color:var(--fail)}
        .badge.error{background:var(--error-bg);color:var(--error)}.badge.skipped{background:var(--skip-bg);color:var(--skip)}
        .step-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .step-name .op{color:var(--muted);margin-left:8px;font-size:12px}
        .phase{font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin-right:6px;\
        color:var(--muted)}
        .http{font-size:12px;border-radius:4px;padding:0 6px;background:var(--soft)}
        .http.h2{color:var(--pass)}.http.h4{color:var(--error)}.http.h5{color:var(--fail)}
        .why{grid-column:3/6;font-size:12px;color:var(--fail);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .why.error{color:var(--error)}.why.skipped{color:var(--muted)}
        .step-body{padding:4px 18px 16px 36px}
        .finding{border:1px solid var(--line);border-left:3px solid var(--fail);border-radius:8px;padding:10px 12px;\
        margin:8px 0;background:var(--card)}
        .finding .head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
        .check{font-weight:600;color:var(--fail)}.finding .where{margin-left:auto;color:var(--muted);font-size:12px}
        .finding p{margin:4px 0 8px}
        .versus{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12px}
        .versus dt{color:var(--muted)}.versus dd{margin:0;overflow-wrap:anywhere}
        .errorbox{border:1px solid var(--error);background:var(--error-bg);border-radius:8px;padding:10px 12px;margin:8px 0}
        """

    private static let exchange = """
        .exchange{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px;align-items:start}
        .panel{border:1px solid var(--line);border-radius:8px;overflow:hidden;min-width:0}
        .panel>header{background:var(--soft);padding:6px 10px;font-size:13px;display:flex;gap:8px;align-items:center}
        .panel>header .mono{overflow-wrap:anywhere}
        table.headers{border-collapse:collapse;width:100%;font-size:12px}
        table.headers td{padding:2px 10px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
        table.headers td:first-child{color:var(--muted);white-space:nowrap;width:1%}
        table.headers tr.hit td{background:var(--mark)}
        pre{margin:0;padding:10px 12px;background:var(--code);overflow:auto;max-height:480px;white-space:pre-wrap;\
        overflow-wrap:anywhere}
        .k{color:var(--key)}.s{color:var(--str)}.n{color:var(--num)}.l{color:var(--lit)}
        mark.hit{background:var(--mark);color:inherit;border-radius:3px;outline:1px solid var(--fail)}
        mark.hit.block{outline:0;border-radius:0}mark.hit.missing{font-style:italic;outline-style:dashed}
        .note{font-size:12px;color:var(--muted);padding:4px 12px}
        .curl{position:relative;border:1px solid var(--line);border-radius:8px;overflow:hidden}
        .curl pre{padding-right:76px}.curl button{position:absolute;top:6px;right:6px}
        dl.facts{display:flex;flex-wrap:wrap;gap:6px 22px;margin:0;font-size:12px}
        dl.facts div{display:flex;gap:6px;max-width:100%}dl.facts dt{color:var(--muted);white-space:nowrap}
        dl.facts dd{margin:0;overflow-wrap:anywhere}
        """

    private static let coverage = """
        .cov-bars{display:grid;grid-template-columns:max-content 1fr max-content;gap:6px 12px;align-items:center;\
        max-width:720px;margin:8px 0 16px;font-size:13px}
        .cov-bars .bar{margin:0}.cov-bars .bar>span{background:var(--accent)}
        .cov-filter{gap:8px;align-items:center;margin:0 0 10px;font-size:13px}
        table.coverage{border-collapse:collapse;width:100%}
        table.coverage th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;padding:6px 8px;\
        border-bottom:1px solid var(--line)}
        table.coverage td{padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        table.coverage tr.untouched .opname{opacity:.6}table.coverage td.num{text-align:right;width:1%}
        table.only-untouched tr.touched{display:none}
        .method{display:inline-block;min-width:54px;text-align:center;font-size:11px;font-weight:700;border-radius:4px;\
        padding:1px 4px;margin-right:6px;background:var(--soft)}
        .m-get{color:#0969da}.m-post{color:#1a7f37}.m-put{color:#9a6700}.m-patch{color:#8250df}.m-delete{color:#cf222e}
        .codes{display:flex;flex-wrap:wrap;gap:4px}
        .code{font:11px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-radius:4px;padding:0 6px;\
        border:1px dashed var(--line);color:var(--muted)}
        .code.seen{border:1px solid var(--pass);color:var(--pass);background:var(--pass-bg)}
        .code.undeclared{border:1px solid var(--fail);color:var(--fail);background:var(--fail-bg)}
        .code b{margin-left:4px;font-weight:700}
        """
}
