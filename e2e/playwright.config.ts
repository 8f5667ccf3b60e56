import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';

/**
 * The config is evaluated by the runner and again by each worker; the port and database are chosen
 * once by the runner and handed to the workers through the environment.
 */
if (!process.env.E2E_PORT) {
  const freePort = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
  process.env.E2E_PORT = freePort;
  // A second MOBPROC server that connection-settings specs start themselves; the app's CSP must allow it.
  process.env.E2E_SECOND_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
  // The vendor-shaped MOBPROC server (e2e/vendor-server), the second web server below.
  process.env.E2E_VENDOR_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-e2e-'));
  process.env.E2E_DATABASE_PATH = path.join(directory, 'mobproc.db');
}
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const vendorOrigin = `http://127.0.0.1:${process.env.E2E_VENDOR_PORT}`;
// Resolved (and if need be unpacked) once here, before any worker starts: see browser.ts.
const launchOptions = chromiumLaunchOptions();

export default defineConfig({
  testDir: '.',
  // Vitest owns *.test.ts here (the browser resolver's own tests); Playwright runs the specs.
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  globalTeardown: './global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]] : [['list']],
  use: {
    baseURL,
    locale: 'en-US',
    timezoneId: 'America/New_York',
    contextOptions: { reducedMotion: 'reduce' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      // What production runs: the compiled server of `npm run build` (decision 16).
      command: 'node build/server/main.js',
      cwd: '..',
      url: `${baseURL}/mobproc/v1/ping`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: `file:${process.env.E2E_DATABASE_PATH}`,
        MOBPROC_SEED: 'demo',
        MOBPROC_FULFILLMENT_DELAY_MS: '300',
        LOG_LEVEL: 'warn',
        MOBPROC_CONNECT_ORIGINS: `http://127.0.0.1:${process.env.E2E_SECOND_PORT},${vendorOrigin}`,
        // The vendor-shaped server's catalog images live on its own origin.
        MOBPROC_IMAGE_ORIGINS: vendorOrigin,
      },
    },
    {
      command: 'node --import tsx e2e/vendor-server/main.ts',
      cwd: '..',
      url: `${vendorOrigin}/mobproc/v1/ping`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { VENDOR_HOST: '127.0.0.1', VENDOR_PORT: String(process.env.E2E_VENDOR_PORT), VENDOR_ALLOWED_ORIGINS: baseURL },
    },
  ],
});
