/**
 * Session feedback (Story 5.1): four dimension scores from the model, the
 * overall score computed by us as their mean — never taken from the model.
 */
export function overallScore(scores: {
  technicalAccuracy: number;
  communicationClarity: number;
  problemSolving: number;
  relevance: number;
}) {
  return (scores.technicalAccuracy + scores.communicationClarity + scores.problemSolving + scores.relevance) / 4;
}
