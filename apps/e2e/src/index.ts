export * from './browser.js';
export * from './system.js';
