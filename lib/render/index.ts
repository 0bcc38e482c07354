// render: Plan -> text, JSON or markdown. Never computes a diff and does no I/O: callers write the strings.
export { renderText, type TextOptions } from './terminal';
export { renderMarkdown, type MarkdownOptions } from './markdown';
export {
  commentMarker,
  isMarkerLine,
  normalizeComment,
  readReviewRecord,
  reviewRecordOf,
  visibleTextDigest,
  type ReviewRecord,
} from './review-record';
export { destructiveChanges, summaryLine } from './summary';
export { renderGitlabReport } from './gitlab-report';
