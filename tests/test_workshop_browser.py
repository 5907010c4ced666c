"""The phone page in real chromium (Debian's, via Selenium): join by the QR address, vote, change, give a reason."""

from __future__ import annotations

import shutil
from pathlib import Path
from collections.abc import Iterator

import pytest

from game.engine.session import Session
from game.workshop.room import Room
from game.workshop.server import Address, RoomServer
from test_workshop import CASE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = Path("/usr/bin/chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
if not CHROMIUM or not DRIVER.exists():
    pytest.skip("no browser here: install Debian's chromium and chromium-driver (.ci/run does)",
                allow_module_level=True)

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

OPTIONS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", "--window-size=360,740")


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for option in OPTIONS:
        options.add_argument(option)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def served(scenario) -> Iterator[tuple[Room, Address]]:
    room = Room(Session(scenario(CASE)), now=0.0, lang="nl")
    server = RoomServer(room)
    address = server.start("127.0.0.1", 0)
    try:
        yield room, address
    finally:
        room.close()
        server.stop()


def wait_for(driver: webdriver.Chrome, condition: object, seconds: float = 10) -> object:
    return WebDriverWait(driver, seconds).until(condition)


def status_says(text: str):
    return lambda driver: text in driver.find_element(By.ID, "status").text


def test_a_phone_joins_by_the_qr_address_votes_changes_and_gives_a_reason(browser, served):
    room, address = served
    browser.get(address.url(room.code))  # the QR carries the code: the phone joins at once
    wait_for(browser, lambda d: room.phones == 1)
    wait_for(browser, status_says("Je doet mee"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"

    room.open_vote()
    wait_for(browser, status_says("De stemming is open"))  # live update (WebSocket)
    greyed = browser.find_element(By.CSS_SELECTOR, "#choices li.unavailable")
    assert "Eerst vertrouwen winnen." in greyed.text
    assert not greyed.find_element(By.TAG_NAME, "input").is_enabled()

    browser.find_element(By.CSS_SELECTOR, "input[value='bellen']").click()
    browser.find_element(By.ID, "vote-button").click()
    wait_for(browser, lambda d: room.counts().get("bellen") == 1)
    browser.find_element(By.CSS_SELECTOR, "input[value='brief']").click()
    browser.find_element(By.ID, "vote-button").click()
    wait_for(browser, lambda d: room.counts() == {"bellen": 0, "brief": 1, "huisbezoek": 0})
    wait_for(browser, lambda d: "Je stem is gewijzigd" in d.find_element(By.ID, "notice").text)

    hostile = "<img src=x onerror=alert(1)> liever schriftelijk"
    field = wait_for(browser, ready.visibility_of_element_located((By.ID, "reason")))
    field.send_keys(hostile)
    browser.find_element(By.ID, "reason-button").click()
    wait_for(browser, lambda d: [r.text for r in room.reasons()] == [hostile])
    wait_for(browser, lambda d: hostile in d.find_element(By.ID, "my-reason").text)  # shown as text
    assert browser.find_elements(By.CSS_SELECTOR, "#my-reason img") == []

    room.close_vote()
    room.reveal()
    wait_for(browser, lambda d: "Een brief sturen: 1" in d.find_element(By.ID, "spread").text)


def test_a_wrong_code_is_said_on_the_page_and_the_language_switches(browser, served):
    room, address = served
    browser.get(address.url())
    field = wait_for(browser, ready.element_to_be_clickable((By.ID, "code")))
    browser.find_element(By.CSS_SELECTOR, "button[data-lang='en']").click()
    assert browser.find_element(By.ID, "join-button").text == "Join"
    field.send_keys("ZZZZ")
    browser.find_element(By.ID, "join-button").click()
    wait_for(browser, lambda d: "That code is not right" in d.find_element(By.ID, "error").text)
    assert room.phones == 0
    field.clear()
    field.send_keys(room.code.lower())
    browser.find_element(By.ID, "join-button").click()
    wait_for(browser, lambda d: room.phones == 1)
    wait_for(browser, status_says("You have joined"))
