// Runs Lighthouse's SEO category on every URL given, in one headless
// Chromium (CHROME_PATH): starting Chromium and loading Lighthouse once
// rather than once a page, as the CLI would, makes five pages cost little
// more than one. Prints one JSON object: URL → {score, below}, where
// below lists the weighted audits under 100 with their titles.
import lighthouse from 'lighthouse';
import { launch } from './chrome.mjs';

// The SEO audits read the loaded page, not how fast it got there: the
// seconds Lighthouse waits by default for the network and the CPU to be
// quiet after the load (for its performance figures) are left out.
const quiet = {
  extends: 'lighthouse:default',
  settings: { pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0 },
};

const chrome = await launch();
const out = {};
try {
  for (const url of process.argv.slice(2)) {
    const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['seo'], logLevel: 'error' }, quiet);
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
