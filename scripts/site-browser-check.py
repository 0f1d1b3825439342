#!/usr/bin/env python3
"""Opens every page of a site built by `learn site` in headless Chromium, from file://, in one session.

Usage: site-browser-check.py SITE_FOLDER SCREENSHOT_FOLDER [PAGE_FOR_SCREENSHOTS]

Fails (exit 1, one line per problem) on a console error, a failed request, a request for anything
outside the site (a URL that is not file: or data:), a broken internal link (missing file or missing
#fragment), a figure (<svg>) without its text alternative (<title> and <desc>, or aria-label), or a
page wider than a 375-pixel viewport. Saves full-page screenshots of one page (default: the English
lesson 3) at 375 and 1280 pixels wide into SCREENSHOT_FOLDER and prints their paths.
Exit 3 when the browser, its driver or Selenium is missing.
"""
import json
import os
import re
import shutil
import sys
import urllib.parse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("missing: python3-selenium (Selenium for this python3)")
    sys.exit(3)


def find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def main():
    site = os.path.abspath(sys.argv[1])
    shots = os.path.abspath(sys.argv[2])
    shot_page = sys.argv[3] if len(sys.argv) > 3 else None
    browser = find("chromium", "chromium-browser", "google-chrome")
    driver_path = find("chromedriver")
    if not browser or not driver_path:
        print("missing: " + ", ".join(n for n, p in (("chromium", browser), ("chromedriver", driver_path)) if not p))
        sys.exit(3)

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)

    pages = sorted(os.path.relpath(os.path.join(folder, name), site)
                   for folder, _, names in os.walk(site) for name in names if name.endswith(".html"))
    problems = []
    ids_cache = {}

    def ids_of(path):
        if path not in ids_cache:
            with open(path, encoding="utf-8") as handle:
                ids_cache[path] = set(re.findall(r'\bid="([^"]*)"', handle.read()))
        return ids_cache[path]

    def set_width(width, height=900):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    try:
        driver.execute_cdp_cmd("Network.enable", {})
        set_width(375)
        for page in pages:
            path = os.path.join(site, page)
            url = "file://" + urllib.parse.quote(path)
            driver.get_log("browser")
            driver.get_log("performance")
            driver.get(url)
            driver.execute_script("return document.readyState")
            for entry in driver.get_log("browser"):
                if entry.get("level") == "SEVERE":
                    problems.append(f"{page}: console error: {entry.get('message')}")
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                method, params = message.get("method"), message.get("params", {})
                if method == "Network.loadingFailed":
                    problems.append(f"{page}: failed request: {params.get('errorText')} {params.get('type', '')}")
                elif method == "Network.requestWillBeSent":
                    requested = params.get("request", {}).get("url", "")
                    if not (requested.startswith("file:") or requested.startswith("data:")):
                        problems.append(f"{page}: request outside the site: {requested}")
            report = driver.execute_script("""
                const links = [...document.querySelectorAll('a[href], link[href]')].map(e => e.href);
                const figures = [...document.querySelectorAll('svg')].filter(svg => {
                  const label = svg.getAttribute('aria-label');
                  const title = svg.querySelector(':scope > title'), desc = svg.querySelector(':scope > desc');
                  const named = (title && title.textContent.trim() && desc && desc.textContent.trim()) || (label && label.trim());
                  return !named;
                }).length;
                return {links, figures, svgs: document.querySelectorAll('svg').length,
                        width: document.documentElement.scrollWidth, lang: document.documentElement.lang};
            """)
            if report["width"] > 375:
                problems.append(f"{page}: wider than a 375-pixel viewport ({report['width']} px)")
            if report["figures"]:
                problems.append(f"{page}: {report['figures']} of {report['svgs']} figures have no text alternative")
            if not report["lang"]:
                problems.append(f"{page}: no lang attribute")
            for link in report["links"]:
                parsed = urllib.parse.urlparse(link)
                if parsed.scheme in ("http", "https", "mailto"):
                    continue
                if parsed.scheme != "file":
                    problems.append(f"{page}: link with scheme {parsed.scheme!r}: {link}")
                    continue
                target = urllib.parse.unquote(parsed.path)
                if not target.startswith(site + os.sep) or not os.path.isfile(target):
                    problems.append(f"{page}: broken link: {link}")
                elif parsed.fragment and urllib.parse.unquote(parsed.fragment) not in ids_of(target):
                    problems.append(f"{page}: broken link (no #{parsed.fragment} there): {link}")
        print(f"opened {len(pages)} pages")

        shot_page = shot_page or next((p for p in pages if re.match(r"en/lesson-03\b", p)), None)
        if shot_page:
            os.makedirs(shots, exist_ok=True)
            driver.get("file://" + urllib.parse.quote(os.path.join(site, shot_page)))
            for width in (375, 1280):
                set_width(width)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                set_width(width, min(int(height), 16000))
                name = os.path.join(shots, f"{os.path.basename(shot_page)[:-5]}-{width}.png")
                driver.save_screenshot(name)
                print(f"screenshot: {name}")
    finally:
        driver.quit()
    for problem in problems:
        print("problem: " + problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
