/** How precise a date is: the unit its ISO form stops at (`2022`, `2022-03`, `2026-01-29`). */
export const PRECISIONS = ['year', 'month', 'day'] as const;
export type Precision = (typeof PRECISIONS)[number];
