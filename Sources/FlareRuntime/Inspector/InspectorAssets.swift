/// The inspector page's stylesheet and script, inlined into the page: no build step and no
/// external assets, so it works offline.
enum InspectorAssets {
    /// The stylesheet.
    static let css = """
        :root { font-family: system-ui, sans-serif; font-size: 14px; color: #1d2330; background: #f6f7f9; }
        header { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1rem; background: #1d2330; color: #fff; }
        header h1 { font-size: 1.1rem; margin: 0; }
        nav a { color: #cfd6e4; margin-right: 1rem; text-decoration: none; padding: .2rem .4rem; border-radius: 4px; }
        nav a.active { background: #f38020; color: #fff; }
        #status { margin-left: auto; font-size: .9rem; }
        #status.error, .error { color: #b3261e; }
        main { padding: 0 1rem 2rem; }
        h2 { font-size: 1.2rem; } h2 button { font-size: .8rem; margin-left: .5rem; }
        table.grid { border-collapse: collapse; background: #fff; margin: .5rem 0; }
        table.grid th, table.grid td { border: 1px solid #d9dde5; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        table.grid thead th { background: #eef0f4; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.null { color: #8a93a6; font-style: italic; }
        tr.paused th { color: #8a5a00; }
        .badge { background: #ffe3b3; border-radius: 3px; padding: 0 .3rem; font-size: .8rem; }
        .actions button { margin-right: .2rem; }
        .panel, .card { background: #fff; border: 1px solid #d9dde5; border-radius: 6px; padding: .2rem 1rem .8rem; margin: 1rem 0; }
        pre { background: #f1f3f7; padding: .4rem; margin: 0; max-width: 60rem; overflow: auto; white-space: pre-wrap; }
        svg.spark { color: #f38020; vertical-align: middle; }
        ol.logs { font-family: ui-monospace, monospace; font-size: 12px; max-height: 30rem; overflow: auto;
            background: #111722; color: #d7dce6; padding: .5rem 1rem .5rem 3rem; }
        ol.logs .error, ol.logs .critical { color: #ff8a80; } ol.logs .warning { color: #ffd180; }
        #r2-preview img { max-width: 40rem; max-height: 30rem; border: 1px solid #d9dde5; }
        .prefix { margin-right: .4rem; }
        """

    /// The script: tabs, refreshing fragments, and the panels driven by the JSON API.
    static let script = #"""
        (() => {
        'use strict';
        const api = '/cdn-cgi/local/api';
        const $ = (id) => document.getElementById(id);
        const enc = encodeURIComponent;
        const state = { queue: null, peeked: null, db: null, table: null, offset: 0, limit: 50, bucket: null, key: null, logs: null };

        function status(text, error) { const s = $('status'); s.textContent = text; s.className = error ? 'error' : ''; }

        async function call(method, path, body, type) {
          const init = { method };
          if (body !== undefined) { init.body = body; if (type) init.headers = { 'content-type': type }; }
          const response = await fetch(api + path, init);
          const text = await response.text();
          let value = text;
          try { value = JSON.parse(text); } catch (e) { /* not JSON */ }
          if (!response.ok) throw new Error((value && value.error) || text || response.statusText);
          return value;
        }

        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [name, value] of Object.entries(attrs || {})) {
            if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
          }
          for (const child of children) node.append(child);
          return node;
        }

        function cell(value) {
          if (value === null || value === undefined) return el('td', { class: 'null', text: 'NULL' });
          if (typeof value === 'object') return el('td', { text: JSON.stringify(value) });
          return el('td', { text: String(value) });
        }

