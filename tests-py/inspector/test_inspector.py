"""The inspector in a real browser (headless Chromium): queue depth after a trigger, peeking a
message, the SQL console, browsing and previewing an R2 object, redriving a dead-lettered message,
and the live log stream. Screenshots go to test-artifacts/inspector/.

The tests share one `swiftflare dev` and run in file order: each builds on the state the previous
one left (the queue the trigger filled, the message that was dead-lettered)."""

import base64
import http.client
import json

from inspector_support import ARTIFACTS

from selenium.webdriver.support.ui import WebDriverWait

QUEUE = "historical-data-queue"
DLQ = "historical-data-dlq"
DATABASE = "b37495a5-d7dc-4104-afab-4a9805eb5461"
BUCKET = "building-vitals-cache"
# A 2×2 PNG (red, green, blue, white).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")


def wait(browser, condition, timeout=20, message=""):
    """Waits (bounded) until `condition(browser)` is truthy and returns it."""
    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(lambda d: condition(d), message)


def js(browser, script, *args):
    return browser.execute_script(script, *args)


def click(browser, selector):
    """Clicks in the page itself: the refreshed fragments replace their buttons every second."""
    clicked = js(browser, "const b = document.querySelector(arguments[0]); if (b) b.click(); return !!b;", selector)
    assert clicked, f"nothing matches {selector}"


