// render: Plan -> text, JSON or markdown. Never computes a diff and does no I/O: callers write the strings.
export { renderText, type TextOptions } from './terminal';
export { renderJson } from './json';
export {
  renderMarkdown,
  commentMarker,
  readReviewRecord,
  reviewRecordOf,
  type MarkdownOptions,
  type ReviewRecord,
} from './markdown';
export { destructiveChanges, summaryLine } from './summary';
export { renderGitlabReport } from './gitlab-report';
