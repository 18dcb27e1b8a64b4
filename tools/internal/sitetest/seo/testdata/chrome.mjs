// One headless Chromium (CHROME_PATH) for the Lighthouse scripts here:
// started once, so that several pages cost little more than one, and
// taken along when the script is stopped (the test's deadline: it was
// started detached and would outlive the script).
import * as chromeLauncher from 'chrome-launcher';

export async function launch() {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const sig of ['SIGTERM', 'SIGINT']) {
    process.on(sig, () => {
      chrome.kill().finally(() => process.exit(1));
    });
  }
  return chrome;
}
