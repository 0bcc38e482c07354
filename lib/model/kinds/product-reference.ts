// The `product` field of every kind kept in a product's default.project.

/** The product an object belongs to: in the URL path; read back as the group's display name, so not read. */
export const PRODUCT_REFERENCE = {
  key: 'product',
  tfName: 'product',
  propName: 'product',
  type: 'string',
  required: true,
  replaceOnChange: true,
  save: 'path',
  reply: 'asked',
  format: 'gitlab-path',
  description: 'The product (GitLab group path) the object belongs to.',
} as const;
