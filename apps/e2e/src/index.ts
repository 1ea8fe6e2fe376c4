export * from './browser.js';
export * from './pages/login.js';
export * from './pages/map.js';
export * from './system.js';
