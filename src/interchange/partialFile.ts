/**
 * Partial runs as bytes: {@link encodePartial} and {@link decodePartial}. Binary, never JSON (JSON
 * turns -0 into 0 and NaN into null, and a moment sum or an extreme may be either). Layout, all
 * little-endian: the magic `SALVOPRT`, the format version (u32), then the header — library version,
 * model fingerprint, seed, samples, segment length, segment count, the part's segments, sampling —
 * then each node's moments, sketch and group sketches, and last a 32-bit FNV-1a checksum of every byte
 * before it, so that a truncated or corrupted file is refused rather than merged. Format 2 added each
 * node's threshold counts; format 3 the summary quantile levels, each node's exact-quantile windows,
 * and bucket counts as varints (LEB128) when they are whole numbers, as they are unless a sketch was
 * fed weights; format 4 the weighted parts of models with evidence (each node's weighted moments and
 * exact bucket weights, and the part's Σw and Σw²). The second pass's parts ({@link encodeGather}) have their own magic, `SALVOGTH`.
 * @module
 */
import { SalvoError } from '../errors.js';
import type { GatherPart } from '../model/gather.js';
import {
  PARTIAL_FORMAT,
  type PartialNode,
  type PartialRun,
  type PartialWeightedNode,
} from '../model/partial.js';
import type { AccumulatorData, WeightedAccumulatorData } from '../samples/segmentMoments.js';
import type { WeightedBucketsState, WeightedSketchState } from '../sketch/masses.js';
import type { QuantileSketchState } from '../sketch/sketch.js';

const MAGIC = 'SALVOPRT';
const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true });

/** Appends little-endian numbers, strings and arrays to a growing buffer. */
class Writer {
  private bytes = new Uint8Array(1024);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(x: number): void {
    this.room(1);
    this.view.setUint8(this.length, x);
    this.length += 1;
  }

  u32(x: number): void {
    this.room(4);
    this.view.setUint32(this.length, x, true);
    this.length += 4;
  }

