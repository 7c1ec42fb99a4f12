export { candidateQuery, findCandidates, findRankedCandidates, MAX_PROVIDER_RADIUS_KM, DEFAULT_CANDIDATE_LIMIT } from './candidates';
export type { CandidateQuery, CandidateRow } from './candidates';
export { bayesianRating, rankCandidates, scoreCandidate, scoreParts, DEFAULT_SCORE_CONFIG } from './score';
export type { RatingPrior, Ranked, Scorable, ScoreConfig, ScoreParts, ScoreWeights } from './score';
export { offerToBestCandidate } from './dispatch';
export type { DispatchOptions, DispatchResult } from './dispatch';
