/**
 * Logistic regression by Newton's method, for the fitting scripts (bench/claims-retrieval.ts --fit,
 * bench/fit-match.ts): few features, dense, solved exactly at each step.
 */

export interface LogisticOptions {
  /** L2 penalty. */
  l2: number;
  /** Whether the bias is penalised too. */
  penaliseBias: boolean;
  /** Whether the log loss is averaged over the samples (else summed). */
  average: boolean;
  /** A weight per sample (default 1). */
  weights?: readonly number[];
  iterations: number;
  /** Stop once no coefficient moves by more than this. */
  tolerance?: number;
}

/** Fits P(y = 1 | x) = σ(w0 + w·x); returns [w0, ...w]. `x` holds the features, without the bias. */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], o: LogisticOptions): number[] {
  const d = (x[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < o.iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((xi, i) => {
      const f = [1, ...xi];
      const p = 1 / (1 + Math.exp(-f.reduce((a, fj, j) => a + fj * (w[j] as number), 0)));
      const wi = o.weights?.[i] ?? 1;
      for (let j = 0; j < d; j++) {
        g[j] = (g[j] as number) + wi * (p - (y[i] as number)) * (f[j] as number);
        const row = h[j] as number[];
        for (let k = 0; k < d; k++) row[k] = (row[k] as number) + wi * p * (1 - p) * (f[j] as number) * (f[k] as number);
      }
    });
    const n = o.average ? x.length : 1;
    for (let j = 0; j < d; j++) {
      const penalty = j > 0 || o.penaliseBias ? o.l2 : 0;
      g[j] = (g[j] as number) / n + penalty * (w[j] as number);
      const row = h[j] as number[];
      for (let k = 0; k < d; k++) row[k] = (row[k] as number) / n + (j === k ? penalty : 0);
    }
    const step = solve(h, g);
    w = w.map((wj, j) => wj - (step[j] as number));
    if (o.tolerance !== undefined && Math.max(...step.map(Math.abs)) < o.tolerance) break;
  }
  return w;
}

/** Gauss-Jordan elimination with partial pivoting (small dense systems). */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = ((m[c] as number[])[c] as number) || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / ((row[i] as number) || 1e-12));
}
