// Runs Lighthouse (mobile) on each URL with one Debian Chromium, and prints one JSON object:
// {"URL": {"scores": {"accessibility": 1, ...}, "failing": [{"id", "title", "score", "category"}]}}.
// Usage: node audit.mjs CATEGORIES URL...   (CATEGORIES comma-separated, e.g. accessibility,seo)
// Chromium is CHROME_PATH (default /usr/bin/chromium); no network beyond the URLs given.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

const [categories, ...urls] = process.argv.slice(2);
const onlyCategories = (categories || "").split(",").filter(Boolean);
if (!onlyCategories.length || !urls.length) {
  console.error("usage: node audit.mjs CATEGORIES URL...");
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: FLAGS,
});
const results = {};
try {
  for (const url of urls) {
    const run = await lighthouse(url, {
      port: chrome.port, output: "json", logLevel: "error", formFactor: "mobile",
      onlyCategories, disableFullPageScreenshot: true,
    });
    const lhr = run.lhr;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const failing = [];
    for (const category of Object.values(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({ id: ref.id, title: audit.title, score: audit.score, category: category.id });
        }
      }
    }
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score]));
    results[url] = { scores, failing, warnings: lhr.runWarnings };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results, null, 1));
