// The seed of the local Nautes server: a small GitLab (groups, projects, users) and each product's
// default.project content. Read from a YAML/JSON file or the built-in `demo`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';

/** GitLab access levels. */
export const ACCESS_LEVELS = {
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;

const AccessLevelSchema = z.union([
  z.number().int(),
  z
    .enum(['guest', 'reporter', 'developer', 'maintainer', 'owner'])
    .transform((k) => ACCESS_LEVELS[k]),
]);

/** A name the router can carry and the disk can hold (as the router and checkFileName see them). */
const FileSafeName = z
  .string()
  .min(1)
  .refine(
    (n) =>
      !n.includes('/') &&
      n !== '.' &&
      n !== '..' &&
      !/[\u0000-\u001f\u007f]/.test(n) &&
      Buffer.byteLength(n) <= 250,
    {
      message: 'must be a file name: no "/", control characters, "." or "..", at most 250 bytes',
    },
  );

/** A GitLab group path: the product's directory under the data dir, so never "..", "/" or absolute. */
const GroupPath = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'must be a GitLab path: letters, digits, "_", "-" and ".", not starting with "." or "-", no "/"',
  )
  .refine((p) => !/\.(git|atom)$/.test(p), { message: 'must not end in .git or .atom' });

const SeedRuntimeSchema = z.object({
  name: FileSafeName,
  projects_ref: z.array(z.string()).default([]),
  manifest_source: z.object({
    code_repo: z.string(),
    target_revision: z.string(),
    path: z.string(),
  }),
  destination: z.object({ environment: z.string(), namespaces: z.array(z.string()).default([]) }),
  account: z.string().default(''),
});

const PipelineHookSchema = z.object({
  name: z.string(),
  vars: z.record(z.string(), z.string()).default({}),
  alias: z.string().default(''),
});

/** A pipeline runtime of the seed: the shape of a save body (repo references are GitLab paths). */
const SeedPipelineRuntimeSchema = z.object({
  name: FileSafeName,
  project: FileSafeName,
  pipeline_source: z.string(),
  pipelines: z.array(
    z.object({ name: z.string(), label: z.string().default(''), path: z.string() }),
  ),
  event_sources: z.array(
    z.object({
      name: z.string(),
      gitlab: z
        .object({
          repo_name: z.string(),
          revision: z.string().default(''),
          events: z.array(z.string()).default([]),
        })
        .optional(),
      calendar: z
        .object({
          schedule: z.string().default(''),
          interval: z.string().default(''),
          exclusion_dates: z.array(z.string()).default([]),
          timezone: z.string().default(''),
        })
        .optional(),
    }),
  ),
  pipeline_triggers: z.array(
    z.object({
      event_source: z.string(),
      pipeline: z.string(),
      revision: z.string().default(''),
      inputs: z
        .array(
          z.object({
            source: z
              .object({
                built_in_var: z.string().default(''),
                from_event: z.string().default(''),
              })
              .optional(),
            transmission_method: z
              .object({ kustomization: z.object({ path: z.string() }).optional() })
              .optional(),
          }),
        )
        .default([]),
    }),
  ),
  destination: z.object({ environment: z.string(), namespace: z.string().default('') }),
  isolation: z.string().default('shared'),
  additional_resources: z
    .object({
      git: z
        .object({
          coderepo: z.string().default(''),
          url: z.string().default(''),
          revision: z.string().default(''),
          path: z.string().default(''),
        })
        .optional(),
    })
    .optional(),
  account: z.string().default(''),
  hooks: z
    .object({
      pre_hooks: z.array(PipelineHookSchema).default([]),
      post_hooks: z.array(PipelineHookSchema).default([]),
    })
    .optional(),
});

