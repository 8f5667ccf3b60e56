import type { WebAppConfig } from '../../contract/common.ts';
import { requiredContext } from './required-context.tsx';

/** The connection settings in effect (stored ones over `/config.json`'s defaults). */
export const [WebAppConfigProvider, useWebAppConfig] = requiredContext<WebAppConfig>('WebAppConfigProvider');
