// The provider's type names, written out once for the tests that check a host or the schema lists them all.

/** Every managed resource type, sorted. */
export const RESOURCE_TYPES = [
  'nautes_cluster',
  'nautes_code_repo',
  'nautes_code_repo_binding',
  'nautes_deployment_runtime',
  'nautes_environment',
  'nautes_product',
  'nautes_project',
  'nautes_project_pipeline_runtime',
  'nautes_runtime_inventory',
];

/** Every data source type, sorted. */
export const DATA_SOURCE_TYPES = [
  'nautes_clusters',
  'nautes_code_repo_bindings',
  'nautes_code_repos',
  'nautes_deployment_runtimes',
  'nautes_environments',
  'nautes_products',
  'nautes_project_pipeline_runtimes',
  'nautes_projects',
];
