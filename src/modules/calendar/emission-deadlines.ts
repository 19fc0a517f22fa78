/**
 * The deadlines fixed when a document is emitted, on the tenant's business-day calendar. A line may carry
 * `medicamentoPerecedero: true` (a perishable medicine): the document then gets the 2-year window MH gives
 * pharmaceutical sales (see src/dte/events/deadlines.ts).
 */
import type { FieldIssue } from '../../core/errors.js';

export const PERISHABLE_FLAG = 'medicamentoPerecedero';

/** Whether any line is flagged as a perishable medicine; a flag that is not a boolean is refused. */
export function perishableIssues(body: unknown): { perishable: boolean; issues: FieldIssue[] } {
  const items = body && typeof body === 'object' ? (body as Record<string, unknown>).items : null;
  const issues: FieldIssue[] = [];
  let perishable = false;
  if (!Array.isArray(items)) return { perishable, issues };
  items.forEach((it, i) => {
    if (!it || typeof it !== 'object' || !(PERISHABLE_FLAG in it)) return;
    const v = (it as Record<string, unknown>)[PERISHABLE_FLAG];
    const path = `items[${i}].${PERISHABLE_FLAG}`;
    if (typeof v !== 'boolean')
      issues.push({ path, code: 'INVALID_TYPE', message: `${PERISHABLE_FLAG} must be true or false` });
    else perishable ||= v;
  });
  return { perishable, issues };
}