const SeedProductSchema = z.object({
  /** GitLab group path (the API's product name). */
  path: GroupPath,
  /** GitLab group display name; the API reads it back (nautes-api.md 5.3). @default the path */
  name: z.string().optional(),
  groupId: z.number().int().positive(),
  defaultProjectId: z.number().int().positive(),
  visibility: z.enum(['private', 'internal', 'public']).default('private'),
  /** GitLab group description (a product GET shows it). @default '' */
  description: z.string().default(''),
  /** username -> access level (50, `owner`, may edit and delete the group: the product's save and delete) */
  members: z.record(z.string(), AccessLevelSchema).default({}),
  /** Lowest access level allowed to push to the protected `main` of default.project. */
  pushAccessLevel: AccessLevelSchema.default(40),
  codeRepos: z
    .array(
      z.object({
        path: z.string(),
        name: z.string().optional(),
        id: z.number().int().positive(),
        project: z.string().default(''),
        /** GitLab visibility of the project (a code-repo GET shows it). @default private */
        visibility: z.enum(['private', 'internal', 'public']).optional(),
        /** GitLab description of the project. @default '' */
        description: z.string().optional(),
      }),
    )
    .default([]),
  projects: z.array(z.object({ name: FileSafeName, language: z.string().default('') })).default([]),
  environments: z
    .array(
      z.object({
        name: FileSafeName,
        cluster: z.string(),
        envType: z.string().default('development'),
      }),
    )
    .default([]),
  bindings: z
    .array(
      z.object({
        name: FileSafeName,
        codeRepo: z.string(),
        projects: z.array(z.string()).default([]),
        permissions: z.string().default('readonly'),
      }),
    )
    .default([]),
  runtimes: z.array(SeedRuntimeSchema).default([]),
  /** ProjectPipelineRuntimes (`projects/<project>/<name>.yaml`), written without `metadata.namespace` */
  pipelineRuntimes: z.array(SeedPipelineRuntimeSchema).default([]),
});

/** The whole seed document. */
export const SeedSchema = z.object({
  users: z.array(
    z.object({
      username: z.string(),
      name: z.string().optional(),
      email: z.string().optional(),
      token: z.string().min(1),
      /** GitLab's "can create group" (an instance setting, on by default): a product save of a new product. */
      canCreateGroup: z.boolean().default(true),
    }),
  ),
  clusters: z
    .array(
      z.object({
        name: z.string(),
        usage: z.enum(['host', 'worker']).default('worker'),
        workerType: z.string().default('deployment'),
        componentNamespaces: z.array(z.string()).default([]),
        /** `physical` or `virtual` (the tenant repository's file). @default physical */
        clusterType: z.enum(['physical', 'virtual']).optional(),
        /** The host of a virtual cluster. @default '' */
        hostCluster: z.string().optional(),
        /** The cluster's API server URL (the tenant repository's file). @default https://<name>.nautes.local:6443 */
        apiServer: z.string().optional(),
        /**
         * The name of the cluster's `pipeline` component in the Kubernetes view ('' = none: pipeline runtime
         * rule 13). @default tekton on a pipeline worker, none otherwise
         */
        pipelineComponent: z.string().optional(),
      }),
    )
    .default([]),
  /**
   * The CodeRepoProvider CRs in the tenant namespace (the Kubernetes view): a code-repo save writes the first
   * one's name, and the whole-tree check wants the named one to exist. @default ['gitlab']
   */
  codeRepoProviders: z.array(z.string()).optional(),
  /**
   * username -> access level on the tenant configuration repository (clusters: read needs Reporter, save
   * and delete push to its `main`, Maintainer). @default - every user who is Maintainer or Owner of any
   * group is a Maintainer there; nobody else sees it
   */
  tenantMembers: z.record(z.string(), AccessLevelSchema).optional(),
  products: z.array(SeedProductSchema),
});
export type Seed = z.infer<typeof SeedSchema>;
export type SeedInput = z.input<typeof SeedSchema>;
export type SeedProduct = Seed['products'][number];
export type SeedRuntime = z.infer<typeof SeedRuntimeSchema>;
export type SeedPipelineRuntime = z.infer<typeof SeedPipelineRuntimeSchema>;

/** The built-in `demo` seed of DESIGN.md. */
export function demoSeed(): Seed {
  return SeedSchema.parse(demoInput());
}

