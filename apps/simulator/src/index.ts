export { ConfigError, DEMO_DEVICE_SECRET, loadConfig, type SimulatorConfig } from './config.js';
export { type CameraInfo, PROFILE_SPECS, type Profile } from './encoder.js';
export type { FaultMode, FaultRequest, FaultState } from './faults.js';
export {
  type DeviceRequest,
  type GatewayAnswer,
  GatewayClient,
  GatewayUnreachable,
} from './ops/gatewayClient.js';
export { deviceHeaders, deviceKey, newNonce, signRequest } from './ops/signing.js';
export { districtLookup, listLookup } from './registry.js';
export { RtspTestClient } from './rtsp/client.js';
export type { CameraLookup } from './rtsp/methods.js';
export { type Simulator, type SimulatorOptions, startSimulator } from './simulator.js';
