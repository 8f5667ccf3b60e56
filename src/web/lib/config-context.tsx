import { createContext, useContext, type ReactNode } from 'react';
import type { WebAppConfig } from '../../contract/common.ts';

const ConfigContext = createContext<WebAppConfig | null>(null);

export function WebAppConfigProvider({ config, children }: { config: WebAppConfig; children: ReactNode }) {
  return <ConfigContext.Provider value={config}>{children}</ConfigContext.Provider>;
}

export function useWebAppConfig(): WebAppConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useWebAppConfig must be used inside <WebAppConfigProvider>.');
  return config;
}