function demoInput(): SeedInput & { clusters: NonNullable<SeedInput['clusters']> } {
  return {
    users: [
      {
        username: 'alice',
        name: 'Alice Maintainer',
        email: 'alice@nautes.local',
        token: 'demo-maintainer-token',
      },
      {
        username: 'dave',
        name: 'Dave Developer',
        email: 'dave@nautes.local',
        token: 'demo-developer-token',
      },
      {
        username: 'rita',
        name: 'Rita Reporter',
        email: 'rita@nautes.local',
        token: 'demo-reporter-token',
      },
      { username: 'gus', name: 'Gus Guest', email: 'gus@nautes.local', token: 'demo-guest-token' },
      {
        username: 'olga',
        name: 'Olga Outsider',
        email: 'olga@nautes.local',
        token: 'demo-outsider-token',
      },
    ],
    clusters: [
      {
        name: 'cluster-dev',
        usage: 'worker',
        workerType: 'deployment',
        componentNamespaces: ['argocd', 'cert-manager'],
      },
      {
        name: 'cluster-test',
        usage: 'worker',
        workerType: 'deployment',
        componentNamespaces: ['argocd', 'cert-manager'],
      },
      {
        name: 'cluster-pipeline',
        usage: 'worker',
        workerType: 'pipeline',
        componentNamespaces: ['tekton'],
      },
    ],
    products: [
      {
        path: 'nautes-labs',
        groupId: 101,
        defaultProjectId: 200,
        members: { alice: 'maintainer', dave: 'developer', rita: 'reporter', gus: 'guest' },
        codeRepos: [{ path: 'api-server', id: 201, project: 'api-server' }],
        projects: [{ name: 'api-server', language: 'go' }],
        environments: [
          { name: 'env-dev', cluster: 'cluster-dev', envType: 'development' },
          { name: 'env-test', cluster: 'cluster-test', envType: 'test' },
        ],
      },
    ],
  };
}

/**
 * The built-in `demo-3` seed: the `demo` users and product, plus `shop` (dave is a maintainer there) and
 * `billing` (developers may push to `main`), each on clusters of its own.
 */
export function demoThreeProductsSeed(): Seed {
  const demo = demoInput();
  const cluster = (name: string) => ({
    name,
    usage: 'worker' as const,
    workerType: 'deployment',
    componentNamespaces: ['argocd'],
  });
  return SeedSchema.parse({
    ...demo,
    clusters: [
      ...demo.clusters,
      cluster('cluster-shop-dev'),
      cluster('cluster-shop-prod'),
      cluster('cluster-billing-dev'),
    ],
    products: [
      ...demo.products,
      {
        path: 'shop',
        groupId: 102,
        defaultProjectId: 300,
        members: { alice: 'maintainer', dave: 'maintainer', rita: 'reporter' },
        codeRepos: [{ path: 'storefront', id: 301, project: 'storefront' }],
        projects: [{ name: 'storefront', language: 'typescript' }],
        environments: [
          { name: 'env-dev', cluster: 'cluster-shop-dev', envType: 'development' },
          { name: 'env-prod', cluster: 'cluster-shop-prod', envType: 'production' },
        ],
      },
      {
        path: 'billing',
        groupId: 103,
        defaultProjectId: 400,
        members: { alice: 'maintainer', dave: 'developer', rita: 'reporter' },
        pushAccessLevel: 'developer',
        codeRepos: [{ path: 'invoices', id: 401, project: 'invoices' }],
        projects: [{ name: 'invoices', language: 'java' }],
        environments: [{ name: 'env-dev', cluster: 'cluster-billing-dev' }],
      },
    ],
  });
}

/** The seeds `--seed` knows by name. */
export const BUILT_IN_SEEDS: Readonly<Record<string, () => Seed>> = {
  demo: demoSeed,
  'demo-3': demoThreeProductsSeed,
};

/**
 * A seed of `products` products (p0, p1, ...) for scale tests and benchmarks: each with one code repo `app`,
 * a Nautes project `app`, an environment `env` on its own deployment cluster, and one maintainer `alice`.
 */
