export { ConfigError, loadConfig, type SimulatorConfig } from './config.js';
export { type CameraInfo, PROFILE_SPECS, type Profile } from './encoder.js';
export type { FaultMode, FaultRequest, FaultState } from './faults.js';
export { districtLookup, listLookup } from './registry.js';
export { RtspTestClient } from './rtsp/client.js';
export type { CameraLookup } from './rtsp/methods.js';
export { type Simulator, type SimulatorOptions, startSimulator } from './simulator.js';
