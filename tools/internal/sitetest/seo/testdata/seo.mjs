// Runs Lighthouse's SEO category on every URL given, in one headless
// Chromium (CHROME_PATH): starting Chromium and loading Lighthouse once
// rather than once a page, as the CLI would, makes five pages cost little
// more than one. Prints one JSON object: URL → {score, below}, where
// below lists the weighted audits under 100 with their titles.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// Stopped (the test's deadline), take Chromium along: it was started
// detached and would outlive this process.
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    chrome.kill().finally(() => process.exit(1));
  });
}
const out = {};
try {
  for (const url of process.argv.slice(2)) {
    const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['seo'], logLevel: 'error' });
    const seo = lhr.categories.seo;
    out[url] = {
      score: seo.score,
      below: seo.auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== 1)
        .map((ref) => `${ref.id} (${lhr.audits[ref.id].title}) ${lhr.audits[ref.id].displayValue ?? ''}`.trim()),
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(out));
