/**
 * The expression parser of 'salvo': mathjs's parser and nothing else of mathjs.
 * @module
 */
// mathjs's number-only entry: the same parser, without the BigNumber, Complex, Fraction and matrix
// machinery that the full entry builds at import (importing it measured markedly faster than importing
// 'mathjs': docs/performance.md, "Design decisions and their measurements"; salvo's expressions are
// numbers only).
// Only the minimal factory `parseDependencies` is created, so a bundler keeps the parser alone.
import { create, parseDependencies } from 'mathjs/number';

// Created on first parse, not at load: importing this module costs nothing until a text is parsed.
let parse: ((source: string) => unknown) | undefined;

/** Parses expression text into a mathjs node tree. @internal */
export function parseWithMathjs(source: string): unknown {
  parse ??= create({ parseDependencies }).parse as (source: string) => unknown;
  return parse(source);
}
