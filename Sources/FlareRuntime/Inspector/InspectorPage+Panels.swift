extension InspectorPage {
    /// The interactive part of each section, below its refreshed fragment; the script fills it in
    /// from the JSON API.
    static let panels: [String: String] = [
        "queues": """
        <div class="panel" id="queue-send" hidden><h3>Send a test message to <span id="send-queue"></span></h3>
        <p>One JSON message per line.</p>
        <textarea id="send-body" rows="4" cols="70">{"hello": "inspector"}</textarea>
        <button type="button" data-action="send">Send</button></div>
        <div class="panel" id="queue-peek" hidden><h3>Messages in <span id="peek-queue"></span> <small id="peek-time"></small></h3>
        <div id="peek-output"></div></div>
        """,
        "d1": """
        <div class="panel" id="table-view" hidden><h3 id="table-title"></h3>
        <p><button type="button" data-action="page" data-step="-1">← Previous</button>
        <span id="table-range"></span>
        <button type="button" data-action="page" data-step="1">Next →</button></p>
        <div id="table-output"></div></div>
        <div class="panel" id="sql-console"><h3>SQL console</h3>
        <p><label>Database <select id="sql-db"></select></label></p>
        <textarea id="sql-input" rows="4" cols="70">SELECT name FROM sqlite_schema WHERE type = 'table'</textarea>
        <p><button type="button" data-action="run-sql" id="sql-run">Run</button>
        <small>Runs as <code>wrangler d1 execute --local --command</code>: one transaction, D1's errors.</small></p>
        <div id="sql-output"></div></div>
        """,
        "r2": """
        <div class="panel" id="r2-browser" hidden><h3>Bucket <span id="r2-bucket"></span></h3>
        <p><label>Prefix <input id="r2-prefix" size="30"></label>
        <label><input type="checkbox" id="r2-delimited" checked> group by “/”</label>
        <button type="button" data-action="list-objects">List</button></p>
        <div id="r2-listing"></div>
        <h4>Upload</h4>
        <p><label>Key <input id="r2-upload-key" size="30"></label> <input type="file" id="r2-file">
        <button type="button" data-action="upload">Upload</button></p>
        <div id="r2-object" hidden><h4>Object <span id="r2-object-key"></span>
        <button type="button" data-action="delete-object">Delete</button></h4>
        <div id="r2-meta"></div><div id="r2-preview"></div></div></div>
        """,
        "crons": """
        <div class="panel"><h3>Advance the manual clock</h3>
        <p><label>Seconds <input id="advance-seconds" type="number" value="60" min="0"></label>
        <button type="button" data-action="advance" id="advance-button">Advance</button>
        <span id="advance-output"></span></p></div>
        """,
        "workers": """
        <div class="panel" id="logs"><h3>Live logs</h3>
        <p><label>Worker <select id="log-worker"><option value="">all</option></select></label>
        <label>Level <select id="log-level"><option value="">all</option><option>debug</option>
        <option>info</option><option>notice</option><option>warning</option><option>error</option></select></label>
        <span id="log-state"></span> <button type="button" data-action="clear-logs">Clear</button></p>
        <ol id="log-list" class="logs"></ol></div>
        """,
    ]
}
