import { z } from 'zod';
import { strict } from './schema-common.js';

/**
 * The `links` block of a mapping file: how reports link to Stratsys. Tenant data, never code: the
 * permalink shape (company code, scorecard view, menu container) differs per customer.
 */

/** Placeholders a node-link template may use. */
export const NODE_LINK_PLACEHOLDERS = ['origin', 'nodeId', 'unitId', 'scorecardId'] as const;

/**
 * A permalink template such as
 * `{origin}/PermaLink/ACME/ScorecardView.mvc?keyId=124&ChangeDepartment={unitId}&MenuContainerId=502&NodeIdentifierId={nodeId}`.
 * `{origin}` is the scheme and host of STRATSYS_BASE_URL; `{nodeId}` (required), `{unitId}` and
 * `{scorecardId}` are filled in URL-encoded. Without `{origin}` the template must start with `https://`.
 */
export const NodeLinkSchema = z
  .string()
  .trim()
  .superRefine((template, ctx) => {
    const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
    const unknown = names.filter((name) => !(NODE_LINK_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length > 0)
      ctx.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.map((n) => `{${n}}`).join(', ')}; allowed: ${NODE_LINK_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}` });
    if (!names.includes('nodeId')) ctx.addIssue({ code: 'custom', message: 'expected {nodeId} in the link template' });
    if (!template.startsWith('{origin}/') && !template.startsWith('https://')) ctx.addIssue({ code: 'custom', message: 'expected the link to start with {origin}/ or https://' });
    const sample = template.replace(/\{[^{}]*\}/g, (match) => (match === '{origin}' ? 'https://example.org' : '1'));
    if (!URL.canParse(sample)) ctx.addIssue({ code: 'custom', message: `"${template}" is not a URL template` });
  });

/** Links from reports to Stratsys. */
export const LinksSchema = strict({
  /** Permalink of one node as seen in one unit; see NodeLinkSchema. */
  node: NodeLinkSchema,
});
export type LinksConfig = z.output<typeof LinksSchema>;