  f64(x: number): void {
    this.room(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }

  string(text: string): void {
    const encoded = UTF8_ENCODER.encode(text);
    this.u32(encoded.length);
    this.room(encoded.length);
    this.bytes.set(encoded, this.length);
    this.length += encoded.length;
  }

  f64s(values: ArrayLike<number>): void {
    this.u32(values.length);
    for (let i = 0; i < values.length; i++) this.f64(values[i]);
  }

  /** An unsigned integer below 2^53 in 7-bit groups, low first (LEB128): small counts take a byte. */
  varint(x: number): void {
    let rest = x;
    while (rest >= 128) {
      this.u8((rest % 128) | 128);
      rest = Math.floor(rest / 128);
    }
    this.u8(rest);
  }

  /**
   * Counts: as varints when every one is a whole number in [0, 2^53) (flag 1) — bucket counts are,
   * unless a sketch was fed weights — else as float64s (flag 0).
   */
  counts(values: ArrayLike<number>): void {
    let whole = true;
    for (let i = 0; i < values.length && whole; i++) {
      const x = values[i];
      whole = Number.isSafeInteger(x) && x >= 0 && !Object.is(x, -0);
    }
    this.u8(whole ? 1 : 0);
    if (!whole) {
      this.f64s(values);
      return;
    }
    this.u32(values.length);
    for (let i = 0; i < values.length; i++) this.varint(values[i]);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads what {@link Writer} wrote, refusing to read past the end. */
class Reader {
  private readonly view: DataView;
  at = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number, what: string): void {
    if (this.at + n > this.bytes.length) {
      throw invalidEncoding(
        `it ends at byte ${this.bytes.length}, inside ${what} (a truncated file?)`,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.at++);
  }

  u32(what: string): number {
    this.need(4, what);
    const x = this.view.getUint32(this.at, true);
    this.at += 4;
    return x;
  }

  f64(what: string): number {
    this.need(8, what);
    const x = this.view.getFloat64(this.at, true);
    this.at += 8;
    return x;
  }

  string(what: string): string {
    const n = this.u32(what);
    this.need(n, what);
    const text = UTF8_DECODER.decode(this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return text;
  }

  varint(what: string): number {
    let x = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8(what);
      x += (byte & 127) * scale;
      if (byte < 128) break;
      scale *= 128;
      if (scale > 2 ** 49) throw invalidEncoding(`a count in ${what} is longer than 8 bytes`);
    }
    return x;
  }

  /** What {@link Writer.counts} wrote. */
  counts(what: string): Float64Array {
    if (this.u8(what) === 0) return this.f64s(what);
    const n = this.u32(what);
    // Each varint takes at least a byte: a length beyond the bytes left is a damaged file.
    this.need(n, what);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.varint(what);
    return out;
  }

  f64s(what: string): Float64Array {
    const n = this.u32(what);
    this.need(n * 8, what);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.f64(what);
    return out;
  }
}

function invalidEncoding(reason: string): SalvoError {
  return new SalvoError(
    'INVALID_ENCODING',
    `not a salvo part (a partial run from encodePartial, or a second pass's from encodeGather): ${reason}`,
    {
      parameter: 'bytes',
    },
  );
}

/** 32-bit FNV-1a of bytes [0, end). */
function checksum(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** What both kinds of moments start with: counts, extremes and the shift. */
type MomentsHead = Pick<AccumulatorData, 'count' | 'nonFinite' | 'min' | 'max' | 'shift'>;

function writeMomentsHead(w: Writer, m: MomentsHead): void {
  w.f64(m.count);
  w.f64(m.nonFinite);
  w.f64(m.min);
  w.f64(m.max);
  w.u8(m.shift === undefined ? 0 : 1);
  w.f64(m.shift ?? 0);
}

function readMomentsHead(r: Reader, what: string): MomentsHead {
  const count = r.f64(what);
  const nonFinite = r.f64(what);
  const min = r.f64(what);
  const max = r.f64(what);
  const hasShift = r.u8(what) === 1;
  const shift = r.f64(what);
  return { count, nonFinite, min, max, shift: hasShift ? shift : undefined };
}

function writeMoments(w: Writer, m: AccumulatorData): void {
  writeMomentsHead(w, m);
  w.f64s(m.sum);
  w.f64s(m.squares);
  const groups = m.groups;
  w.u32(groups === null ? 0 : groups.counts.length);
  if (groups !== null) {
    w.f64s(groups.counts);
    for (const sum of groups.sums) w.f64s(sum);
  }
}

function readMoments(r: Reader): AccumulatorData {
  const what = 'a node’s moments';
  const head = readMomentsHead(r, what);
  const sum = [...r.f64s(what)];
  const squares = [...r.f64s(what)];
  const groupCount = r.u32(what);
  let groups: AccumulatorData['groups'] = null;
  if (groupCount > 0) {
    const counts = [...r.f64s(what)];
    if (counts.length !== groupCount) throw invalidEncoding('group counts of the wrong length');
    const sums = Array.from({ length: groupCount }, () => [...r.f64s(what)]);
    groups = { counts, sums };
  }
  return { ...head, sum, squares, groups };
}

function writeSketch(w: Writer, s: QuantileSketchState): void {
  w.f64(s.relativeAccuracy);
  w.f64(s.count);
  w.f64(s.nonFinite);
  w.f64(s.zeros);
  w.f64(s.min);
  w.f64(s.max);
  w.f64(s.positiveOffset);
  w.counts(s.positiveCounts);
  w.f64(s.negativeOffset);
  w.counts(s.negativeCounts);
}

function readSketch(r: Reader): QuantileSketchState {
  const what = 'a sketch';
  return {
    relativeAccuracy: r.f64(what),
    count: r.f64(what),
    nonFinite: r.f64(what),
    zeros: r.f64(what),
    min: r.f64(what),
    max: r.f64(what),
    positiveOffset: r.f64(what),
    positiveCounts: r.counts(what),
    negativeOffset: r.f64(what),
    negativeCounts: r.counts(what),
  };
}

function writeWeightedMoments(w: Writer, m: WeightedAccumulatorData): void {
  writeMomentsHead(w, m);
  w.f64s(m.weights);
  w.f64s(m.weightSquares);
  w.f64s(m.sum);
  w.f64s(m.squares);
}

function readWeightedMoments(r: Reader): WeightedAccumulatorData {
  const what = 'a node’s weighted moments';
  return {
    ...readMomentsHead(r, what),
    weights: [...r.f64s(what)],
    weightSquares: [...r.f64s(what)],
    sum: [...r.f64s(what)],
    squares: [...r.f64s(what)],
  };
}

/**
 * A weighted sketch's buckets: per bucket a tag — 0 no weight; 1 an exact sum of finite terms only,
 * its parts follow (a varint count, then float64s); 2 any other exact sum, its whole state follows —
 * so that a bucket usually takes one or two float64s.
 */
function writeWeightedBuckets(w: Writer, buckets: WeightedBucketsState): void {
  w.f64(buckets.offset);
  w.u32(buckets.masses.length);
  for (const mass of buckets.masses) {
    if (mass.length === 0) {
      w.u8(0);
      continue;
    }
    // ExactSum state: [special, infinite, finite parts…, NaN, scaled big parts…].
    const plain = mass[0] === 0 && mass[1] === 0 && Number.isNaN(mass[mass.length - 1]);
    const numbers = plain ? mass.slice(2, -1) : mass;
    w.u8(plain ? 1 : 2);
    w.varint(numbers.length);
    for (const x of numbers) w.f64(x);
  }
}

function readWeightedBuckets(r: Reader): WeightedBucketsState {
  const what = 'a weighted sketch’s buckets';
  const offset = r.f64(what);
  const n = r.u32(what);
  r.need(n, what);
  const masses: number[][] = [];
  for (let j = 0; j < n; j++) {
    const tag = r.u8(what);
    if (tag === 0) {
      masses.push([]);
      continue;
    }
    if (tag !== 1 && tag !== 2) throw invalidEncoding(`a weighted bucket has tag ${tag}`);
    const length = r.varint(what);
    r.need(length * 8, what);
    const numbers = Array.from({ length }, () => r.f64(what));
    masses.push(tag === 1 ? [0, 0, ...numbers, Number.NaN] : numbers);
  }
  return { offset, masses };
}

function writeWeightedNode(w: Writer, node: PartialWeightedNode): void {
  writeWeightedMoments(w, node.moments);
  const s: WeightedSketchState = node.sketch;
  w.f64(s.relativeAccuracy);
  w.f64(s.count);
  w.f64(s.nonFinite);
  w.f64(s.min);
  w.f64(s.max);
  w.f64s(s.zeros);
  writeWeightedBuckets(w, s.positive);
  writeWeightedBuckets(w, s.negative);
}

function readWeightedNode(r: Reader): PartialWeightedNode {
  const moments = readWeightedMoments(r);
  const what = 'a weighted sketch';
  const sketch: WeightedSketchState = {
    relativeAccuracy: r.f64(what),
    count: r.f64(what),
    nonFinite: r.f64(what),
    min: r.f64(what),
    max: r.f64(what),
    zeros: [...r.f64s(what)],
    positive: readWeightedBuckets(r),
    negative: readWeightedBuckets(r),
  };
  return { moments, sketch };
}

/**
 * Checks what every encoding of this file starts and ends with — the bytes' type, the magic, the
 * format version and the checksum — and returns a reader placed after the version.
 */
function openEncoded(
  where: string,
  bytes: Uint8Array,
  magic: string,
  version: number,
  what: string,
): { r: Reader; format: number } {
  if (!(bytes instanceof Uint8Array)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: bytes must be a Uint8Array (a Buffer is one), got ${typeof bytes}`,
      { parameter: 'bytes' },
    );
  }
  for (let i = 0; i < magic.length; i++) {
    if (bytes.length <= i || bytes[i] !== magic.charCodeAt(i)) {
      throw invalidEncoding(`it does not start with ${magic} (${what})`);
    }
  }
  const r = new Reader(bytes);
  r.at = magic.length;
  const format = r.u32('the format version');
  if (format !== version) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: the part has format ${format}; this salvo reads format ${version}`,
      { parameter: 'bytes', value: format },
    );
  }
  if (bytes.length < magic.length + 8) throw invalidEncoding('it is too short');
  const stored = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(
    0,
    true,
  );
  if (stored !== checksum(bytes, bytes.length - 4)) {
    throw invalidEncoding('its checksum does not match its contents (a corrupted file?)');
  }
  return { r, format };
}

/**
 * A partial run as bytes, for a file, a job queue or a network: every number bit for bit.
 * @param partial - a part from {@link runPartial}
 * @returns its encoding (format {@link PARTIAL_FORMAT})
 * @example
 * ```ts
 * import { decodePartial, encodePartial, model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 10_000, segments: [0, 3] });
 * const bytes = encodePartial(part);
 * decodePartial(bytes).nodes[0].moments?.count; // => 10000
 * ```
 */
export function encodePartial(partial: PartialRun): Uint8Array {
  const w = new Writer();
  for (let i = 0; i < MAGIC.length; i++) w.u8(MAGIC.charCodeAt(i));
  w.u32(partial.format);
  w.string(partial.libraryVersion);
  w.string(partial.fingerprint);
  if (typeof partial.seed === 'number') {
    w.u8(0);
    w.f64(partial.seed);
  } else {
    w.u8(1);
    w.string(partial.seed);
  }
  w.f64(partial.samples);
  w.f64(partial.segmentLength);
  w.f64(partial.segmentCount);
  w.f64(partial.segments[0]);
  w.f64(partial.segments[1]);
  w.string(partial.sampling);
  w.f64s(partial.quantiles);
  w.u32(partial.nodes.length);
  for (const node of partial.nodes) {
    w.string(node.name);
    // 1: the node's summary follows; 0: an input left out (lazyInputs).
    w.u8(node.moments === null || node.sketch === null ? 0 : 1);
    if (node.moments !== null && node.sketch !== null) {
      writeMoments(w, node.moments);
      writeSketch(w, node.sketch);
    }
    w.u32(node.groupSketches === null ? 0 : node.groupSketches.length);
    for (const g of node.groupSketches ?? []) writeSketch(w, g);
    // 1: threshold counts follow (values, less, equal); 0: none.
    w.u8(node.thresholds === null ? 0 : 1);
    if (node.thresholds !== null) {
      w.f64s(node.thresholds.values);
      w.f64s(node.thresholds.less);
      w.f64s(node.thresholds.equal);
    }
    // 1: exact-quantile windows follow (the grid, the windows, the bucket counts); 0: none.
    w.u8(node.windows === null ? 0 : 1);
    if (node.windows !== null) {
      const win = node.windows;
      w.f64(win.keyMin);
      w.f64(win.shift);
      w.f64(win.buckets);
      w.f64s(win.first);
      w.f64s(win.last);
      w.f64s(win.capacity);
      w.counts(win.counts);
      w.f64s(win.seen);
    }
    // 1: the node's weighted summary follows (a model with evidence); 0: none.
    w.u8(node.weighted === null ? 0 : 1);
    if (node.weighted !== null) writeWeightedNode(w, node.weighted);
  }
  // 1: the part's Σw and Σw² follow; 0: none.
  w.u8(partial.weights === null ? 0 : 1);
  if (partial.weights !== null) {
    w.f64s(partial.weights.sum);
    w.f64s(partial.weights.squares);
  }
  const body = w.result();
  w.u32(checksum(body, body.length));
  return w.result();
}

/**
 * Reads {@link encodePartial}'s bytes back. The part is checked against its model when merged
 * ({@link mergePartials}); here, that the bytes are whole and of a format this salvo reads.
 * @param bytes - an encoded partial run
 * @returns the partial run
 * @throws {@link SalvoError} `INVALID_ENCODING` for bytes that are not a partial run (another file,
 *   a truncated or corrupted one), `PARTIAL_MISMATCH` for a format version this salvo does not read
 * @example
 * ```ts
 * import { decodePartial } from 'salvo';
 * try {
 *   decodePartial(new Uint8Array([1, 2, 3]));
 * } catch (error) {
 *   (error as { code: string }).code; // => 'INVALID_ENCODING'
 * }
 * ```
 */
export function decodePartial(bytes: Uint8Array): PartialRun {
  const { r, format } = openEncoded('decodePartial', bytes, MAGIC, PARTIAL_FORMAT, 'a partial run');
  const header = 'the header';
  const libraryVersion = r.string(header);
  const fingerprint = r.string(header);
  const seed = r.u8(header) === 0 ? r.f64(header) : r.string(header);
  const samples = r.f64(header);
  const segmentLength = r.f64(header);
  const segmentCount = r.f64(header);
  const segments: [number, number] = [r.f64(header), r.f64(header)];
  const sampling = r.string(header) as PartialRun['sampling'];
  const quantiles = [...r.f64s(header)];
  const nodeCount = r.u32(header);
  const nodes: PartialNode[] = [];
  for (let j = 0; j < nodeCount; j++) {
    const name = r.string('a node’s name');
    const present = r.u8('a node’s summary flag') === 1;
    const moments = present ? readMoments(r) : null;
    const sketch = present ? readSketch(r) : null;
    const groupCount = r.u32('the group sketches');
    const groupSketches =
      groupCount === 0 ? null : Array.from({ length: groupCount }, () => readSketch(r));
    let thresholds: PartialNode['thresholds'] = null;
    if (r.u8('a node’s thresholds flag') === 1) {
      const what = 'a node’s threshold counts';
      const values = [...r.f64s(what)];
      const less = [...r.f64s(what)];
      const equal = [...r.f64s(what)];
      if (less.length !== values.length || equal.length !== values.length) {
        throw invalidEncoding('threshold counts of the wrong length');
      }
      thresholds = { values, less, equal };
    }
    let windows: PartialNode['windows'] = null;
    if (r.u8('a node’s windows flag') === 1) {
      const what = 'a node’s exact-quantile windows';
      const keyMin = r.f64(what);
      const shift = r.f64(what);
      const buckets = r.f64(what);
      const first = [...r.f64s(what)];
      const last = [...r.f64s(what)];
      const capacity = [...r.f64s(what)];
      const counts = Int32Array.from(r.counts(what));
      const seen = [...r.f64s(what)];
      if (
        counts.length !== buckets ||
        last.length !== first.length ||
        seen.length !== first.length
      ) {
        throw invalidEncoding('exact-quantile windows of inconsistent lengths');
      }
      windows = { keyMin, shift, buckets, first, last, capacity, counts, seen };
    }
    const weighted = r.u8('a node’s weighted flag') === 1 ? readWeightedNode(r) : null;
    nodes.push({ name, moments, sketch, groupSketches, thresholds, windows, weighted });
  }
  const weights =
    r.u8('the weights flag') === 1
      ? { sum: [...r.f64s('the part’s weights')], squares: [...r.f64s('the part’s weights')] }
      : null;
  if (r.at !== bytes.length - 4) {
    throw invalidEncoding(`${bytes.length - 4 - r.at} bytes follow the last node`);
  }
  return {
    format,
    libraryVersion,
    fingerprint,
    seed,
    samples,
    segmentLength,
    segmentCount,
    segments,
    sampling,
    quantiles,
    nodes,
    weights,
  };
}

/** The first bytes of a second-pass part's encoding (a partial run's are `SALVOPRT`). */
export const GATHER_MAGIC = 'SALVOGTH';
/** The version of the second pass's encoding ({@link encodeGather}). */
const GATHER_FORMAT = 1;

/**
 * A second-pass part ({@link runGather}) as bytes, every value bit for bit (-0 and all): for a file, a
 * job queue or a network, as {@link encodePartial} is for the first pass.
 * @param part - a part from {@link runGather}
 * @returns its encoding
 * @example
 * ```ts
 * import { decodeGather, encodeGather, gatherRequest, model, normal, runGather, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 200_000, segments: [0, 49], exactQuantiles: ['x'] });
 * const request = gatherRequest(m, [part]);
 * const gathered = request && runGather(m, request, { segments: [0, 49] });
 * gathered && decodeGather(encodeGather(gathered)).nodes[0].values.length ===
 *   gathered.nodes[0].values.length; // => true
 * ```
 */
export function encodeGather(part: GatherPart): Uint8Array {
  const w = new Writer();
  for (let i = 0; i < GATHER_MAGIC.length; i++) w.u8(GATHER_MAGIC.charCodeAt(i));
  w.u32(GATHER_FORMAT);
  w.string(part.libraryVersion);
  w.string(part.fingerprint);
  w.f64(part.samples);
  w.f64(part.segmentCount);
  w.f64(part.segments[0]);
  w.f64(part.segments[1]);
  w.u32(part.nodes.length);
  for (const node of part.nodes) {
    w.string(node.name);
    w.f64s(node.gather);
    w.f64s(node.values);
  }
  const body = w.result();
  w.u32(checksum(body, body.length));
  return w.result();
}

/**
 * Reads {@link encodeGather}'s bytes back.
 * @param bytes - an encoded second-pass part
 * @returns the part
 * @throws {@link SalvoError} `INVALID_ENCODING` for bytes that are not one (another file, a truncated
 *   or corrupted one), `PARTIAL_MISMATCH` for a version this salvo does not read
 * @example
 * ```ts
 * import { decodeGather } from 'salvo';
 * try {
 *   decodeGather(new Uint8Array(4));
 * } catch (error) {
 *   (error as { code: string }).code; // => 'INVALID_ENCODING'
 * }
 * ```
 */
export function decodeGather(bytes: Uint8Array): GatherPart {
  const { r } = openEncoded(
    'decodeGather',
    bytes,
    GATHER_MAGIC,
    GATHER_FORMAT,
    'a second-pass part',
  );
  const header = 'the header';
  const libraryVersion = r.string(header);
  const fingerprint = r.string(header);
  const samples = r.f64(header);
  const segmentCount = r.f64(header);
  const segments: [number, number] = [r.f64(header), r.f64(header)];
  const nodeCount = r.u32(header);
  const nodes: GatherPart['nodes'][number][] = [];
  for (let j = 0; j < nodeCount; j++) {
    const name = r.string('a node’s name');
    const gather = [...r.f64s('a node’s buckets')];
    const values = r.f64s('a node’s values');
    nodes.push({ name, gather, values });
  }
  if (r.at !== bytes.length - 4) {
    throw invalidEncoding(`${bytes.length - 4 - r.at} bytes follow the last node`);
  }
  return { libraryVersion, fingerprint, samples, segmentCount, segments, nodes };
}
