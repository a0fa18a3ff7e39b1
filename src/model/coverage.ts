/**
 * Ranges of a run's segments as its parts cover them: a part's range checked against the run's
 * segment count, walked a block at a time, and a set of parts checked to tile a range with no gap and
 * no overlap (shared by the first pass's parts, src/model/partial.ts, and the second pass's,
 * src/model/gather.ts).
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { SEGMENT_LENGTH } from './definition.js';

/** Throws `INVALID_PARAMETER` unless `parts` is a non-empty array (of `what`, for the message). */
export function requireSomeParts(
  where: string,
  parameter: string,
  parts: unknown,
  what: string,
): void {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be a non-empty array of ${what}, got ${show(parts)}`,
      { parameter, value: parts },
    );
  }
}

/**
 * The range the parts span, from the smallest first segment to the largest end, and the parts that
 * tile it (each range once), as {@link tilingParts} checks them.
 */
export function spannedParts<T extends { readonly segments: readonly [number, number] }>(
  where: string,
  parts: readonly T[],
  segmentCount: number,
): { start: number; end: number; distinct: T[] } {
  const start = Math.min(...parts.map((p) => p.segments[0]));
  const end = Math.max(...parts.map((p) => p.segments[1]));
  return { start, end, distinct: tilingParts(where, parts, start, end, segmentCount) };
}

/** Throws `INVALID_PARAMETER` unless `segments` is `[from, to]` with 0 <= from < to <= segmentCount. */
export function requireSegments(
  where: string,
  segments: unknown,
  segmentCount: number,
): readonly [number, number] {
  const ok =
    Array.isArray(segments) &&
    segments.length === 2 &&
    Number.isSafeInteger(segments[0]) &&
    Number.isSafeInteger(segments[1]) &&
    segments[0] >= 0 &&
    segments[0] < segments[1] &&
    segments[1] <= segmentCount;
  if (!ok) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: segments must be [from, to] with integers 0 <= from < to <= ${segmentCount} (the run's segments of ${SEGMENT_LENGTH} samples), got ${show(segments)}`,
      { parameter: 'segments', value: segments },
    );
  }
  return [segments[0], segments[1]];
}

/**
 * The parts to add: each range once (a repeated range is a duplicate delivery), after checking that
 * the ranges tile [start, end) of a run of `segmentCount` segments with no gap and no overlap; throws
 * `PARTIAL_COVERAGE` naming the segments missing or covered twice.
 */
export function tilingParts<T extends { readonly segments: readonly [number, number] }>(
  where: string,
  parts: readonly T[],
  start: number,
  end: number,
  segmentCount: number,
): T[] {
  const byRange = new Map<string, T>();
  for (const part of parts) {
    const key = `${part.segments[0]},${part.segments[1]}`;
    if (!byRange.has(key)) byRange.set(key, part);
  }
  const distinct = [...byRange.values()].sort((a, b) => a.segments[0] - b.segments[0]);
  let next = start;
  for (const part of distinct) {
    const [from, to] = part.segments;
    if (from > next) {
      throw new SalvoError(
        'PARTIAL_COVERAGE',
        `${where}: segments [${next}, ${from}) are in no part (the run has ${segmentCount} segments)`,
        { parameter: 'partials', value: [next, from] },
      );
    }
    if (from < next) {
      throw new SalvoError(
        'PARTIAL_COVERAGE',
        `${where}: segments [${from}, ${Math.min(to, next)}) are in two different parts; each segment must be in exactly one (a repeated part with the same segments is accepted once)`,
        { parameter: 'partials', value: [from, Math.min(to, next)] },
      );
    }
    next = to;
  }
  if (next < end) {
    throw new SalvoError(
      'PARTIAL_COVERAGE',
      `${where}: segments [${next}, ${end}) are in no part (the run has ${segmentCount} segments)`,
      { parameter: 'partials', value: [next, end] },
    );
  }
  return distinct;
}

/**
 * The samples of a part's segments `[from, to)`, handed out a block at a time to a runner that steps
 * through them (its progress read between steps).
 */
export class SegmentCursor {
  /** Samples of the range. */
  readonly samples: number;
  private next: number;
  private readonly end: number;

  constructor(
    segments: readonly [number, number],
    total: number,
    private readonly block: number,
  ) {
    this.next = segments[0] * SEGMENT_LENGTH;
    this.end = Math.min(segments[1] * SEGMENT_LENGTH, total);
    this.samples = this.end - this.next;
  }

  /** Whether every sample of the range has been handed out. */
  get done(): boolean {
    return this.next >= this.end;
  }

  /** Samples handed out so far. */
  get samplesDone(): number {
    return this.samples - (this.end - this.next);
  }

  /** The next block, `[first, first + length)` (a block starts a segment); advances past it. */
  take(): { first: number; length: number } {
    const first = this.next;
    const length = Math.min(this.block, this.end - first);
    this.next = first + length;
    return { first, length };
  }
}
