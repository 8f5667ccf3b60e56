export * from './common.ts';
export * from './reference.ts';
export * from './auth.ts';
export * from './employees.ts';
export * from './catalog.ts';
export * from './assets.ts';
export * from './properties.ts';
