// cdktf: the CDKTF front end (exports "./cdktf"). May import model, errors, cdktf and constructs; never
// api, engine or tfplugin: synthesis stays offline and secret-free.
export {
  NautesProvider,
  PROVIDER_SOURCE,
  PROVIDER_VERSION,
  type NautesProviderProps,
} from './provider';
export {
  NautesDeploymentRuntime,
  type NautesDeploymentRuntimeConfig,
} from './l1/deployment-runtime';
export { NautesRuntimeInventory, type NautesRuntimeInventoryConfig } from './l1/runtime-inventory';
export {
  DataNautesDeploymentRuntimes,
  type DataNautesDeploymentRuntimesConfig,
} from './l1/deployment-runtimes-data';
export {
  DeploymentRuntime,
  type DeploymentRuntimeProps,
  type SkipChecks,
} from './l2/deployment-runtime';
export { RuntimeInventory, type RuntimeInventoryProps } from './l2/runtime-inventory';
