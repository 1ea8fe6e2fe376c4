export * from './api.js';
export * from './domain.js';
export * from './events.js';
export * from './gbid.js';
export * from './permissions.js';
export * from './operations.js';
export * from './sync.js';
export * from './media.js';
