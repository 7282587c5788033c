"""The web app in real headless Chromium (selenium + /usr/bin/chromedriver), served by
waitress on loopback: following links from the home page down to one highlighted sentence,
the interactive graph and timeline, hostile text staying inert under the CSP, and the
layout on a laptop and on a phone (screenshots in tests/artifacts/).

Skipped only when Chromium, chromedriver or selenium is not installed.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web import Site, build_site, sentence

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).parent / "artifacts"
LAPTOP = (1280, 800)
PHONE = (390, 844)
WAIT = 10   # seconds a page may take to settle (never reached on a working app)

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    pytest.skip(f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install .[dev])")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def base(site: Site) -> Iterator[str]:
    """The app served by waitress on a free loopback port, in a thread."""
    from rashomon.deliver.web import make_server

    server = make_server(site.db, "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    profile = tempfile.mkdtemp(prefix="rashomon-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(WAIT * 3)
    try:
        yield driver
    finally:
        driver.quit()


def viewport(driver, size: tuple[int, int], mobile: bool = False) -> None:
    """Emulate a screen of exactly ``size`` CSS pixels."""
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def errors_logged(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def screenshot(driver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def wait(driver, condition) -> object:
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d))


def in_view(driver, element) -> bool:
    top, bottom, height = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight];", element)
    return top >= 0 and bottom <= height


def test_from_home_to_the_highlighted_sentence(site: Site, base: str, browser) -> None:
    viewport(browser, LAPTOP)
    browser.get(base + "/")
    browser.find_element(By.CSS_SELECTOR, f"a[href='/story/{site.ids['fire']}']").click()
    wait(browser, lambda d: d.current_url.endswith(f"/story/{site.ids['fire']}"))
    assert browser.find_element(By.TAG_NAME, "h1").text == (
        "Fire at Rotterdam warehouse kills 12, officials say")
    courier = site.articles["courier"]
    want = sentence(courier, "at least 15 people had died")
    claim = browser.find_element(
        By.CSS_SELECTOR, f"a.claim-link[href^='/article/{courier.id}?hl={want.start}-']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", claim)
    claim.click()
    wait(browser, lambda d: f"/article/{courier.id}?hl=" in d.current_url)
    mark = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#body mark.hl"))
    assert mark.text == want.text == (
        "Emergency services said at least 15 people had died, while 27 others were treated "
        "in hospital.")
    assert mark.get_attribute("id") == f"s-{want.start}-{want.end}"
    wait(browser, lambda d: in_view(d, mark))
    assert browser.execute_script("return window.scrollY") > 0     # it was below the fold
    assert errors_logged(browser) == []
    screenshot(browser, "article-highlight-laptop")


def test_entity_graph_is_drawn_and_navigable(site: Site, base: str, browser) -> None:
    viewport(browser, LAPTOP)
    browser.get(f"{base}/entity/{site.ids['mayor']}")
    nodes = wait(browser, lambda d: len(found := d.find_elements(
        By.CSS_SELECTOR, "svg#graph a.node")) > 2 and found)
    names = [n.find_element(By.TAG_NAME, "text").text for n in nodes]
    assert names[0] == "Willem Bakker" and "Rotterdam" in names
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg#graph line.edge")) >= len(nodes) - 1
    wait(browser, lambda d: d.execute_script(      # the layout settles inside the view
        "const s = document.getElementById('graph').getBoundingClientRect();"
        "return [...document.querySelectorAll('#graph a.node circle')].every(c => {"
        " const r = c.getBoundingClientRect();"
        " return r.left >= s.left && r.right <= s.right && r.top >= s.top"
        " && r.bottom <= s.bottom; });"))
    before = browser.find_element(By.ID, "graph").get_dom_attribute("viewBox")
    browser.find_element(By.CSS_SELECTOR, "#graph-block button[data-zoom='in']").click()
    after = browser.find_element(By.ID, "graph").get_dom_attribute("viewBox")
    assert float(after.split()[2]) < float(before.split()[2])       # zoomed in: narrower view
    screenshot(browser, "entity-graph-laptop")
    browser.find_element(By.CSS_SELECTOR, "#graph-block button[data-zoom='reset']").click()
    target = next(n for n in nodes if n.find_element(By.TAG_NAME, "text").text == "Rotterdam")
    entity_id = target.get_dom_attribute("data-id")
    target.find_element(By.TAG_NAME, "circle").click()   # a click without a drag opens it
    wait(browser, lambda d: d.current_url == f"{base}/entity/{entity_id}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Rotterdam"
    assert errors_logged(browser) == []


def test_timeline_draws_events_and_zooms(site: Site, base: str, browser) -> None:
    viewport(browser, LAPTOP)
    browser.get(f"{base}/timeline?story={site.ids['fire']}")
    marks = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "svg#timeline .mark"))
    links = browser.find_elements(By.CSS_SELECTOR, "svg#timeline .events a")
    assert len(marks) == len(links) >= 1
    assert all(a.get_dom_attribute("href").startswith("/article/a") for a in links)
    ticks = browser.execute_script(
        "return [...document.querySelectorAll('#timeline .axis text')].map(t => t.textContent)")
    browser.find_element(By.CSS_SELECTOR, "button[data-zoom='in']").click()
    zoomed = browser.execute_script(
        "return [...document.querySelectorAll('#timeline .axis text')].map(t => t.textContent)")
    assert ticks and zoomed != ticks
    screenshot(browser, "timeline-laptop")
    assert errors_logged(browser) == []


def test_hostile_page_runs_no_script_and_csp_blocks_inline(site: Site, base: str,
                                                           browser) -> None:
    viewport(browser, LAPTOP)
    for url in (f"/article/{site.articles['hostile'].id}", f"/story/{site.ids['hostile']}",
                f"/entity/{site.ids['brooks']}", "/search?q=%3Cscript%3E"):
        browser.get(base + url)
        wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
        assert browser.execute_script("return typeof window.__pwned") == "undefined", url
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - reading it raises when none is open
        assert not browser.find_elements(By.CSS_SELECTOR, "#body img, #body script")
        assert errors_logged(browser) == []
    title = browser.execute_script("return document.title")
    assert "<script>" in title                         # shown as text, in the search page title
    browser.get(f"{base}/article/{site.articles['hostile'].id}")
    assert "<script>window.__pwned=1;alert(1)</script>" in browser.find_element(
        By.TAG_NAME, "h1").text
    browser.execute_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.effectiveDirective));"
        "const s = document.createElement('script');"
        "s.textContent = 'window.__inline = 1';"
        "document.body.appendChild(s);")
    violations = wait(browser, lambda d: d.execute_script("return window.__violations"))
    assert violations[0].startswith("script-src")
    assert browser.execute_script("return typeof window.__inline") == "undefined"
    assert any("Content Security Policy" in e for e in errors_logged(browser))  # and drained


@pytest.mark.parametrize("size,label", [(LAPTOP, "laptop"), (PHONE, "phone")])
def test_pages_fit_laptop_and_phone(site: Site, base: str, browser, size, label) -> None:
    viewport(browser, size, mobile=label == "phone")
    courier = site.articles["courier"]
    want = sentence(courier, "at least 15 people had died")
    pages = {"home": "/", "story": f"/story/{site.ids['fire']}",
             "article": f"/article/{courier.id}?hl={want.start}-{want.end}",
             "entity": f"/entity/{site.ids['company']}",
             "timeline": f"/timeline?story={site.ids['fire']}"}
    for name, url in pages.items():
        browser.get(base + url)
        wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is wider than the {label} screen by {overflow}px"
        screenshot(browser, f"{name}-{label}")
    assert errors_logged(browser) == []
