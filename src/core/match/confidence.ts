/**
 * The matcher's confidence: what it reads about the best candidate story for a page (the evidence),
 * the features a logistic model weighs, and the probability it states. The fitting script
 * (bench/fit-match.ts) and the benchmark's calibration report use these same functions, so the model
 * is fitted on exactly what the matcher computes.
 */

/** What the confidence model reads about the best candidate. */
export interface Evidence {
  doc: number;
  /** BM25 score. */
  score: number;
  /** IDF-weighted share of the page headline's words found in the story's headlines. */
  coverage: number;
  /** (best − runner-up) / best, after the time re-ranking. */
  margin: number;
  /** Hours the page's publication lies outside the story's span (0 inside or unknown). */
  gapHours: number;
  /** IDF-weighted share of the headline's words in the story's closest single headline. */
  titleSimilarity: number;
  /** Share of the headline's names (Texas, Beijing) that the story never mentions; 0 when it has none. */
  foreignNames: number;
}

/** The features, by name, in the order the model's weights follow (after the bias). */
export const FEATURES = ['coverage', 'margin', 'log1p gap days', 'log1p score', 'title similarity', 'foreign names'] as const;

/** Bias, then one weight per feature. */
export type Model = readonly [number, number, number, number, number, number, number];

export function confidenceFeatures(e: Evidence): number[] {
  const byName: Record<(typeof FEATURES)[number], number> = {
    coverage: e.coverage,
    margin: e.margin,
    'log1p gap days': Math.log1p(e.gapHours / 24),
    'log1p score': Math.log1p(e.score),
    'title similarity': e.titleSimilarity,
    'foreign names': e.foreignNames,
  };
  return FEATURES.map((f) => byName[f]);
}

/** The probability the model states that the evidence's story is the page's. */
export function confidenceOf(model: Model, e: Evidence): number {
  const x = confidenceFeatures(e);
  let z = model[0];
  for (let i = 0; i < x.length; i++) z += (model[i + 1] ?? 0) * (x[i] as number);
  return 1 / (1 + Math.exp(-z));
}
