"""/docs and /redoc in a real browser: headless Chromium (Debian's), with no network,
against a real server. The pages render under the API's own Content-Security-Policy from
assets the API serves, list every operation of /openapi.json, and "Try it out" returns
data, on a record without typing its id.

Chromium and chromedriver are Debian's (`chromium`, `chromium-driver`), installed by
`make browser`, never by a test: without them this module skips, except in CI (CI=true,
set by .ci/run), where it fails. Selenium drives /usr/bin/chromedriver directly, so
Selenium Manager never runs and nothing is downloaded. Only loopback is reachable: host
names other than 127.0.0.1 do not resolve, and everything else goes to a proxy on a
loopback port that refuses connections.
"""

import json
import os
import socket
import subprocess
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from seed.loader import seed
from tests.support import SOURCES, live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TITLE = "Chengdu–Chongqing Economic Circle API"
WAIT = 30.0
GUANG_AN_PROJECT = "chongqing-metropolitan-area-development-plan"


# --- Chromium, installed by `make browser` ------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """/usr/bin/chromium and /usr/bin/chromedriver. Missing, the module skips on a
    developer's machine and fails in CI (CI=true), naming the target that installs them."""
    missing = [str(binary) for binary in (CHROMIUM, CHROMEDRIVER) if not binary.is_file()]
    if missing:
        message = (
            f"{' and '.join(missing)} missing: run `make browser` (as root; it installs "
            "Debian's chromium and chromium-driver)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


# --- The server ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`circle serve` on a free loopback port over a freshly seeded SQLite file."""
    folder = tmp_path_factory.mktemp("docs-browser")
    database = folder / "circle.sqlite3"
    seed(f"sqlite:///{database}", SOURCES)
    with live_server(f"sqlite:///{database}", folder / "server.log") as base:
        yield base


@pytest.fixture(scope="module")
def openapi(base_url: str) -> dict[str, Any]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        got = client.get("/openapi.json")
    assert got.status_code == 200
    document: dict[str, Any] = got.json()
    return document


# --- The browser ---------------------------------------------------------------------------


@pytest.fixture
def dead_proxy() -> Iterator[int]:
    """A loopback port that is bound but never listens: every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        yield port


@pytest.fixture
def browser(chromium: Path, dead_proxy: int, tmp_path: Path) -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = str(chromium)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1280,1024",
        # No network: no name but 127.0.0.1 resolves, and whatever is not loopback
        # (an IP literal, say) goes through a proxy that refuses every connection.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--proxy-server=http://127.0.0.1:{dead_proxy}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=str(CHROMEDRIVER), log_output=subprocess.DEVNULL)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(WAIT)
        yield driver
    finally:
        driver.quit()


def _wait(driver: webdriver.Chrome) -> WebDriverWait[webdriver.Chrome]:
    return WebDriverWait(driver, WAIT)


def _open_docs(driver: webdriver.Chrome, base_url: str) -> None:
    driver.get(f"{base_url}/docs")
    _wait(driver).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, ".swagger-ui .info .title")
            and d.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock")
        ),
        "Swagger UI did not render /openapi.json",
    )


def _log(driver: webdriver.Chrome, kind: str) -> list[dict[str, Any]]:
    """Chromium's `browser` (console) or `performance` (DevTools events) log since the last
    call; reading it empties it."""
    entries: list[dict[str, Any]] = driver.get_log(kind)  # type: ignore[no-untyped-call]
    return entries


def _requested_urls(driver: webdriver.Chrome) -> list[str]:
    urls = []
    for entry in _log(driver, "performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(str(message["params"]["request"]["url"]))
    return urls


def _severe_console(driver: webdriver.Chrome) -> list[str]:
    return [
        str(entry["message"]) for entry in _log(driver, "browser") if entry["level"] == "SEVERE"
    ]


def _operation(driver: webdriver.Chrome, tag: str, operation_id: str) -> WebElement:
    """Opens an operation the way a reader does, in "Try it out" mode."""
    block = driver.find_element(By.ID, f"operations-{tag}-{operation_id}")
    block.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    button = _wait(driver).until(
        lambda _: block.find_element(By.CSS_SELECTOR, ".try-out__btn"),
        f"{operation_id} did not open",
    )
    if button.text.strip() == "Try it out":  # tryItOutEnabled opens it in that mode already
        button.click()
    _wait(driver).until(
        lambda _: block.find_element(By.CSS_SELECTOR, "button.execute"),
        f"{operation_id} has no Execute button",
    )
    return block


def _execute(driver: webdriver.Chrome, block: WebElement) -> tuple[str, str, Any]:
    """Clicks Execute; returns the request URL, the status code and the parsed body shown."""
    block.find_element(By.CSS_SELECTOR, "button.execute").click()

    def shown(_: Any) -> bool:
        errors = block.find_elements(By.CSS_SELECTOR, ".validation-errors")
        assert not errors, f"Swagger UI refused to send: {errors[0].text}"
        return bool(block.find_elements(By.CSS_SELECTOR, ".live-responses-table .response"))

    _wait(driver).until(shown, "no response was shown")
    url = block.find_element(By.CSS_SELECTOR, ".request-url pre").text.strip()
    response = block.find_element(By.CSS_SELECTOR, ".live-responses-table .response")
    status = response.find_element(By.CSS_SELECTOR, ".response-col_status").text.strip()
    body = response.find_element(By.CSS_SELECTOR, ".highlight-code pre")
    return url, status, json.loads(body.get_attribute("textContent") or "null")


# --- The tests -----------------------------------------------------------------------------


def test_the_browser_reaches_nothing_but_loopback(browser: webdriver.Chrome, base_url: str) -> None:
    for outside in ("http://example.com/", "http://93.184.215.14/", "https://1.1.1.1/"):
        with pytest.raises(WebDriverException, match=r"net::ERR_"):
            browser.get(outside)
    browser.get(f"{base_url}/healthz")
    assert "ok" in browser.find_element(By.TAG_NAME, "body").text


def test_docs_page_renders_offline_under_its_csp(
    browser: webdriver.Chrome, base_url: str, tmp_path: Path
) -> None:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        csp = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "connect-src 'self';" in csp

    _requested_urls(browser)  # drains what the browser did before the page
    _open_docs(browser, base_url)

    assert browser.title == "Chengdu-Chongqing Economic Circle API - docs"
    title = browser.find_element(By.CSS_SELECTOR, ".swagger-ui .info .title").text
    assert title.startswith(TITLE)
    assert metadata.version("circle-api") in title  # the package's version, as /openapi.json
    assert "OAS 3.1" in title
    assert browser.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock-tag-section")

    # Every asset came from the API itself; nothing was blocked or broken on the way.
    fetched = [url for url in _requested_urls(browser) if url.split(":")[0] in {"http", "https"}]
    assert fetched, "the browser logged no request"
    assert [url for url in fetched if not url.startswith(f"{base_url}/")] == []
    for path in (
        "/docs",
        "/static/swagger-ui.css",
        "/static/swagger-ui-bundle.js",
        "/static/docs.js",
        "/openapi.json",
    ):
        assert f"{base_url}{path}" in fetched
    assert _severe_console(browser) == []

    shot = tmp_path / "docs.png"
    assert browser.save_screenshot(str(shot))
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def test_docs_page_lists_every_operation(
    browser: webdriver.Chrome, base_url: str, openapi: dict[str, Any]
) -> None:
    _open_docs(browser, base_url)
    documented = {
        (method.upper(), path, operation["summary"])
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
    }
    # One round trip: what each rendered operation block shows as method, path, summary.
    rows = browser.execute_script(
        """return Array.from(document.querySelectorAll(".swagger-ui .opblock"), (block) => [
            block.querySelector(".opblock-summary-method").textContent.trim(),
            block.querySelector(".opblock-summary-path").dataset.path,
            block.querySelector(".opblock-summary-description").textContent.trim(),
        ]);"""
    )
    shown = {(method, path, summary) for method, path, summary in rows}
    # Per collection a list, a record and two exports; and /healthz, /readyz, /v1,
    # /v1/search, the data package as JSON and as a zip, a source's annotations and page.
    assert len(rows) == len(shown) == len(documented) == 4 * 10 + 8
    assert shown == documented
    tags = browser.execute_script(
        """return Array.from(document.querySelectorAll(".swagger-ui .opblock-tag"),
            (tag) => tag.dataset.tag);"""
    )
    assert sorted(tags) == sorted(tag["name"] for tag in openapi["tags"])


def test_try_it_out_as_the_page_fills_it_in_returns_data(
    browser: webdriver.Chrome, base_url: str
) -> None:
    _open_docs(browser, base_url)
    block = _operation(browser, "projects", "list_projects")
    url, status, body = _execute(browser, block)
    assert url.startswith(f"{base_url}/v1/projects"), url
    assert status == "200"
    assert body["total"] > 0, f"Execute, untouched, matched nothing; the page sent {url}"
    assert body["items"]


def test_try_it_out_with_a_filter_returns_its_records(
    browser: webdriver.Chrome, base_url: str
) -> None:
    _open_docs(browser, base_url)
    block = _operation(browser, "projects", "list_projects")
    regions = Select(block.find_element(By.CSS_SELECTOR, 'tr[data-param-name="regions"] select'))
    regions.deselect_all()  # a plain click: this one value and no other
    regions.select_by_value("guang-an")

    url, status, body = _execute(browser, block)

    assert url.startswith(f"{base_url}/v1/projects?"), url
    assert "regions=guang-an" in url
    assert status == "200"
    ids = [item["id"] for item in body["items"]]
    assert GUANG_AN_PROJECT in ids, f"the page sent {url}"
    with httpx.Client(base_url=base_url, timeout=10) as client:
        expected = client.get("/v1/projects", params={"regions": "guang-an"}).json()
    assert ids == [item["id"] for item in expected["items"]]
    assert body["total"] == expected["total"]


PAGE = "/v1/sources/cc-economic-circle-2022/page"


def test_the_annotated_article_links_spans_and_records_both_ways(
    browser: webdriver.Chrome, base_url: str, tmp_path: Path
) -> None:
    """The article with its cited spans highlighted, offline: a highlighted passage leads
    to its span, the span to the records it supports, a record back to its spans and the
    span back to the text. Reached from /docs (the API's description links it)."""
    _open_docs(browser, base_url)
    link = browser.find_element(By.CSS_SELECTOR, f'.swagger-ui .info a[href="{PAGE}"]')
    _requested_urls(browser)
    browser.get(link.get_attribute("href") or "")  # Swagger UI opens it in a new tab
    assert browser.current_url == f"{base_url}{PAGE}"
    shot = tmp_path / "page.png"
    assert browser.save_screenshot(str(shot))
    assert len(shot.read_bytes()) > 10_000
    fetched = [u for u in _requested_urls(browser) if u.split(":")[0] in {"http", "https"}]
    assert [u for u in fetched if not u.startswith(f"{base_url}/")] == []
    assert _severe_console(browser) == []

    # "Yangtze River": only Li Zhiqiang's reported statement cites it.
    mark = next(m for m in browser.find_elements(By.CSS_SELECTOR, "a.mark") if "Yangtze" in m.text)
    mark.click()
    span_id = browser.current_url.split("#")[1]
    assert span_id.startswith("s-")
    span = browser.find_element(By.ID, span_id)
    records = [a.get_attribute("href") or "" for a in span.find_elements(By.CSS_SELECTOR, "ul a")]
    assert f"{base_url}{PAGE}#r-quotes-li-zhiqiang-chongqing-logistics" in records
    span.find_element(
        By.CSS_SELECTOR, 'ul a[href="#r-quotes-li-zhiqiang-chongqing-logistics"]'
    ).click()
    record = browser.find_element(By.ID, "r-quotes-li-zhiqiang-chongqing-logistics")
    assert record.find_element(By.CSS_SELECTOR, "a").get_attribute("href") == (
        f"{base_url}/v1/quotes/li-zhiqiang-chongqing-logistics"
    )
    back = record.find_element(By.CSS_SELECTOR, f'a[href="#{span_id}"]')
    back.click()
    browser.find_element(By.ID, span_id).find_element(By.CSS_SELECTOR, "a").click()
    assert browser.current_url.split("#")[1].startswith("t-")


def test_try_it_out_on_a_record_needs_no_typing(browser: webdriver.Chrome, base_url: str) -> None:
    """The id box holds the documented example id: Execute, untouched, returns a record."""
    _open_docs(browser, base_url)
    block = _operation(browser, "projects", "get_project")
    box = block.find_element(By.CSS_SELECTOR, 'tr[data-param-name="id"] input')
    assert box.get_attribute("value") == "chengdu-chongqing-hsr-middle-line"
    url, status, body = _execute(browser, block)
    assert url == f"{base_url}/v1/projects/chengdu-chongqing-hsr-middle-line"
    assert status == "200"
    assert body["id"] == "chengdu-chongqing-hsr-middle-line"


def test_redoc_renders_offline_under_the_csp(
    browser: webdriver.Chrome, base_url: str, openapi: dict[str, Any]
) -> None:
    _requested_urls(browser)
    browser.get(f"{base_url}/redoc")
    _wait(browser).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, "h1")
            and d.find_elements(By.CSS_SELECTOR, "[data-section-id^='operation/']")
        ),
        "Redoc did not render /openapi.json",
    )
    assert browser.find_element(By.CSS_SELECTOR, "h1").text.startswith(TITLE)
    sections = browser.execute_script(
        """return Array.from(document.querySelectorAll("[data-section-id^='operation/']"),
            (s) => s.dataset.sectionId);"""
    )
    paths = openapi["paths"].values()
    operations = {f"operation/{op['operationId']}" for item in paths for op in item.values()}
    assert set(sections) == operations
    fetched = [url for url in _requested_urls(browser) if url.split(":")[0] in {"http", "https"}]
    assert [url for url in fetched if not url.startswith(f"{base_url}/")] == []
    assert f"{base_url}/static/redoc.standalone.js" in fetched
    assert f"{base_url}/openapi.json" in fetched
    assert _severe_console(browser) == []
