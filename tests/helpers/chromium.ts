import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when it runs as root). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether Debian's Chromium is installed here. */
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

/**
 * Starts headless Chromium through playwright-core. Without the background-networking flags, Chromium
 * floods a closed network with refused connections at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
