export * from './browser.js';
export * from './device.js';
export * from './pages/login.js';
export * from './pages/map.js';
export * from './pages/wall.js';
export * from './system.js';
