// cdktf-provider-nautes: model, engine, renderers, API client and errors. No cdktf and no gRPC here
// (the constructs are in "cdktf-provider-nautes/cdktf", the local server in "cdktf-provider-nautes/fake-server").
export { NautesError, ValidationError, StalePlanError, type Issue } from './errors';
export * from './model';
export * from './engine';
export * from './render';
export * from './api';
