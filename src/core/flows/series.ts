/** Bins beyond this are not recorded (a hostile timestamp must not allocate gigabytes). */
export const MAX_BINS = 1 << 20;

/** A per-bin counter that grows by doubling; `first` is the bin of element 0. */
export class BinSeries {
  data: Float64Array;
  first: number;
  length = 0;

  constructor(first: number, capacity = 16) {
    this.first = first;
    this.data = new Float64Array(capacity);
  }

  add(bin: number, v: number): void {
    let i = bin - this.first;
    if (i < 0) {
      // Out-of-order packet earlier than this series began: shift right.
      const shift = -i;
      const bigger = new Float64Array(Math.max(this.data.length, this.length + shift) * 2);
      bigger.set(this.data.subarray(0, this.length), shift);
      this.data = bigger;
      this.first = bin;
      this.length += shift;
      i = 0;
    } else if (i >= this.data.length) {
      let cap = this.data.length * 2;
      while (cap <= i) cap *= 2;
      const bigger = new Float64Array(cap);
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data[i] += v;
    if (i >= this.length) this.length = i + 1;
  }

  /**
   * Merges every `factor` neighbouring bins into one (bin b becomes floor(b / factor)): the analyser widens
   * the bins this way when flows × bins would outgrow its memory budget (hostile timestamps, very long captures).
   */
  fold(factor: number): void {
    const first = Math.floor(this.first / factor);
    const len = this.length === 0 ? 0 : Math.floor((this.first + this.length - 1) / factor) - first + 1;
    const data = new Float64Array(Math.max(4, len));
    for (let i = 0; i < this.length; i++) data[Math.floor((this.first + i) / factor) - first] += this.data[i];
    this.data = data;
    this.first = first;
    this.length = len;
  }

  /** Plain array indexed from bin 0 up to the last non-empty bin. */
  toArray(): number[] {
    const out = new Array<number>(this.first + this.length).fill(0);
    for (let i = 0; i < this.length; i++) out[this.first + i] = this.data[i];
    return out;
  }

  /** Same, padded with zeros to `bins` entries. */
  toArrayOf(bins: number): number[] {
    const out = new Array<number>(Math.max(bins, this.first + this.length)).fill(0);
    for (let i = 0; i < this.length; i++) out[this.first + i] = this.data[i];
    return out;
  }
}
