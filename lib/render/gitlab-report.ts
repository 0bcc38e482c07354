// GitLab's Terraform report (`artifacts:reports:terraform`): the MR widget reads only `create`, `update` and
// `delete` counts, counted as Terraform's JSON plan counts actions (engine `actionCounts`: a replace is one
// delete and one create; a pruned orphan is a delete). plan.json carries the same three keys.
import { actionCounts, type Plan } from '../engine';

/** The report as GitLab reads it. */
export function renderGitlabReport(plan: Plan): string {
  return `${JSON.stringify(actionCounts(plan))}\n`;
}