export function scaleSeed(products: number, token = 'demo-maintainer-token'): Seed {
  return SeedSchema.parse({
    users: [{ username: 'alice', name: 'Alice Maintainer', token }],
    clusters: Array.from({ length: products }, (_, i) => ({
      name: `cluster-${i}`,
      usage: 'worker',
      workerType: 'deployment',
    })),
    products: Array.from({ length: products }, (_, i) => ({
      path: `p${i}`,
      groupId: 1000 + i,
      defaultProjectId: 5000 + i,
      members: { alice: 'maintainer' },
      codeRepos: [{ path: 'app', id: 9000 + i, project: 'app' }],
      projects: [{ name: 'app' }],
      environments: [{ name: 'env', cluster: `cluster-${i}` }],
    })),
  });
}

/**
 * `scaleSeed` with every kind in each product (p0, p1, ...): a display name and description, a second
 * project `web`, a public code repo `charts` bound to `web` (readwrite), a runtime `app-dev`, a pipeline
 * runtime `web-ci` (pipelines of `charts`, on environment `env-ci` of pipeline cluster `pipeline-<i>`),
 * and an environment `env-virtual` on a virtual cluster `vcluster-<i>` of host `host-<i>` (the host named
 * by no environment). For import and benchmarks of every kind.
 */
export function everyKindSeed(products: number, token = 'demo-maintainer-token'): Seed {
  const base = scaleSeed(products, token);
  return SeedSchema.parse({
    ...base,
    clusters: [
      ...base.clusters,
      ...Array.from({ length: products }, (_, i) => [
        { name: `host-${i}`, usage: 'host', workerType: '' },
        {
          name: `vcluster-${i}`,
          usage: 'worker',
          workerType: 'deployment',
          clusterType: 'virtual',
          hostCluster: `host-${i}`,
        },
        { name: `pipeline-${i}`, usage: 'worker', workerType: 'pipeline' },
      ]).flat(),
    ],
    products: base.products.map((p, i) => ({
      ...p,
      name: `Product ${i}`,
      description: `product ${i}, with every kind`,
      codeRepos: [
        ...p.codeRepos,
        { path: 'charts', id: 19000 + i, visibility: 'public', description: 'shared charts' },
      ],
      projects: [...p.projects, { name: 'web', language: 'typescript' }],
      environments: [
        ...p.environments,
        { name: 'env-virtual', cluster: `vcluster-${i}` },
        { name: 'env-ci', cluster: `pipeline-${i}`, envType: 'ci' },
      ],
      bindings: [
        { name: 'charts-web', codeRepo: 'charts', projects: ['web'], permissions: 'readwrite' },
      ],
      runtimes: [
        {
          name: 'app-dev',
          projects_ref: ['app'],
          manifest_source: { code_repo: 'app', target_revision: 'main', path: 'deploy/dev' },
          destination: { environment: 'env', namespaces: ['app-dev'] },
        },
      ],
      pipelineRuntimes: [
        {
          name: 'web-ci',
          project: 'web',
          pipeline_source: 'charts',
          pipelines: [{ name: 'build', path: 'pipelines/build.yaml' }],
          event_sources: [
            {
              name: 'push',
              gitlab: { repo_name: 'charts', revision: 'main', events: ['push_events'] },
            },
            { name: 'nightly', calendar: { schedule: '0 2 * * *' } },
          ],
          pipeline_triggers: [{ event_source: 'push', pipeline: 'build' }],
          destination: { environment: 'env-ci' },
        },
      ],
    })),
  });
}

/** Reads a seed: a built-in one (`demo`, `demo-3`), or a YAML/JSON file. Throws a readable error naming the bad field. */
export function loadSeed(source: string): Seed {
  const builtIn = Object.hasOwn(BUILT_IN_SEEDS, source) ? BUILT_IN_SEEDS[source] : undefined;
  if (builtIn) return builtIn();
  const text = readFileSync(source, 'utf8');
  const doc: unknown = parseYaml(text);
  const parsed = SeedSchema.safeParse(doc);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid seed file ${source}: ${first}`);
  }
  return parsed.data;
}
