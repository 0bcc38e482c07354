// Wire shapes of the Nautes deployment-runtime API (nautes-api.md sections 1.2, 1.3, 3), keys exactly as sent.
import { z } from 'zod';

/** `manifest_source` as the server emits it. */
export const ManifestSourceSchema = z.object({
  code_repo: z.string(),
  target_revision: z.string(),
  path: z.string(),
});

/** `destination` as the server emits it. */
export const DestinationSchema = z.object({
  environment: z.string(),
  namespaces: z.array(z.string()),
});

/** One runtime in a GET reply or a list item (every field is always present). */
export const DeploymentRuntimeItemSchema = z.object({
  product: z.string(),
  name: z.string(),
  projects_ref: z.array(z.string()),
  manifest_source: ManifestSourceSchema,
  destination: DestinationSchema,
  account: z.string(),
});
export type DeploymentRuntimeItem = z.infer<typeof DeploymentRuntimeItemSchema>;

/** The list reply `{"items": [...]}`. */
export const DeploymentRuntimeListSchema = z.object({
  items: z.array(DeploymentRuntimeItemSchema),
});
export type DeploymentRuntimeList = z.infer<typeof DeploymentRuntimeListSchema>;

/** The body of a save (POST): the Body message itself, not wrapped. */
export const SaveBodySchema = z.object({
  projects_ref: z.array(z.string()).optional(),
  manifest_source: z.object({
    code_repo: z.string().min(1),
    target_revision: z.string().min(1),
    path: z.string().min(1),
  }),
  destination: z.object({
    environment: z.string().min(1),
    namespaces: z.array(z.string()).optional(),
  }),
  account: z.string().optional(),
});
export type SaveBody = z.infer<typeof SaveBodySchema>;

/** Save and delete replies: `{"message":"Successfully saved <name> configuration"}`. */
export const MessageReplySchema = z.object({ message: z.string() });
export type MessageReply = z.infer<typeof MessageReplySchema>;

/** The kratos error body; HTTP status equals `code`. */
export const KratosErrorSchema = z.object({
  code: z.number().int(),
  reason: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.string()),
});
export type KratosError = z.infer<typeof KratosErrorSchema>;

/** Base path of the deployment-runtime routes of one product. */
export function runtimesPath(product: string, name?: string): string {
  const base = `/api/v1/products/${encodeURIComponent(product)}/deploymentruntimes`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}
