/**
 * Multinomial logistic regression over binary features, trained at start-up by full-batch gradient
 * descent with L2 regularisation. Small on purpose: a few hundred examples, a few thousand weights,
 * trained in milliseconds, deterministic (no random initialisation).
 */
export interface TrainingExample {
  features: string[];
  label: number;
  /** Balances classes with different numbers of examples. */
  weight?: number;
}

export interface TrainingOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

export class SoftmaxModel {
  private readonly index = new Map<string, number>();
  /** weights[class][feature]; the last feature column is the bias. */
  private weights: Float64Array[] = [];

  constructor(readonly classes: number) {}

  train(examples: TrainingExample[], options: TrainingOptions = {}): void {
    const epochs = options.epochs ?? 300;
    const rate = options.learningRate ?? 1;
    const l2 = options.l2 ?? 0.002;
    for (const ex of examples) for (const f of ex.features) if (!this.index.has(f)) this.index.set(f, this.index.size);
    const width = this.index.size + 1;
    this.weights = Array.from({ length: this.classes }, () => new Float64Array(width));
    const rows = examples.map((ex) => ({
      cols: [...new Set(ex.features.map((f) => this.index.get(f)!)), width - 1],
      label: ex.label,
      weight: ex.weight ?? 1,
    }));
    const total = rows.reduce((s, r) => s + r.weight, 0);
    const grad = Array.from({ length: this.classes }, () => new Float64Array(width));
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const g of grad) g.fill(0);
      for (const row of rows) {
        const p = this.probabilities(row.cols);
        for (let c = 0; c < this.classes; c++) {
          const err = (p[c] - (c === row.label ? 1 : 0)) * row.weight;
          if (err === 0) continue;
          for (const j of row.cols) grad[c][j] += err;
        }
      }
      for (let c = 0; c < this.classes; c++) {
        const w = this.weights[c];
        const g = grad[c];
        for (let j = 0; j < width; j++) w[j] -= rate * (g[j] / total + (j === width - 1 ? 0 : l2 * w[j]));
      }
    }
  }

  predict(features: string[]): number[] {
    const cols = [...new Set(features.map((f) => this.index.get(f)).filter((j): j is number => j !== undefined)), this.index.size];
    return this.probabilities(cols);
  }

  private probabilities(cols: number[]): number[] {
    const z = this.weights.map((w) => cols.reduce((s, j) => s + w[j], 0));
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }

  /** The trained model as plain data (feature names and weights), for the training cache. */
  toJSON(): TrainedModel {
    return { classes: this.classes, features: [...this.index.keys()], weights: this.weights.map((w) => Array.from(w)) };
  }

  /** A model from `toJSON()`'s data; undefined when the data is not a whole model (a damaged cache entry). */
  static fromJSON(data: unknown): SoftmaxModel | undefined {
    const d = data as Partial<TrainedModel> | null;
    if (!d || typeof d.classes !== 'number' || !Array.isArray(d.features) || !Array.isArray(d.weights) || d.weights.length !== d.classes)
      return undefined;
    const width = d.features.length + 1;
    if (!d.weights.every((w) => Array.isArray(w) && w.length === width && w.every((x) => typeof x === 'number' && Number.isFinite(x))))
      return undefined;
    const model = new SoftmaxModel(d.classes);
    d.features.forEach((f, i) => model.index.set(String(f), i));
    model.weights = d.weights.map((w) => Float64Array.from(w));
    return model;
  }
}

export interface TrainedModel {
  classes: number;
  features: string[];
  weights: number[][];
}
