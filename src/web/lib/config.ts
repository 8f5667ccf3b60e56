import { webAppConfig, type WebAppConfig } from '../../contract/index.ts';

/** Where the MOBPROC server is and who we are to it; from `/config.json`, overridable per browser. */
export type Connection = Pick<WebAppConfig, 'baseUrl' | 'tokenUrl' | 'clientId' | 'tenant'>;

/** Loaded once before the app renders, so one build runs against any server. */
export async function loadWebAppConfig(): Promise<WebAppConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load /config.json (HTTP ${response.status}).`);
  return webAppConfig.parse(await response.json());
}
