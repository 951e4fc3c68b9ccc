export * from './levels';
export * from './format';
export { EvidenceList } from './EvidenceList';
export { StatusIcon, STATUS_LABELS } from './StatusIcon';
export { ScoreGauge } from './ScoreGauge';
