// Measures Largest Contentful Paint of every URL given with Lighthouse's
// performance category under its default mobile throttling (simulated:
// a trace is taken, then replayed on a model of a slow 4G phone, so the
// figure depends little on how busy the machine is), in one headless
// Chromium (CHROME_PATH), RUNS times each (default 3). Prints one JSON
// object: URL → [LCP in ms, one per run]. With DETAIL set, the LCP
// element of each run goes to standard error.
import lighthouse from 'lighthouse';
import { launch } from './chrome.mjs';

const chrome = await launch();
const runs = Number(process.env.RUNS || 3);
const out = {};
try {
  for (let i = 0; i < runs; i++) {
    for (const url of process.argv.slice(2)) {
      const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], onlyAudits: ['largest-contentful-paint', 'lcp-breakdown-insight'], logLevel: 'error' });
      (out[url] ||= []).push(Math.round(lhr.audits['largest-contentful-paint'].numericValue));
      if (process.env.DETAIL) console.error(url, lhr.audits['lcp-breakdown-insight'].details?.items?.find(i => i.type == 'node')?.selector);
    }
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(out));