def text(browser, selector):
    return js(browser, "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector)


def cell(browser, queue, column):
    value = text(browser, f'tr[data-queue="{queue}"] td.{column}')
    return int(value) if value not in (None, "–") else None


def open_tab(browser, server, tab):
    browser.get(f"{server.inspector}#{tab}")
    wait(browser, lambda d: js(d, "return !document.getElementById(arguments[0]).hidden", tab))


def shot(browser, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = js(browser, "return document.documentElement.scrollHeight")
    browser.set_window_size(1400, max(1000, min(height + 40, 4000)))
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    browser.set_window_size(1400, 1000)


def test_page_is_served_with_every_section(browser, dev_server):
    open_tab(browser, dev_server, "queues")
    assert browser.title == "swiftflare inspector"
    tabs = js(browser, "return [...document.querySelectorAll('nav a')].map(a => a.textContent)")
    assert tabs == ["Queues", "D1", "R2", "Crons", "Workers & logs"]
    assert cell(browser, QUEUE, "backlog") == 0
    # Only loopback hosts: a page on another origin (or a rebinding name) is refused.
    conn = http.client.HTTPConnection("127.0.0.1", dev_server.port, timeout=10)
    try:
        conn.request("GET", "/cdn-cgi/local/inspector", headers={"Host": "inspector.example.com"})
        assert conn.getresponse().status == 403
    finally:
        conn.close()


def test_queue_depth_changes_after_a_trigger_and_a_message_can_be_peeked(browser, dev_server):
    open_tab(browser, dev_server, "queues")
    # Paused, the queue keeps what the import produces, so the depth can be watched.
    click(browser, f'tr[data-queue="{QUEUE}"] button[data-action="pause"]')
    wait(browser, lambda d: text(d, f'tr[data-queue="{QUEUE}"] .badge') == "paused")
    status, body = dev_server.request("POST", "/trigger")
    assert status == 200, body[:300]
    backlog = wait(browser, lambda d: cell(d, QUEUE, "backlog"), message="the backlog never grew")
    assert backlog == dev_server.queue(QUEUE)["backlog"] > 0
    shot(browser, "01-queues-after-trigger")

    click(browser, f'tr[data-queue="{QUEUE}"] button[data-action="peek"]')
    wait(browser, lambda d: js(d, "return document.querySelectorAll('#peek-output table.messages tbody tr').length"))
    first = js(browser, "return [...document.querySelectorAll('#peek-output tbody tr:first-child td')]"
                        ".map(td => td.textContent)")
    assert len(first[0]) == 32  # the message id
    assert first[1] == "0"  # no failed attempts yet
    assert '"symbol": "BTC-USDC"' in first[5] and '"source": "cryptocompare"' in first[5]
    shot(browser, "02-queue-peek")

    # Resumed, the consumer takes the backlog once the (manual) batch timeout has passed.
    click(browser, f'tr[data-queue="{QUEUE}"] button[data-action="resume"]')
    wait(browser, lambda d: text(d, f'tr[data-queue="{QUEUE}"] .badge') is None)
    dev_server.advance(6)
    wait(browser, lambda d: cell(d, QUEUE, "backlog") == 0 and cell(d, QUEUE, "in-flight") == 0)
    assert js(browser, f"return document.querySelector('tr[data-queue=\"{QUEUE}\"] svg.spark polyline') !== null")


def test_sql_console_runs_a_query_and_shows_the_rows(browser, dev_server):
    open_tab(browser, dev_server, "d1")
    js(browser, "document.getElementById('sql-db').value = arguments[0];", DATABASE)
    assert js(browser, "return document.getElementById('sql-db').value") == DATABASE
    box = browser.find_element("id", "sql-input")
    box.clear()
    box.send_keys("SELECT source, timeframe, COUNT(*) AS n FROM price_data GROUP BY source, timeframe")
    click(browser, "#sql-run")
    wait(browser, lambda d: js(d, "return document.querySelector('#sql-output table.sql-result') !== null"))
    header = js(browser, "return [...document.querySelectorAll('#sql-output thead th')].map(t => t.textContent)")
    rows = js(browser, "return [...document.querySelectorAll('#sql-output tbody tr')]"
                       ".map(r => [...r.children].map(td => td.textContent))")
    assert header == ["source", "timeframe", "n"]
    assert rows == [["cryptocompare", "1d", str(int(rows[0][2]))]] and int(rows[0][2]) > 0
    shot(browser, "03-d1-sql-console")

    box.clear()
    box.send_keys("SELECT * FROM no_such_table")
    click(browser, "#sql-run")
    wait(browser, lambda d: text(d, "#sql-output .sql-error"))
    assert text(browser, "#sql-output .sql-error") == "D1_ERROR: no such table: no_such_table: SQLITE_ERROR"

    click(browser, f'.d1-db[data-db="{DATABASE}"] button[data-table="d1_migrations"]')
    wait(browser, lambda d: js(d, "return document.querySelectorAll('#table-output tbody tr').length") == 2)
    assert "0001_price_data_schema.sql" in text(browser, "#table-output")
    assert text(browser, "#table-range") == "1–2 of 2"


def test_bucket_browser_previews_json_and_images(browser, dev_server, tmp_path):
    document = json.dumps({"site": "<b>hq</b>", "points": [1, 2, 3]}).encode()
    status, _ = dev_server.request(
        "PUT", f"/cdn-cgi/local/r2/{BUCKET}/reports/2025/summary.json?contentType=application/json", document)
    assert status == 200
    open_tab(browser, dev_server, "r2")
    click(browser, f'button[data-action="browse-bucket"][data-bucket="{BUCKET}"]')
    wait(browser, lambda d: js(d, "return document.querySelector('button[data-prefix=\"reports/\"]') !== null"))
    click(browser, 'button[data-prefix="reports/"]')
    wait(browser, lambda d: js(d, "return document.querySelector('button[data-prefix=\"reports/2025/\"]') !== null"))
    click(browser, 'button[data-prefix="reports/2025/"]')
    wait(browser, lambda d: js(d, "return document.querySelector('button[data-key=\"reports/2025/summary.json\"]') !== null"))
    click(browser, 'button[data-key="reports/2025/summary.json"]')
    preview = wait(browser, lambda d: text(d, "#r2-preview pre.preview"))
    assert json.loads(preview) == {"site": "<b>hq</b>", "points": [1, 2, 3]}
    assert js(browser, "return document.querySelector('#r2-preview b')") is None  # shown as text, not markup
    meta = dict(js(browser, "return [...document.querySelectorAll('#r2-meta tbody tr')]"
                            ".map(r => [r.children[0].textContent, r.children[1].textContent])"))
    assert meta["size"] == str(len(document)) and meta["contentType"] == "application/json"
    assert "storedSize" in meta and meta["encoding"] in ("identity", "br")
    shot(browser, "04-r2-json-preview")

    image = tmp_path / "pixel.png"
    image.write_bytes(PNG)
    browser.find_element("id", "r2-upload-key").send_keys("reports/2025/pixel.png")
    browser.find_element("id", "r2-file").send_keys(str(image))
    click(browser, 'button[data-action="upload"]')
    wait(browser, lambda d: js(d, "return document.querySelector('button[data-key=\"reports/2025/pixel.png\"]') !== null"))
    click(browser, 'button[data-key="reports/2025/pixel.png"]')
    wait(browser, lambda d: js(d, "const i = document.querySelector('#r2-preview img'); return i && i.complete && i.naturalWidth"))
    assert js(browser, "return document.querySelector('#r2-preview img').naturalWidth") == 2
    shot(browser, "05-r2-image-preview")


def test_a_dead_lettered_message_is_redriven(browser, dev_server):
    open_tab(browser, dev_server, "queues")
    # Paused, the DLQ keeps what arrives (its consumer would record it in failed_ingestions).
    click(browser, f'tr[data-queue="{DLQ}"] button[data-action="pause"]')
    wait(browser, lambda d: text(d, f'tr[data-queue="{DLQ}"] .badge') == "paused")
    click(browser, f'tr[data-queue="{QUEUE}"] button[data-action="send-form"]')
    box = browser.find_element("id", "send-body")
    box.clear()
    box.send_keys("null")  # a poisoned message: the consumer retries it until it is dead-lettered
    click(browser, 'button[data-action="send"]')
    wait(browser, lambda d: "Sent 1" in (text(d, "#status") or ""))
    # max_retries = 3: four deliveries, each after the (manual) 5 s batch timeout.
    for _ in range(8):
        if dev_server.queue(DLQ)["backlog"] == 1:
            break
        dev_server.advance(6)
    wait(browser, lambda d: cell(d, DLQ, "backlog") == 1 and cell(d, QUEUE, "dlq") == 1)
    shot(browser, "06-queues-dead-lettered")

    click(browser, f'tr[data-queue="{DLQ}"] button[data-action="peek"]')
    wait(browser, lambda d: js(d, "return document.querySelectorAll('#peek-output tbody tr').length") == 1)
    assert text(browser, "#peek-output tbody tr td:last-child") == "null"

    # Pause the source so the redriven message stays visible there, then redrive.
    click(browser, f'tr[data-queue="{QUEUE}"] button[data-action="pause"]')
    wait(browser, lambda d: text(d, f'tr[data-queue="{QUEUE}"] .badge') == "paused")
    click(browser, f'tr[data-queue="{DLQ}"] button[data-action="redrive"]')
    wait(browser, lambda d: "Redrove 1 message(s) to historical-data-queue" in (text(d, "#status") or ""))
    wait(browser, lambda d: cell(d, DLQ, "backlog") == 0 and cell(d, QUEUE, "backlog") == 1)
    shot(browser, "07-queues-redriven")
    assert dev_server.queue(DLQ)["backlog"] == 0


def test_crons_show_next_fire_times_and_trigger_and_advance(browser, dev_server):
    open_tab(browser, dev_server, "crons")
    before = text(browser, "#clock-now")
    assert text(browser, "#crons-fragment td.next time")
    click(browser, 'button[data-action="trigger-cron"][data-worker="historical-data-queue-producer"]')
    wait(browser, lambda d: (text(d, "#status") or "").startswith("Ran historical-data-queue-producer"))
    browser.find_element("id", "advance-seconds").clear()
    browser.find_element("id", "advance-seconds").send_keys("3600")
    click(browser, "#advance-button")
    wait(browser, lambda d: (text(d, "#advance-output") or "").startswith("now "))
    wait(browser, lambda d: text(d, "#clock-now") != before)
    shot(browser, "08-crons")


def test_live_logs_stream_with_worker_and_level_filters(browser, dev_server):
    open_tab(browser, dev_server, "workers")
    assert "historical-data-queue-consumer" in text(browser, "#worker-table")
    js(browser, """
        const w = document.getElementById('log-worker'); w.value = 'historical-data-queue-consumer';
        w.dispatchEvent(new Event('change'));
        const l = document.getElementById('log-level'); l.value = 'error'; l.dispatchEvent(new Event('change'));""")
    wait(browser, lambda d: text(d, "#log-state") == "connected")
    # Live: the redriven poisoned message is delivered again and rejected again.
    dev_server.json("POST", f"/cdn-cgi/local/api/queues/{QUEUE}/resume")
    dev_server.advance(6)
    rejected = "return [...document.querySelectorAll('#log-list li')].filter(li => li.textContent.includes('rejected')).length"
    wait(browser, lambda d: js(d, rejected) > 0, message="no rejected message in the live log")
    entries = js(browser, "return [...document.querySelectorAll('#log-list li')].map(li => [li.className, li.textContent])")
    assert all(level in ("error", "critical") for level, _ in entries), entries
    assert all("[historical-data-queue-consumer]" in line for _, line in entries), entries
    shot(browser, "09-workers-and-logs")


def test_the_page_logged_no_script_errors(browser, dev_server):
    severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    # The one failed request is the SQL console's deliberate error (a 400 with D1's message).
    unexpected = [entry for entry in severe
                  if not (entry["source"] == "network" and f"/api/d1/{DATABASE}/query" in entry["message"])]
    assert unexpected == []