        function grid(columns, rows, extra) {
          return el('table', { class: 'grid ' + (extra || '') },
            el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { text: c })))),
            el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map(cell)))));
        }

        async function refresh(section) {
          const response = await fetch('/cdn-cgi/local/inspector/fragment/' + section);
          if (response.ok) $(section + '-fragment').innerHTML = await response.text();
          if (section === 'd1') fillDatabases();
        }

        function current() { const s = document.querySelector('section.tab:not([hidden])'); return s ? s.id : 'queues'; }

        function show(id) {
          const tab = document.getElementById(id) && document.getElementById(id).classList.contains('tab') ? id : 'queues';
          for (const s of document.querySelectorAll('section.tab')) s.hidden = s.id !== tab;
          for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.tab === tab);
          if (tab === 'workers') connectLogs();
          refresh(tab).catch((error) => status(error.message, true));
        }

        // Queues.
        async function peek(queue) {
          state.peeked = queue;
          const messages = await call('GET', '/queues/' + enc(queue) + '/messages?limit=25');
          $('peek-queue').textContent = queue;
          $('peek-time').textContent = 'as of ' + new Date().toLocaleTimeString() + ' (Peek again to refresh)';
          const out = $('peek-output');
          out.replaceChildren();
          if (messages.length === 0) out.append(el('p', { class: 'empty', text: 'No messages.' }));
          else {
            const table = grid(['id', 'attempts so far', 'next delivery', 'in flight', 'last error', 'body'],
              messages.map((m) => [m.id, m.failedAttempts, new Date(m.nextDelivery).toISOString(), m.inFlight,
                m.lastError, null]), 'messages');
            // Long bodies fold away behind their first characters.
            [...table.tBodies[0].rows].forEach((row, index) => {
              const m = messages[index];
              const body = m.body === undefined ? '(' + m.size + ' bytes of ' + m.contentType + ')' : JSON.stringify(m.body, null, 1);
              const td = el('td', { class: 'body' });
              if (body.length <= 240) td.append(el('pre', { text: body }));
              else td.append(el('details', {}, el('summary', { text: body.slice(0, 160).replace(/\s+/g, ' ') + '… (' + m.size + ' bytes)' }), el('pre', { text: body })));
              row.lastElementChild.replaceWith(td);
            });
            out.append(table);
          }
          $('queue-peek').hidden = false;
        }

        // D1.
        function fillDatabases() {
          const select = $('sql-db');
          const ids = [...document.querySelectorAll('.d1-db')].map((d) => d.dataset.db);
          const chosen = select.value;
          select.replaceChildren(...ids.map((id) => el('option', { value: id, text: id })));
          if (ids.includes(chosen)) select.value = chosen;
        }

        async function loadTable() {
          const page = await call('GET', '/d1/' + enc(state.db) + '/tables/' + enc(state.table) +
            '?offset=' + state.offset + '&limit=' + state.limit);
          $('table-title').textContent = state.table + ' in ' + state.db;
          const last = Math.min(page.offset + page.rows.length, page.total);
          $('table-range').textContent = (page.total === 0 ? 0 : page.offset + 1) + '–' + last + ' of ' + page.total;
          $('table-output').replaceChildren(grid(page.columns, page.rows, 'rows'));
          state.total = page.total;
          $('table-view').hidden = false;
        }

        async function runSQL() {
          const out = $('sql-output');
          out.replaceChildren(el('p', { text: 'Running…' }));
          try {
            const result = await call('POST', '/d1/' + enc($('sql-db').value) + '/query', $('sql-input').value, 'application/sql');
            out.replaceChildren(el('p', { class: 'sql-summary',
              text: result.statements + ' statement(s), ' + result.changes + ' change(s)' }));
            for (const r of result.results) {
              if (r.columns.length) out.append(grid(r.columns, r.rows, 'sql-result'));
            }
          } catch (error) {
            out.replaceChildren(el('pre', { class: 'error sql-error', text: error.message }));
          }
        }

        // R2.
        async function listObjects(cursor) {
          const prefix = $('r2-prefix').value;
          const delimiter = $('r2-delimited').checked ? '/' : '';
          const listed = await call('GET', '/r2/' + enc(state.bucket) + '?prefix=' + enc(prefix) + '&delimiter=' + enc(delimiter) +
            (typeof cursor === 'string' ? '&cursor=' + enc(cursor) : ''));
          const out = $('r2-listing');
          out.replaceChildren();
          if (typeof cursor === 'string') out.append(el('button', { type: 'button', 'data-action': 'list-objects', class: 'prefix', text: '⟵ first page' }));
          if (prefix) out.append(el('button', { type: 'button', 'data-action': 'open-prefix', 'data-prefix': '', class: 'prefix', text: '⟵ top' }));
          for (const p of listed.prefixes) {
            out.append(el('button', { type: 'button', 'data-action': 'open-prefix', 'data-prefix': p, class: 'prefix', text: '📁 ' + p }));
          }
          const rows = listed.objects.map((o) => {
            const open = el('button', { type: 'button', 'data-action': 'open-object', 'data-key': o.key, text: o.key });
            return el('tr', {}, el('td', {}, open), cell(o.size), cell(o.storedSize), cell(o.encoding), cell(o.contentType), cell(o.uploaded));
          });
          out.append(el('table', { class: 'grid objects' },
            el('thead', {}, el('tr', {}, ...['key', 'size', 'stored', 'encoding', 'type', 'uploaded'].map((c) => el('th', { text: c })))),
            el('tbody', {}, ...rows)));
          if (listed.objects.length === 0 && listed.prefixes.length === 0) out.append(el('p', { class: 'empty', text: 'No objects.' }));
          if (listed.truncated) out.append(el('button', { type: 'button', 'data-action': 'more-objects', 'data-cursor': listed.cursor, text: 'Next page →' }));
        }

        async function openObject(key) {
          state.key = key;
          const meta = await call('GET', '/r2/' + enc(state.bucket) + '/meta?key=' + enc(key));
          $('r2-object-key').textContent = key;
          $('r2-meta').replaceChildren(grid(['field', 'value'], Object.entries(meta), 'meta'));
          const url = api + '/r2/' + enc(state.bucket) + '/content?key=' + enc(key);
          const preview = $('r2-preview');
          preview.replaceChildren();
          const type = meta.contentType || '';
          if (type.startsWith('image/')) {
            preview.append(el('img', { src: url, alt: key }));
          } else if (meta.size > 512 * 1024) {
            preview.append(el('p', { text: 'Too large to preview: ' }), el('a', { href: url, text: 'download' }));
          } else {
            const text = await (await fetch(url)).text();
            let shown = text;
            try { if (type.includes('json') || /^\s*[\[{]/.test(text)) shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* as text */ }
            preview.append(el('pre', { class: 'preview', text: shown }));
          }
          $('r2-object').hidden = false;
        }

        async function upload() {
          const file = $('r2-file').files[0];
          if (!file) throw new Error('Choose a file first');
          const key = $('r2-upload-key').value || ($('r2-prefix').value + file.name);
          await call('PUT', '/r2/' + enc(state.bucket) + '/object?key=' + enc(key) + '&contentType=' + enc(file.type || 'application/octet-stream'), file);
          status('Uploaded ' + key);
          await listObjects();
          await refresh('r2');
        }

        // Logs.
        function connectLogs() {
          if (state.logs) state.logs.close();
          $('log-list').replaceChildren();  // the stream replays the recent events that pass the new filter
          const worker = $('log-worker').value, level = $('log-level').value;
          const source = new EventSource(api + '/logs?history=1&worker=' + enc(worker) + '&level=' + enc(level));
          state.logs = source;
          source.onopen = () => { $('log-state').textContent = 'connected'; };
          source.onerror = () => { $('log-state').textContent = 'reconnecting…'; };
          source.onmessage = (message) => {
            const e = JSON.parse(message.data);
            const level = e.level || (e.outcome === 'exception' ? 'error' : 'info');
            const time = new Date(e.timestamp).toISOString().slice(11, 23);
            const list = $('log-list');
            list.append(el('li', { class: level, 'data-worker': e.worker },
              time + ' [' + e.worker + '] ' + e.kind + ' ' + level + ': ' + e.summary + ' → ' + e.outcome));
            while (list.children.length > 500) list.firstElementChild.remove();
            list.scrollTop = list.scrollHeight;
          };
        }

        function fillWorkers() {
          const table = $('worker-table');
          if (!table) return;
          const names = table.dataset.workers.split('\n').filter((n) => n);
          $('log-worker').append(...names.map((n) => el('option', { value: n, text: n })));
        }

        const actions = {
          'refresh': (b) => refresh(b.dataset.section),
          'peek': (b) => peek(b.dataset.queue),
          'pause': async (b) => { await call('POST', '/queues/' + enc(b.dataset.queue) + '/pause'); status('Paused ' + b.dataset.queue); },
          'resume': async (b) => { await call('POST', '/queues/' + enc(b.dataset.queue) + '/resume'); status('Resumed ' + b.dataset.queue); },
          'purge': async (b) => { const r = await call('POST', '/queues/' + enc(b.dataset.queue) + '/purge'); status('Purged ' + r.purged + ' from ' + b.dataset.queue); },
          'redrive': async (b) => { const r = await call('POST', '/queues/' + enc(b.dataset.queue) + '/redrive'); status('Redrove ' + r.moved + ' message(s) to ' + r.queue); },
          'send-form': (b) => { state.queue = b.dataset.queue; $('send-queue').textContent = b.dataset.queue; $('queue-send').hidden = false; },
          'send': async () => { const r = await call('POST', '/queues/' + enc(state.queue) + '/send', $('send-body').value, 'application/x-ndjson'); status('Sent ' + r.sent + ' to ' + state.queue); },
          'browse-table': (b) => { state.db = b.dataset.db; state.table = b.dataset.table; state.offset = 0; return loadTable(); },
          'page': (b) => {
            const next = state.offset + Number(b.dataset.step) * state.limit;
            state.offset = next < 0 ? 0 : next < (state.total || 0) ? next : state.offset;
            return loadTable();
          },
          'run-sql': runSQL,
          'browse-bucket': (b) => { state.bucket = b.dataset.bucket; $('r2-bucket').textContent = state.bucket; $('r2-prefix').value = ''; $('r2-browser').hidden = false; $('r2-object').hidden = true; return listObjects(); },
          'list-objects': () => listObjects(),
          'more-objects': (b) => listObjects(b.dataset.cursor),
          'open-prefix': (b) => { $('r2-prefix').value = b.dataset.prefix; return listObjects(); },
          'open-object': (b) => openObject(b.dataset.key),
          'upload': upload,
          'delete-object': async () => { await call('DELETE', '/r2/' + enc(state.bucket) + '/object?key=' + enc(state.key)); status('Deleted ' + state.key); $('r2-object').hidden = true; await listObjects(); },
          'trigger-cron': async (b) => { const r = await call('POST', '/crons/trigger?worker=' + enc(b.dataset.worker) + '&cron=' + enc(b.dataset.cron)); status('Ran ' + b.dataset.worker + ' (' + b.dataset.cron + '): ' + r.outcome); },
          'advance': async () => { const r = await call('POST', '/crons/advance?seconds=' + enc($('advance-seconds').value)); $('advance-output').textContent = 'now ' + r.now; status('Clock advanced'); },
          'clear-logs': () => { $('log-list').replaceChildren(); },
        };

        document.addEventListener('click', async (event) => {
          const button = event.target.closest('[data-action]');
          if (!button || !actions[button.dataset.action]) return;
          event.preventDefault();
          try {
            await actions[button.dataset.action](button);
            // What the action changed shows at once: the peeked queue and the section's figures.
            if (current() === 'queues' && button.dataset.action !== 'peek' && state.peeked && !$('queue-peek').hidden) await peek(state.peeked);
            const section = current();
            if (section === 'queues' || section === 'crons') await refresh(section);
          } catch (error) {
            status(error.message, true);
          }
        });
        $('log-worker').addEventListener('change', connectLogs);
        $('log-level').addEventListener('change', connectLogs);
        window.addEventListener('hashchange', () => show(location.hash.slice(1)));
        fillWorkers();
        fillDatabases();
        show(location.hash.slice(1));
        // Depths and fire times change on their own: keep those sections fresh.
        setInterval(() => {
          const section = current();
          if (!document.hidden && (section === 'queues' || section === 'crons')) refresh(section).catch(() => {});
        }, 1000);
        })();
        """#
}
