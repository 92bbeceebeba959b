/// The console's only script and stylesheet, served from the binary (the CSP allows nothing
/// inline and nothing from elsewhere). Pages work without the script; it adds live status,
/// confirmations, the paid-until countdown and following logs.
enum ConsoleAssets {
    static let script = #"""
        "use strict";
        document.addEventListener("submit", (e) => {
          const form = e.target.closest("form[data-confirm]");
          if (form && !window.confirm(form.dataset.confirm)) e.preventDefault();
        });

        function setStatus(id, status) {
          for (const el of document.querySelectorAll('[data-instance-id="' + CSS.escape(id) + '"] .status')) {
            el.textContent = status;
          }
        }

        // The operation a form started: its state is read again until it has finished.
        async function refreshOperation() {
          const shown = document.querySelector("p.operation");
          if (!shown || shown.dataset.finished === "true") return;
          const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), "text/html");
          const fresh = page.querySelector("p.operation");
          if (fresh) shown.replaceWith(fresh);
        }
        if (document.querySelector('p.operation[data-finished="false"]')) {
          const timer = setInterval(() => {
            if (!document.querySelector('p.operation[data-finished="false"]')) return clearInterval(timer);
            refreshOperation();
          }, 1000);
        }

        const events = document.body.dataset.events;
        const cursorHolder = document.querySelector("[data-event-cursor]");
        if (events && cursorHolder && window.EventSource) {
          const source = new EventSource(events + "?since=" + encodeURIComponent(cursorHolder.dataset.eventCursor));
          source.onmessage = (m) => {
            let e;
            try { e = JSON.parse(m.data); } catch { return; }
            if (e.instanceId && e.data && e.data.status) {
              setStatus(e.instanceId, e.data.status);
              refreshOperation();
            }
          };
        }

        function countdown() {
          for (const t of document.querySelectorAll("time.countdown")) {
            const left = Date.parse(t.dateTime) - Date.now();
            if (Number.isNaN(left)) continue;
            const s = Math.max(0, Math.floor(left / 1000));
            const text = Math.floor(s / 86400) + "d " + Math.floor(s % 86400 / 3600) + "h " + Math.floor(s % 3600 / 60) + "m " + (s % 60) + "s";
            t.textContent = t.dateTime + " (" + (left > 0 ? "in " + text : "expired") + ")";
          }
        }
        countdown();
        setInterval(countdown, 1000);

        const logs = document.querySelector("pre[data-follow]");
        if (logs) {
          (async () => {
            const r = await fetch(logs.dataset.follow);
            if (!r.ok || !r.body) return;
            const reader = r.body.getReader();
            const decoder = new TextDecoder();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              logs.textContent += decoder.decode(value, { stream: true });
            }
          })();
        }
        """#

    static let style = """
        :root { font-family: system-ui, sans-serif; color: #1b1f24; background: #fafafa; }
        body { margin: 0; }
        header { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .75rem 1rem; background: #1b1f24; color: #fff; }
        header a { color: #fff; }
        header .brand { font-weight: 700; text-decoration: none; margin-right: 1rem; }
        header nav a { margin-right: .75rem; }
        header nav a[aria-current="page"] { text-decoration: underline 2px; }
        header .who { margin-left: auto; }
        main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
        .card { display: grid; gap: .5rem; max-width: 28rem; padding: 1rem; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
        form.inline { display: inline; }
        label { font-weight: 600; }
        input, select, button { font: inherit; padding: .4rem .5rem; }
        button { cursor: pointer; }
        :focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
        table.list { border-collapse: collapse; width: 100%; background: #fff; }
        table.list th, table.list td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d0d7de; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.facts dt { font-weight: 600; }
        .flash { background: #dafbe1; padding: .5rem; }
        .error { background: #ffebe9; padding: .5rem; }
        .secret code { font-size: 1.1rem; word-break: break-all; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        pre#logs { background: #0d1117; color: #e6edf3; padding: .75rem; overflow: auto; max-height: 70vh; white-space: pre-wrap; }
        code, dd, .flash, .error { overflow-wrap: anywhere; }
        input, select { max-width: 100%; box-sizing: border-box; }
        @media (max-width: 40rem) {
          table.list { display: block; overflow-x: auto; font-size: .9rem; }
          header .who { margin-left: 0; }
          main { padding: .5rem; }
        }
        """
}
